package dev.vcai.kserve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.vcai.triton.Tensors;
import inference.GRPCInferenceServiceGrpc;
import inference.GrpcService.ModelInferRequest;
import inference.GrpcService.ModelInferResponse;
import inference.GrpcService.ModelMetadataRequest;
import inference.GrpcService.ModelMetadataResponse;
import inference.GrpcService.ModelReadyRequest;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The server checks requests as Triton does, with Triton's messages, using nothing but the generated stub. */
class KServeServerTest {
    static final int FEATURES = 18653;
    static KServeServer server;
    static ManagedChannel channel;
    static GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub stub;

    @BeforeAll
    static void start() throws Exception {
        server = KServeServer.builder().repository(Path.of("triton-model-repo")).inProcess("kserve-server-test").start();
        channel = InProcessChannelBuilder.forName("kserve-server-test").directExecutor().build();
        stub = GRPCInferenceServiceGrpc.newBlockingStub(channel);
    }

    @AfterAll
    static void stop() {
        channel.shutdownNow();
        server.close();
    }

    static ModelInferRequest request(int rows, UnaryOperator<ModelInferRequest.Builder> change) {
        ModelInferRequest.Builder request = ModelInferRequest.newBuilder().setModelName("change_type").setId("r1")
                .addInputs(ModelInferRequest.InferInputTensor.newBuilder().setName("input").setDatatype("FP32").addShape(rows).addShape(FEATURES))
                .addRawInputContents(Tensors.fp32(new float[rows * FEATURES]));
        return change.apply(request).build();
    }

    static String refusal(ModelInferRequest request) {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> stub.modelInfer(request));
        return e.getStatus().getCode() + ": " + e.getStatus().getDescription();
    }

    @Test
    void listsEveryModelAndServesOnlyWhatItCanRun() {
        assertTrue(stub.modelReady(ModelReadyRequest.newBuilder().setName("change_type").build()).getReady());
        assertFalse(stub.modelReady(ModelReadyRequest.newBuilder().setName("commit_llm").build()).getReady());
        assertEquals(List.of("change_type"), server.models().stream().filter(KServeServer.ModelStatus::ready).map(KServeServer.ModelStatus::name).toList());
        assertTrue(server.models().stream().filter(m -> m.name().equals("commit_llm")).findFirst().orElseThrow().failure()
                .startsWith("backend 'vllm' is not available here"));
        ModelMetadataResponse metadata = stub.modelMetadata(ModelMetadataRequest.newBuilder().setName("change_type").build());
        assertEquals(List.of(-1L, (long) FEATURES), metadata.getInputs(0).getShapeList());
        assertEquals("FP32", metadata.getOutputs(0).getDatatype());
    }

    @Test
    void answersWithOneProbabilityRowPerCommitInTheRequestOrder() {
        ModelInferResponse response = stub.modelInfer(request(3, r -> r));
        assertEquals("r1", response.getId());
        assertEquals(List.of(3L, 9L), response.getOutputs(0).getShapeList());
        float[] probabilities = Tensors.fp32(response.getRawOutputContents(0));
        assertEquals(27, probabilities.length);
        float sum = 0;
        for (int i = 0; i < 9; i++) {
            sum += probabilities[i];
        }
        assertEquals(1f, sum, 1e-4f);
    }

    @Test
    void refusesWhatTritonRefusesWithTritonsWords() {
        assertEquals("NOT_FOUND: Request for unknown model: 'nope' is not found", refusal(request(1, r -> r.setModelName("nope"))));
        assertEquals("UNAVAILABLE: Request for unknown model: 'commit_llm' has no available versions",
                refusal(request(1, r -> r.setModelName("commit_llm"))));
        assertEquals("INVALID_ARGUMENT: [request id: r1] inference input 'input' data-type is 'FP64', but model 'change_type' expects 'FP32'",
                refusal(request(1, r -> r.setInputs(0, r.getInputs(0).toBuilder().setDatatype("FP64")))));
        assertEquals("INVALID_ARGUMENT: [request id: r1] unexpected shape for input 'input' for model 'change_type'. Expected [-1,18653], got [1,100]. ",
                refusal(request(1, r -> r.setInputs(0, r.getInputs(0).toBuilder().setShape(1, 100)))));
        assertEquals("INVALID_ARGUMENT: [request id: r1] inference request batch-size must be <= 64 for 'change_type'",
                refusal(request(65, r -> r)));
        assertEquals("INVALID_ARGUMENT: [request id: r1] unexpected inference input 'tokens' for model 'change_type'",
                refusal(request(1, r -> r.setInputs(0, r.getInputs(0).toBuilder().setName("tokens")))));
        assertEquals("INVALID_ARGUMENT: [request id: r1] expected 1 inputs but got 0 inputs for model 'change_type'. Got input(s) [], "
                + "but missing required input(s) ['input']. Please provide all required input(s).",
                refusal(request(1, r -> r.clearInputs().clearRawInputContents())));
        assertEquals("INVALID_ARGUMENT: [request id: r1] input byte size mismatch for input 'input' for model 'change_type'. Expected 74612, got 8",
                refusal(request(1, r -> r.setRawInputContents(0, ByteString.copyFrom(new byte[8])))));
        assertEquals("INVALID_ARGUMENT: [request id: r1] unexpected inference output 'logits' for model 'change_type'",
                refusal(request(1, r -> r.addOutputs(ModelInferRequest.InferRequestedOutputTensor.newBuilder().setName("logits")))));
    }
}
