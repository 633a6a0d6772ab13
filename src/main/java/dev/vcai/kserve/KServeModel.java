package dev.vcai.kserve;

import inference.GrpcService.ModelInferRequest;
import inference.GrpcService.ModelInferResponse;
import inference.ModelConfigOuterClass.ModelConfig;
import java.util.function.Consumer;

/**
 * A model the KServe server can run. The server has already checked the request against {@link #config()} (names,
 * types, shapes, batch size) when {@link #infer} is called.
 */
public interface KServeModel {
    ModelConfig config();

    /**
     * Answers one request: exactly one response for an ordinary model, any number for a decoupled one (the server
     * marks the last with {@code triton_final_response}). The response's id and model name are filled in by the server.
     *
     * @throws KServeError the request cannot be run; the message goes back to the client
     */
    void infer(ModelInferRequest request, Consumer<ModelInferResponse.Builder> responses) throws KServeError;
}
