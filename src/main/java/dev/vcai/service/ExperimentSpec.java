package dev.vcai.service;

import com.google.gson.JsonObject;
import dev.vcai.model.Trainer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * An experiment as created through the API, validated whole: a classifier variant (trained here and run by ONNX
 * Runtime) or a served LLM (run by Triton). Every rule a request can break is in {@link #parse}; the README's
 * "Service" section lists them.
 *
 * @param techniques the techniques the experiment uses, as blacklist keys ({@code quantization:AWQ}), each with the
 *                   request field that chose it
 */
public record ExperimentSpec(String name, Kind kind, Classifier classifier, ServedLlm llm, Data data, Map<String, String> techniques) {

    public enum Kind {
        CLASSIFIER, SERVED_LLM;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** @param features the feature families the classifier is trained on */
    public record Classifier(List<String> features, Trainer.Settings settings) {
    }

    /** @param servedModel the model's name on Triton, which a run asks */
    public record ServedLlm(String modelType, String backend, String quantization, Integer loraRank, Double loraAlpha,
                            String ropeScaling, Double ropeFactor, String attention, boolean moe, String speculativeMethod,
                            String draftModel, int maxNewTokens, double temperature, String servedModel) {
    }

    /**
     * The commits an experiment learns from and is judged on, from the labelled datasets.
     *
     * @param maxCommits     at most this many training commits (the first ones of each repository's file, in turn); 0: all
     * @param maxEvalCommits at most this many evaluation commits, in the same way
     */
    public record Data(List<String> repositories, int maxCommits, List<String> evaluationRepositories, int maxEvalCommits) {
    }

    /** Feature families by the prefixes of {@link dev.vcai.analysis.Features}' names; "shape" is everything else. */
    static final Map<String, List<String>> FEATURE_FAMILIES = Map.of(
            "subject", List.of("s:", "s1:", "s2:", "ss:", "sk:", "v:", "vk:", "vo:", "sw:", "s#"),
            "body", List.of("b:", "nobody"),
            "paths", List.of("p:", "x:"),
            "patch", List.of("d+:", "d-:", "dl:", "h:", "decl+:", "decl-:", "guard+:"),
            "shape", List.of());

    static final List<String> MODEL_TYPES = List.of("mistral_7b", "mixtral_8x7b", "llama2_7b", "llama2_13b", "llama2_70b",
            "codellama_7b", "codellama_13b");
    /** Parameters in billions, to check that a draft model is smaller than the model it drafts for. */
    static final Map<String, Double> PARAMETERS = Map.of("mistral_7b", 7.2, "mixtral_8x7b", 46.7, "llama2_7b", 6.7,
            "llama2_13b", 13.0, "llama2_70b", 69.0, "codellama_7b", 6.7, "codellama_13b", 13.0);
    static final Set<String> MOE_MODEL_TYPES = Set.of("mixtral_8x7b");
    static final List<String> QUANTIZATIONS = List.of("NONE", "INT8", "INT4", "NF4", "AWQ", "GPTQ");
    /** Which Triton backend serves which quantization (NF4 is bitsandbytes, which only the Python backend runs). */
    static final Map<String, List<String>> BACKEND_QUANTIZATIONS = Map.of(
            "tensorrt_llm", List.of("NONE", "INT8", "INT4", "AWQ", "GPTQ"),
            "vllm", List.of("NONE", "AWQ", "GPTQ", "INT8"),
            "python", List.of("NONE", "INT8", "INT4", "NF4"));
    static final List<String> BACKENDS = List.of("tensorrt_llm", "vllm", "python");
    static final List<String> ATTENTIONS = List.of("standard", "flash_attention_2", "sliding_window", "grouped_query", "paged");
    /** Sliding-window attention is what Mistral-family models were trained with; Llama 2 was not. */
    static final Set<String> SLIDING_WINDOW_MODELS = Set.of("mistral_7b", "mixtral_8x7b");
    /** The LLM entry of triton-model-repo/ that an experiment is evaluated on unless it names another. */
    static final String DEFAULT_SERVED_MODEL = "commit_llm";
    static final Pattern SERVED_MODEL_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,128}");
    static final List<String> ROPE_SCALINGS = List.of("none", "linear", "dynamic", "yarn");
    static final List<String> SPECULATIVE_METHODS = List.of("none", "draft_model", "medusa", "ngram");

    /**
     * Validates a create-experiment request.
     *
     * @param repositories the dataset repositories there are
     * @param blacklisted  whether a technique is blacklisted, and why (null when it is not)
     */
    public static ExperimentSpec parse(JsonObject body, List<String> repositories, Function<String, String> blacklisted) {
        Fields root = Fields.of(body, "");
        root.onlyKnown(Set.of("name", "architecture_config", "training_settings", "inference_settings"));
        String name = root.nonBlank("name", 200);
        if (!root.has("architecture_config")) {
            throw ApiError.invalid("architecture_config", "required", "architecture_config is required");
        }
        Fields architecture = root.object("architecture_config");
        Kind kind = Kind.valueOf(architecture.oneOf("kind", List.of("classifier", "served_llm"), null).toUpperCase(java.util.Locale.ROOT));
        Map<String, String> techniques = new LinkedHashMap<>();
        Classifier classifier = null;
        ServedLlm llm = null;
        Fields inference = root.object("inference_settings");
        if (kind == Kind.CLASSIFIER) {
            classifier = classifier(architecture, techniques);
            inference.onlyKnown(Set.of("evaluation_repositories", "max_eval_commits"));
        } else {
            llm = llm(architecture, inference, techniques);
        }
        Data data = data(root.object("training_settings"), inference, repositories);
        for (Map.Entry<String, String> technique : techniques.entrySet()) {
            String reason = blacklisted.apply(technique.getKey());
            if (reason != null) {
                throw ApiError.invalid(technique.getValue(), "blacklisted", "technique '" + technique.getKey()
                        + "' is blacklisted: " + reason);
            }
        }
        return new ExperimentSpec(name, kind, classifier, llm, data, techniques);
    }

    private static Classifier classifier(Fields a, Map<String, String> techniques) {
        a.onlyKnown(Set.of("kind", "features", "hyperparameters"));
        List<String> features = a.has("features") ? a.strings("features", 1, FEATURE_FAMILIES.size(),
                FEATURE_FAMILIES.keySet().stream().sorted().toList()) : FEATURE_FAMILIES.keySet().stream().sorted().toList();
        techniques.put("kind:classifier", a.path("kind"));
        for (String family : features) {
            techniques.put("features:" + family, a.path("features"));
        }
        Fields h = a.object("hyperparameters");
        h.onlyKnown(Set.of("epochs", "learning_rate", "min_commits", "min_repositories", "balance", "seed"));
        Trainer.Settings d = Trainer.Settings.DEFAULT;
        Trainer.Settings settings = new Trainer.Settings(
                h.integer("epochs", 1, 100, d.epochs()),
                h.number("learning_rate", 0, 10, true, d.learningRate()),
                h.has("seed") ? h.integer("seed", 0, Integer.MAX_VALUE, 0) : d.seed(),
                h.integer("min_commits", 1, 1_000_000, d.minCommits()),
                h.integer("min_repositories", 1, 100, d.minRepositories()),
                h.number("balance", 0, 1, false, d.balance()));
        return new Classifier(features, settings);
    }

    private static ServedLlm llm(Fields a, Fields inference, Map<String, String> techniques) {
        a.onlyKnown(Set.of("kind", "model_type", "backend", "quantization", "lora", "rope_scaling", "attention",
                "mixture_of_experts", "speculative_decoding"));
        String modelType = a.oneOf("model_type", MODEL_TYPES, null);
        String backend = a.oneOf("backend", BACKENDS, "tensorrt_llm");
        String quantization = a.oneOf("quantization", QUANTIZATIONS, "NONE");
        if (!BACKEND_QUANTIZATIONS.get(backend).contains(quantization)) {
            throw ApiError.invalid(a.path("quantization"), "backend_supports", "backend " + backend + " cannot serve quantization "
                    + quantization + " (it serves " + String.join(", ", BACKEND_QUANTIZATIONS.get(backend)) + ")");
        }
        techniques.put("model_type:" + modelType, a.path("model_type"));
        techniques.put("backend:" + backend, a.path("backend"));
        techniques.put("quantization:" + quantization, a.path("quantization"));

        Integer loraRank = null;
        Double loraAlpha = null;
        if (a.has("lora")) {
            Fields lora = a.object("lora");
            lora.onlyKnown(Set.of("rank", "alpha"));
            loraRank = lora.integer("rank", 1, 1024, null);
            if ((loraRank & (loraRank - 1)) != 0) {
                throw ApiError.invalid(lora.path("rank"), "power_of_two", lora.path("rank") + " must be a power of two, not " + loraRank);
            }
            loraAlpha = lora.number("alpha", 0, 10_000, true, Double.NaN);
            techniques.put("lora", a.path("lora"));
        }

        String rope = "none";
        Double ropeFactor = null;
        if (a.has("rope_scaling")) {
            Fields r = a.object("rope_scaling");
            r.onlyKnown(Set.of("type", "factor"));
            rope = r.oneOf("type", ROPE_SCALINGS, null);
            if (!rope.equals("none")) {
                ropeFactor = r.number("factor", 1, 64, true, Double.NaN);
                techniques.put("rope_scaling:" + rope, a.path("rope_scaling"));
            } else if (r.has("factor")) {
                throw ApiError.invalid(r.path("factor"), "not_applicable", r.path("factor") + " is only for a RoPE scaling type other than none");
            }
        }

        String attention = a.oneOf("attention", ATTENTIONS, "standard");
        if (attention.equals("sliding_window") && !SLIDING_WINDOW_MODELS.contains(modelType)) {
            throw ApiError.invalid(a.path("attention"), "model_supports", "sliding_window attention needs a model trained with it ("
                    + String.join(", ", SLIDING_WINDOW_MODELS.stream().sorted().toList()) + "), not " + modelType);
        }
        techniques.put("attention:" + attention, a.path("attention"));

        boolean moe = false;
        if (a.has("mixture_of_experts")) {
            Fields m = a.object("mixture_of_experts");
            m.onlyKnown(Set.of("enabled"));
            moe = m.bool("enabled", false);
        }
        if (moe != MOE_MODEL_TYPES.contains(modelType)) {
            throw ApiError.invalid(a.path("mixture_of_experts.enabled"), "model_architecture", moe
                    ? modelType + " is a dense model: mixture of experts is only for " + String.join(", ", MOE_MODEL_TYPES)
                    : modelType + " is a mixture-of-experts model: mixture_of_experts.enabled must be true");
        }
        if (moe) {
            techniques.put("mixture_of_experts", a.path("mixture_of_experts"));
        }

        String method = "none";
        String draft = null;
        if (a.has("speculative_decoding")) {
            Fields s = a.object("speculative_decoding");
            s.onlyKnown(Set.of("method", "draft_model"));
            method = s.oneOf("method", SPECULATIVE_METHODS, null);
            if (method.equals("draft_model")) {
                if (!s.has("draft_model")) {
                    throw ApiError.invalid(s.path("draft_model"), "required", "speculative decoding by draft_model needs "
                            + s.path("draft_model"));
                }
                draft = s.oneOf("draft_model", MODEL_TYPES, null);
                if (PARAMETERS.get(draft) >= PARAMETERS.get(modelType)) {
                    throw ApiError.invalid(s.path("draft_model"), "smaller_than_target", "the draft model " + draft
                            + " must be smaller than " + modelType);
                }
            } else if (s.has("draft_model")) {
                throw ApiError.invalid(s.path("draft_model"), "not_applicable", s.path("draft_model") + " is only for method draft_model");
            }
            if (!method.equals("none")) {
                techniques.put("speculative_decoding:" + method, a.path("speculative_decoding"));
            }
        }
        inference.onlyKnown(Set.of("evaluation_repositories", "max_eval_commits", "max_new_tokens", "temperature", "served_model"));
        int maxNewTokens = inference.integer("max_new_tokens", 1, 4096, 64);
        double temperature = inference.number("temperature", 0, 2, false, 0);
        String servedModel = inference.text("served_model", false);
        if (servedModel != null && !SERVED_MODEL_NAME.matcher(servedModel).matches()) {
            throw ApiError.invalid(inference.path("served_model"), "model_name", inference.path("served_model")
                    + " must be a Triton model name (letters, digits, '_', '-', '.')");
        }
        return new ServedLlm(modelType, backend, quantization, loraRank, loraAlpha, rope, ropeFactor, attention, moe, method, draft,
                maxNewTokens, temperature, servedModel == null ? DEFAULT_SERVED_MODEL : servedModel);
    }

    private static Data data(Fields training, Fields inference, List<String> known) {
        training.onlyKnown(Set.of("repositories", "max_commits"));
        List<String> evaluation = inference.has("evaluation_repositories")
                ? inference.strings("evaluation_repositories", 1, known.size(), known) : List.of(known.get(known.size() - 1));
        List<String> train;
        if (training.has("repositories")) {
            train = training.strings("repositories", 1, known.size(), known);
            for (String repository : train) {
                if (evaluation.contains(repository)) {
                    throw ApiError.invalid(training.path("repositories"), "disjoint_from_evaluation", "repository " + repository
                            + " is also an evaluation repository: a model is judged on repositories it never saw");
                }
            }
        } else {
            train = new ArrayList<>(known);
            train.removeAll(evaluation);
        }
        int maxCommits = training.integer("max_commits", 1, 10_000_000, 0);
        int maxEval = inference.integer("max_eval_commits", 1, 10_000_000, 1000);
        return new Data(List.copyOf(train), maxCommits, evaluation, maxEval);
    }
}
