package dev.vcai.triton;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.vcai.analysis.ChangeType;
import dev.vcai.analysis.CommitFacts;
import inference.GrpcService.ModelInferRequest;
import inference.GrpcService.ModelInferResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An LLM served by Triton, streamed through ModelStreamInfer: behind the vLLM backend ({@code text_input},
 * {@code stream}, {@code sampling_parameters}, {@code exclude_input_in_output} in) or TensorRT-LLM's BLS/ensemble
 * ({@code text_input}, {@code max_tokens}, {@code stream} in), told apart by the model's metadata; both answer
 * {@code text_output}. {@link #review} asks for a small JSON verdict on a commit and validates it; {@link #generate}
 * returns the raw text of any prompt (commit-message generation).
 */
public final class LlmClient {
    private final TritonClient client;
    private final String model;
    private final Duration deadline;
    private final int tokenBudget;
    private final int maxTokens;
    private final AtomicInteger failures = new AtomicInteger();
    /** Whether the model takes TensorRT-LLM's inputs; read from its metadata at the first call. */
    private volatile Boolean tensorRtLlm;

    private LlmClient(Builder builder) {
        this.client = builder.client;
        this.model = builder.model;
        this.deadline = builder.deadline;
        this.tokenBudget = builder.tokenBudget;
        this.maxTokens = builder.maxTokens;
    }

    public static Builder builder(TritonClient client, String model) {
        return new Builder(client, model);
    }

    public String model() {
        return model;
    }

    /** The LLM failures counted so far (invalid answers, no final response, deadlines, Triton errors). */
    public int failures() {
        return failures.get();
    }

    /** The LLM's validated view of a commit, given the classifier's answer as a hint; a failure is counted. */
    public LlmResult review(CommitFacts commit, ChangeType hint, double confidence) {
        String text;
        try {
            text = generate(CommitPrompt.of(commit, hint, confidence, tokenBudget));
        } catch (TritonException e) {
            failures.incrementAndGet();
            return LlmResult.failed(e.getMessage());
        }
        LlmResult result = validate(text);
        if (!result.ok()) {
            failures.incrementAndGet();
        }
        return result;
    }

    /** The model's whole answer to a prompt, its streamed pieces joined. */
    public String generate(String prompt) throws TritonException {
        JsonObject sampling = new JsonObject();
        sampling.addProperty("temperature", 0);
        sampling.addProperty("max_tokens", maxTokens);
        if (tensorRtLlm == null) {
            List<String> inputs = client.metadata(model).getInputsList().stream().map(t -> t.getName()).toList();
            tensorRtLlm = inputs.contains("max_tokens") && !inputs.contains("sampling_parameters");
        }
        ModelInferRequest.Builder request = ModelInferRequest.newBuilder().setModelName(model)
                .addInputs(bytesInput("text_input")).addRawInputContents(Tensors.bytes(List.of(prompt)))
                .addInputs(boolInput("stream")).addRawInputContents(Tensors.bool(true))
                .addOutputs(ModelInferRequest.InferRequestedOutputTensor.newBuilder().setName("text_output"));
        if (tensorRtLlm) {
            request.addInputs(ModelInferRequest.InferInputTensor.newBuilder().setName("max_tokens").setDatatype("INT32").addShape(1))
                    .addRawInputContents(com.google.protobuf.ByteString.copyFrom(java.nio.ByteBuffer.allocate(4)
                            .order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(maxTokens).array()));
        } else {
            request.addInputs(bytesInput("sampling_parameters")).addRawInputContents(Tensors.bytes(List.of(sampling.toString())))
                    .addInputs(boolInput("exclude_input_in_output")).addRawInputContents(Tensors.bool(true));
        }
        StringBuilder text = new StringBuilder();
        for (ModelInferResponse response : client.stream(request.build(), deadline)) {
            for (int i = 0; i < response.getOutputsCount(); i++) {
                if (response.getOutputs(i).getName().equals("text_output") && i < response.getRawOutputContentsCount()) {
                    try {
                        Tensors.bytes(response.getRawOutputContents(i)).forEach(text::append);
                    } catch (IllegalArgumentException e) {
                        throw new TritonException("LLM '" + model + "' answered a malformed text_output: " + e.getMessage(), e);
                    }
                }
            }
        }
        return text.toString();
    }

    private static ModelInferRequest.InferInputTensor.Builder bytesInput(String name) {
        return ModelInferRequest.InferInputTensor.newBuilder().setName(name).setDatatype("BYTES").addShape(1);
    }

    private static ModelInferRequest.InferInputTensor.Builder boolInput(String name) {
        return ModelInferRequest.InferInputTensor.newBuilder().setName(name).setDatatype("BOOL").addShape(1);
    }

    /**
     * The answer's JSON object ({@code change_type} one of the nine ids, {@code summary} a non-empty string,
     * {@code risk_notes} an array of strings), tolerating only a Markdown code fence around it.
     */
    static LlmResult validate(String text) {
        String json = text.strip();
        if (json.startsWith("```")) {
            json = json.replaceFirst("^```[a-z]*\\s*", "").replaceFirst("\\s*```$", "");
        }
        JsonObject object;
        try {
            JsonElement parsed = JsonParser.parseString(json);
            if (!parsed.isJsonObject()) {
                return LlmResult.failed("the LLM's answer is not a JSON object");
            }
            object = parsed.getAsJsonObject();
        } catch (JsonParseException e) {
            return LlmResult.failed("the LLM's answer is not valid JSON: " + abbreviate(text));
        }
        JsonElement type = object.get("change_type");
        JsonElement summary = object.get("summary");
        JsonElement notes = object.get("risk_notes");
        if (type == null || !type.isJsonPrimitive() || !type.getAsJsonPrimitive().isString()) {
            return LlmResult.failed("the LLM's answer has no change_type string");
        }
        ChangeType changeType;
        try {
            changeType = ChangeType.fromId(type.getAsString());
        } catch (IllegalArgumentException e) {
            return LlmResult.failed("the LLM named an unknown change type '" + type.getAsString() + "'");
        }
        if (summary == null || !summary.isJsonPrimitive() || !summary.getAsJsonPrimitive().isString() || summary.getAsString().isBlank()) {
            return LlmResult.failed("the LLM's answer has no summary");
        }
        List<String> riskNotes = new ArrayList<>();
        if (notes != null && !notes.isJsonNull()) {
            if (!notes.isJsonArray()) {
                return LlmResult.failed("the LLM's risk_notes is not an array");
            }
            for (JsonElement note : (JsonArray) notes) {
                if (!note.isJsonPrimitive() || !note.getAsJsonPrimitive().isString()) {
                    return LlmResult.failed("the LLM's risk_notes holds a non-string");
                }
                riskNotes.add(note.getAsString());
            }
        }
        return LlmResult.answered(new LlmAnswer(changeType, summary.getAsString().strip(), riskNotes));
    }

    private static String abbreviate(String text) {
        String line = text.strip().replace('\n', ' ');
        return line.length() > 60 ? line.substring(0, 60) + "..." : line;
    }

    public static final class Builder {
        private final TritonClient client;
        private final String model;
        private Duration deadline = Duration.ofSeconds(20);
        private int tokenBudget = 3000;
        private int maxTokens = 384;

        private Builder(TritonClient client, String model) {
            this.client = client;
            this.model = model;
        }

        /** How long one commit's answer may take, from request to final response. */
        public Builder deadline(Duration deadline) {
            this.deadline = deadline;
            return this;
        }

        /** Prompt tokens per commit; the diff is cut to fit. */
        public Builder tokenBudget(int tokens) {
            this.tokenBudget = tokens;
            return this;
        }

        public Builder maxTokens(int tokens) {
            this.maxTokens = tokens;
            return this;
        }

        public LlmClient build() {
            return new LlmClient(this);
        }
    }
}
