package dev.vcai.triton;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.vcai.kserve.KServeError;
import dev.vcai.kserve.KServeModel;
import inference.GrpcService.ModelInferRequest;
import inference.GrpcService.ModelInferResponse;
import inference.ModelConfigOuterClass.DataType;
import inference.ModelConfigOuterClass.ModelConfig;
import inference.ModelConfigOuterClass.ModelInput;
import inference.ModelConfigOuterClass.ModelOutput;
import inference.ModelConfigOuterClass.ModelTransactionPolicy;
import io.grpc.Context;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A deterministic decoupled model with the vLLM backend's tensors, standing in for the LLM Triton would host: it
 * answers the classifier's hint and the subject back as JSON, streamed in three deltas. A marker in the prompt asks
 * for a bad answer: {@code [llm:malformed]}, {@code [llm:truncated]}, {@code [llm:unknown-type]} or
 * {@code [llm:never-final]} (deltas, then silence until the client gives up); {@code [llm:error]} fails the request.
 */
public final class ScriptedLlm implements KServeModel {
    private static final Pattern HINT = Pattern.compile("change type is ([a-z_]+)");
    private static final Pattern SUBJECT = Pattern.compile("(?m)^Subject: (.*)$");
    private final ModelConfig config;

    public ScriptedLlm(String name) {
        this(name, false);
    }

    /** @param tensorRtLlm take TensorRT-LLM BLS's inputs ({@code max_tokens}) instead of vLLM's */
    public ScriptedLlm(String name, boolean tensorRtLlm) {
        ModelConfig.Builder config = ModelConfig.newBuilder().setName(name).setBackend(tensorRtLlm ? "python" : "vllm").setMaxBatchSize(0)
                .setModelTransactionPolicy(ModelTransactionPolicy.newBuilder().setDecoupled(true))
                .addInput(ModelInput.newBuilder().setName("text_input").setDataType(DataType.TYPE_STRING).addDims(1))
                .addInput(ModelInput.newBuilder().setName("stream").setDataType(DataType.TYPE_BOOL).addDims(1).setOptional(true))
                .addOutput(ModelOutput.newBuilder().setName("text_output").setDataType(DataType.TYPE_STRING).addDims(-1));
        if (tensorRtLlm) {
            config.addInput(ModelInput.newBuilder().setName("max_tokens").setDataType(DataType.TYPE_INT32).addDims(1));
        } else {
            config.addInput(ModelInput.newBuilder().setName("sampling_parameters").setDataType(DataType.TYPE_STRING).addDims(1).setOptional(true))
                    .addInput(ModelInput.newBuilder().setName("exclude_input_in_output").setDataType(DataType.TYPE_BOOL).addDims(1).setOptional(true));
        }
        this.config = config.build();
    }

    @Override
    public ModelConfig config() {
        return config;
    }

    @Override
    public void infer(ModelInferRequest request, Consumer<ModelInferResponse.Builder> responses) throws KServeError {
        String prompt = Tensors.bytes(request.getRawInputContents(0)).get(0);
        if (prompt.contains("[llm:error]")) {
            throw new KServeError(io.grpc.Status.Code.INTERNAL, "vLLM engine stopped");
        }
        Matcher hint = HINT.matcher(prompt);
        Matcher subject = SUBJECT.matcher(prompt);
        JsonObject answer = new JsonObject();
        answer.addProperty("change_type", prompt.contains("[llm:unknown-type]") ? "kitten" : hint.find() ? hint.group(1) : "chore");
        answer.addProperty("summary", "Summary of: " + (subject.find() ? subject.group(1) : "?"));
        JsonArray notes = new JsonArray();
        notes.add("touches " + prompt.lines().filter(l -> l.matches("  [ACDMRTU] \\S.*")).count() + " file(s)");
        answer.add("risk_notes", notes);
        String text = answer.toString();
        if (prompt.contains("[llm:malformed]")) {
            text = "Sure! Here is the JSON you asked for: " + text;
        } else if (prompt.contains("[llm:truncated]")) {
            text = text.substring(0, text.length() / 2);
        }
        int third = text.length() / 3;
        for (String delta : List.of(text.substring(0, third), text.substring(third, 2 * third), text.substring(2 * third))) {
            responses.accept(ModelInferResponse.newBuilder()
                    .addOutputs(ModelInferResponse.InferOutputTensor.newBuilder().setName("text_output").setDatatype("BYTES").addShape(1))
                    .addRawOutputContents(Tensors.bytes(List.of(delta))));
        }
        if (prompt.contains("[llm:never-final]")) {
            while (!Context.current().isCancelled()) {
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }
}
