package dev.vcai.triton;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vcai.model.ChangeTypeModel;
import dev.vcai.model.EmbeddedModel;
import dev.vcai.model.Prediction;
import io.grpc.Status;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each way Triton fails: a clear message, the fallback's answers when one is set (every commit once, in order) and
 * the failure itself when none is (fail closed).
 */
class TritonFaultsTest {
    static Reference reference;

    @BeforeAll
    static void load() throws Exception {
        reference = Reference.of("go-kratos/kratos", 64);
    }

    @AfterAll
    static void close() {
        reference.close();
    }

    /** Every commit answered once, in order, with the embedded model's type (Triton's or the fallback's: the same). */
    static void assertNothingLostOrDuplicated(List<Prediction> predictions) {
        assertEquals(reference.expected().stream().map(p -> p.type() + " " + p.confidence()).toList(),
                predictions.stream().map(p -> p.type() + " " + p.confidence()).toList());
    }

    /** A fallback that answers like the embedded model but can be told apart, and is not closed by the test's model. */
    static ChangeTypeModel fallback() throws Exception {
        return EmbeddedModel.shipped();
    }

    static int deadPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void serverDownAtStartFallsBackOnceWithTheReasonOrFailsClosed() throws Exception {
        String target = "127.0.0.1:" + deadPort();
        try (TritonClient client = TritonClient.builder(target).deadline(Duration.ofSeconds(2)).build();
             ChangeTypeModel model = TritonModel.builder(client, reference.embedded().file()).fallback(fallback()).build()) {
            List<Prediction> predictions = model.classify(reference.commits());
            assertNothingLostOrDuplicated(predictions);
            String reason = predictions.get(0).model().fallback();
            assertTrue(reason.startsWith("Triton at " + target + " is unreachable"), reason);
            assertTrue(predictions.stream().allMatch(p -> p.model().backend().equals("embedded") && reason.equals(p.model().fallback())));
        }
        try (TritonClient client = TritonClient.builder(target).deadline(Duration.ofSeconds(2)).build()) {
            TritonException failure = assertThrows(TritonException.class, () -> TritonModel.builder(client, reference.embedded().file()).build());
            assertTrue(failure.getMessage().startsWith("Triton at " + target + " is unreachable"), failure.getMessage());
        }
    }

    @Test
    void serverDyingMidRangeLosesNoCommit() throws Exception {
        try (KServeFixture server = KServeFixture.loopback(); TritonClient client = server.client().maxInFlight(1).build();
             ChangeTypeModel model = TritonModel.builder(client, reference.embedded().file()).batchSize(4).fallback(fallback()).build()) {
            server.faults.dieAfter = 3;
            List<Prediction> predictions = model.classify(reference.commits());
            assertNothingLostOrDuplicated(predictions);
            assertEquals(12, predictions.stream().filter(p -> p.model().backend().equals("triton")).count(), "3 batches of 4 before it died");
            assertTrue(predictions.subList(12, 64).stream().allMatch(p -> p.model().fallback() != null));
        }
    }

    @Test
    void serverDyingMidRangeFailsClosedWithoutAFallback() throws Exception {
        try (KServeFixture server = KServeFixture.loopback(); TritonClient client = server.client().build();
             ChangeTypeModel model = TritonModel.builder(client, reference.embedded().file()).batchSize(4).build()) {
            server.faults.dieAfter = 2;
            TritonException failure = assertThrows(TritonException.class, () -> model.classify(reference.commits()));
            assertTrue(failure.getMessage().matches("Triton at 127.0.0.1:\\d+ (is unreachable|dropped the call|is skipped after repeated failures).*"),
                    failure.getMessage());
        }
    }

    @Test
    void aSlowServerCostsOneDeadlineThenTheBreakerSkipsIt() throws Exception {
        try (KServeFixture server = KServeFixture.loopback();
             TritonClient client = server.client().deadline(Duration.ofMillis(200)).maxInFlight(2).build();
             ChangeTypeModel model = TritonModel.builder(client, reference.embedded().file()).batchSize(2).fallback(fallback()).build()) {
            server.faults.delayMillis = 1000;
            List<Prediction> predictions = model.classify(reference.commits());
            assertNothingLostOrDuplicated(predictions);
            assertTrue(predictions.get(0).model().fallback().endsWith("did not answer within 200 ms"), predictions.get(0).model().fallback());
            assertTrue(predictions.get(63).model().fallback().contains("skipped after repeated failures"), predictions.get(63).model().fallback());
            assertTrue(server.faults.inferences.get() < 10, "the breaker spared the other batches: " + server.faults.inferences.get() + " of 32 sent");
        }
    }

    @Test
    void aWrongShapeIsRefusedByName() throws Exception {
        try (KServeFixture server = KServeFixture.inProcess(); TritonClient client = server.client().build();
             ChangeTypeModel model = TritonModel.builder(client, reference.embedded().file()).batchSize(4).fallback(fallback()).build()) {
            server.faults.wrongShape = true;
            List<Prediction> predictions = model.classify(reference.commits().subList(0, 4));
            assertEquals(reference.expected().subList(0, 4).stream().map(Prediction::type).toList(), predictions.stream().map(Prediction::type).toList());
            assertTrue(predictions.get(0).model().fallback().contains("answered output 'output' as FP32[4, 8], expected FP32[4, 9]"),
                    predictions.get(0).model().fallback());
        }
    }

    @Test
    void unavailableIsRetriedWithBackoffAndAnsweredOnce() throws Exception {
        try (KServeFixture server = KServeFixture.inProcess(); TritonClient client = server.client().maxInFlight(1).build();
             ChangeTypeModel model = TritonModel.builder(client, reference.embedded().file()).batchSize(16).build()) {
            server.faults.unavailable.set(2);
            int before = server.faults.inferences.get();
            assertNothingLostOrDuplicated(model.classify(reference.commits()));
            assertEquals(4 + 2, server.faults.inferences.get() - before, "4 batches of 16 (1 MB each), the first sent 3 times");
        }
    }

    @Test
    void anErrorStatusIsReportedWithItsCodeAndDoesNotOpenTheBreaker() throws Exception {
        try (KServeFixture server = KServeFixture.inProcess(); TritonClient client = server.client().build();
             ChangeTypeModel model = TritonModel.builder(client, reference.embedded().file()).batchSize(64).build()) {
            server.faults.error = Status.INTERNAL.withDescription("onnx runtime error 6: out of memory");
            int before = server.faults.inferences.get();
            TritonException failure = assertThrows(TritonException.class, () -> model.classify(reference.commits()));
            assertEquals(1, server.faults.inferences.get() - before, "one request of 64 commits, INTERNAL not retried");
            assertTrue(failure.getMessage().endsWith("answered INTERNAL: onnx runtime error 6: out of memory"), failure.getMessage());
            server.faults.error = null;
            assertNothingLostOrDuplicated(model.classify(reference.commits()));
        }
    }

    @Test
    void aModelThatIsNotReadyFailsTheStartUpCheck(@TempDir Path tmp) throws Exception {
        Path repository = tmp.resolve("repo");
        Files.createDirectories(repository.resolve("change_type/1"));
        Files.copy(KServeFixture.REPOSITORY.resolve("change_type/config.pbtxt"), repository.resolve("change_type/config.pbtxt"));
        Files.writeString(repository.resolve("change_type/1/model.onnx"), "not an onnx file");
        try (KServeFixture server = KServeFixture.loopback(repository); TritonClient client = server.client().build()) {
            TritonException failure = assertThrows(TritonException.class, () -> TritonModel.builder(client, reference.embedded().file()).build());
            assertEquals("Triton at " + server.target() + " has model 'change_type' but it is not ready (see the server's log)", failure.getMessage());
            try (ChangeTypeModel model = TritonModel.builder(client, reference.embedded().file()).fallback(fallback()).build()) {
                assertEquals(failure.getMessage(), model.identity().fallback());
                assertNothingLostOrDuplicated(model.classify(reference.commits()));
            }
        }
    }

    @Test
    void aConfigThatDiffersFromTheModelFileIsNamed(@TempDir Path tmp) throws Exception {
        Path repository = tmp.resolve("repo");
        Files.createDirectories(repository.resolve("change_type/1"));
        Files.writeString(repository.resolve("change_type/config.pbtxt"), Files.readString(KServeFixture.REPOSITORY.resolve("change_type/config.pbtxt"))
                .replace("dims: [ 18653 ]", "dims: [ 15000 ]"));
        Files.copy(KServeFixture.REPOSITORY.resolve("change_type/1/model.onnx"), repository.resolve("change_type/1/model.onnx"));
        try (KServeFixture server = KServeFixture.loopback(repository); TritonClient client = server.client().build()) {
            TritonException failure = assertThrows(TritonException.class, () -> TritonModel.builder(client, reference.embedded().file()).build());
            assertEquals("Triton model 'change_type' at " + server.target() + ": input 'input' has shape [-1, 15000], vcai's model needs "
                    + "[-1, 18653] (first dimension: the batch)", failure.getMessage());
        }
    }

    @Test
    void tlsAgainstAPlaintextServerSaysSo() throws Exception {
        try (KServeFixture server = KServeFixture.loopback();
             TritonClient client = TritonClient.builder(server.target()).tls(true).deadline(Duration.ofSeconds(3)).build();
             ChangeTypeModel model = TritonModel.builder(client, reference.embedded().file()).fallback(fallback()).build()) {
            String reason = model.identity().fallback();
            assertTrue(reason.startsWith("TLS with Triton at " + server.target() + " failed"), reason);
            assertNothingLostOrDuplicated(model.classify(reference.commits()));
        }
    }

    @Test
    void credentialsGoWithEveryCallAndARefusalSaysSo() throws Exception {
        io.grpc.Metadata.Key<String> authorization = io.grpc.Metadata.Key.of("authorization", io.grpc.Metadata.ASCII_STRING_MARSHALLER);
        io.grpc.Metadata.Key<String> apiKey = io.grpc.Metadata.Key.of("x-api-key", io.grpc.Metadata.ASCII_STRING_MARSHALLER);
        try (KServeFixture server = KServeFixture.inProcess();
             TritonClient client = server.client().bearerToken("t0ken").header("x-api-key", "k3y").build();
             ChangeTypeModel model = TritonModel.builder(client, reference.embedded().file()).build()) {
            assertNothingLostOrDuplicated(model.classify(reference.commits()));
            assertEquals("Bearer t0ken", server.faults.lastHeaders.get(authorization));
            assertEquals("k3y", server.faults.lastHeaders.get(apiKey));
            server.faults.error = Status.UNAUTHENTICATED.withDescription("invalid token");
            TritonException failure = assertThrows(TritonException.class, () -> model.classify(reference.commits()));
            assertTrue(failure.getMessage().endsWith("refused vcai's credentials (UNAUTHENTICATED): invalid token"), failure.getMessage());
        }
        try (KServeFixture server = KServeFixture.inProcess(); TritonClient client = server.client().build();
             ChangeTypeModel model = TritonModel.builder(client, reference.embedded().file()).build()) {
            model.classify(reference.commits().subList(0, 1));
            assertEquals(null, server.faults.lastHeaders.get(authorization), "no credentials unless configured");
        }
    }

    @Test
    void aMissingCaFileIsAClearError(@TempDir Path tmp) {
        TritonException failure = assertThrows(TritonException.class,
                () -> TritonClient.builder("127.0.0.1:1").trustCertificates(tmp.resolve("ca.pem")).build());
        assertTrue(failure.getMessage().startsWith("cannot read the CA certificates " + tmp.resolve("ca.pem")), failure.getMessage());
    }
}
