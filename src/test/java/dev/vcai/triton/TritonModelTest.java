package dev.vcai.triton;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vcai.model.ChangeTypeModel;
import dev.vcai.model.Prediction;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Triton model against the real KServe server gives the embedded model's answers, commit for commit. */
class TritonModelTest {
    static Reference reference;

    @BeforeAll
    static void load() throws Exception {
        reference = Reference.of("ratatui-org/ratatui", 300);
    }

    @AfterAll
    static void close() {
        reference.close();
    }

    static void assertSameAnswers(List<Prediction> actual) {
        assertEquals(reference.expected().size(), actual.size());
        for (int i = 0; i < reference.expected().size(); i++) {
            Prediction e = reference.expected().get(i);
            Prediction a = actual.get(i);
            assertEquals(e.type(), a.type(), "commit " + i);
            assertEquals(e.confidence(), a.confidence(), 1e-6, "commit " + i);
            assertEquals(e.runnerUp(), a.runnerUp(), "commit " + i);
            assertEquals(e.drivers(), a.drivers(), "commit " + i);
            assertEquals(e.model().sha256(), a.model().sha256());
        }
    }

    @Test
    void sameCommitsSameAnswersOverLoopback() throws Exception {
        try (KServeFixture server = KServeFixture.loopback(); TritonClient client = server.client().build();
             ChangeTypeModel model = TritonModel.builder(client, reference.embedded().file()).build()) {
            List<Prediction> predictions = model.classify(reference.commits());
            assertSameAnswers(predictions);
            assertTrue(predictions.stream().allMatch(p -> p.model().backend().equals("triton") && p.model().fallback() == null));
            assertEquals((reference.commits().size() + 15) / 16, server.faults.inferences.get(), "batches of 16 commits");
        }
    }

    /** A model name the server does not know is named as such, not as a model that is "not ready". */
    @Test
    void anUnknownModelNameIsSaidToBeMissing() throws Exception {
        try (KServeFixture server = KServeFixture.inProcess(); TritonClient client = server.client().build()) {
            TritonException missing = org.junit.jupiter.api.Assertions.assertThrows(TritonException.class,
                    () -> client.check(TritonModel.expectation("nosuch", reference.embedded().file())));
            assertTrue(missing.getMessage().contains("has no model 'nosuch'"), missing.getMessage());
        }
    }

    @Test
    void sameAnswersInProcessWithOddBatchSizes() throws Exception {
        try (KServeFixture server = KServeFixture.inProcess(); TritonClient client = server.client().build();
             ChangeTypeModel model = TritonModel.builder(client, reference.embedded().file()).batchSize(7).build()) {
            assertSameAnswers(model.classify(reference.commits()));
            assertEquals(List.of(), model.classify(List.of()));
        }
    }

    @Test
    void aLongRangeNeverHasMoreCallsInFlightThanTheWindow() throws Exception {
        try (KServeFixture server = KServeFixture.loopback(); TritonClient client = server.client().maxInFlight(3).build();
             ChangeTypeModel model = TritonModel.builder(client, reference.embedded().file()).batchSize(2).build()) {
            server.faults.delayMillis = 20;
            List<Prediction> predictions = model.classify(reference.commits().subList(0, 40));
            assertEquals(reference.expected().subList(0, 40).stream().map(Prediction::type).toList(), predictions.stream().map(Prediction::type).toList());
            assertEquals(20, server.faults.inferences.get());
            assertTrue(server.faults.maxInFlight.get() <= 3, "in flight at once: " + server.faults.maxInFlight.get());
            assertTrue(server.faults.maxInFlight.get() >= 2, "calls overlap: " + server.faults.maxInFlight.get());
        }
    }

    @Test
    void anAnswerForAnotherRequestIdIsRefused() throws Exception {
        try (KServeFixture server = KServeFixture.loopback(); TritonClient client = server.client().build();
             ChangeTypeModel model = TritonModel.builder(client, reference.embedded().file()).build()) {
            server.faults.wrongId = true;
            TritonException failure = org.junit.jupiter.api.Assertions.assertThrows(TritonException.class,
                    () -> model.classify(reference.commits().subList(0, 3)));
            assertTrue(failure.getMessage().matches(".*answered request 'vcai-\\d+' with id 'vcai-\\d+-other'.*"), failure.getMessage());
        }
    }

    @Test
    void theIdentityNamesTheSameFileAndNoFallback() throws Exception {
        try (KServeFixture server = KServeFixture.inProcess(); TritonClient client = server.client().build();
             ChangeTypeModel model = TritonModel.builder(client, reference.embedded().file()).build()) {
            assertEquals(reference.embedded().identity().sha256(), model.identity().sha256());
            assertEquals("triton", model.identity().backend());
            assertNull(model.identity().fallback());
        }
    }
}
