package dev.vcai.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every rule a create-experiment request can break, each with the field and rule the 400 names. */
class ExperimentSpecTest {
    private static final List<String> REPOSITORIES = List.of("a/one", "b/two", "c/three");
    private static final String LLM = "{'kind':'served_llm','model_type':'mistral_7b'";

    private static JsonObject body(String architecture, String rest) {
        return JsonParser.parseString(("{'name':'x','architecture_config':" + architecture + rest + "}").replace('\'', '"')).getAsJsonObject();
    }

    private static ExperimentSpec parse(JsonObject body) {
        return ExperimentSpec.parse(body, REPOSITORIES, Map.of("quantization:AWQ", "fails on long diffs")::get);
    }

    @ParameterizedTest(name = "{2} {1}")
    @CsvSource(delimiter = '|', value = {
            "{'kind':'classifier'}, 'nme':'x'                          | nme                                  | unknown_field",
            "{'kind':'rnn'}                                            | architecture_config.kind             | one_of",
            "{'kind':'classifier','features':['subject','words']}      | architecture_config.features[1]      | one_of",
            "{'kind':'classifier','features':[]}                       | architecture_config.features         | size",
            "{'kind':'classifier','features':['body','body']}          | architecture_config.features[1]      | distinct",
            "{'kind':'classifier','hyperparameters':{'epochs':0}}      | architecture_config.hyperparameters.epochs | range",
            "{'kind':'classifier','hyperparameters':{'epochs':2.5}}    | architecture_config.hyperparameters.epochs | integer",
            "{'kind':'classifier','hyperparameters':{'learning_rate':0}} | architecture_config.hyperparameters.learning_rate | positive",
            "{'kind':'classifier','hyperparameters':{'balance':2}}     | architecture_config.hyperparameters.balance | range",
            "{'kind':'classifier','hyperparameters':{'epochs':'8'}}    | architecture_config.hyperparameters.epochs | number",
            "{'kind':'classifier','hyperparameters':{'depth':3}}       | architecture_config.hyperparameters.depth | unknown_field",
            "{'kind':'served_llm','model_type':'gpt5'}                 | architecture_config.model_type       | one_of",
            "{'kind':'served_llm'}                                     | architecture_config.model_type       | required",
            LLM + ",'quantization':'INT3'}                             | architecture_config.quantization     | one_of",
            LLM + ",'backend':'vllm','quantization':'NF4'}             | architecture_config.quantization     | backend_supports",
            LLM + ",'backend':'tensorrt_llm','quantization':'NF4'}     | architecture_config.quantization     | backend_supports",
            LLM + ",'backend':'python','quantization':'AWQ'}           | architecture_config.quantization     | backend_supports",
            LLM + ",'lora':{'rank':16,'alpha':0}}                      | architecture_config.lora.alpha       | positive",
            LLM + ",'lora':{'rank':16,'alpha':-2}}                     | architecture_config.lora.alpha       | positive",
            LLM + ",'lora':{'rank':16,'alpha':'big'}}                  | architecture_config.lora.alpha       | number",
            LLM + ",'lora':{'rank':16}}                                | architecture_config.lora.alpha       | required",
            LLM + ",'lora':{'rank':12,'alpha':16}}                     | architecture_config.lora.rank        | power_of_two",
            LLM + ",'lora':{'rank':0,'alpha':16}}                      | architecture_config.lora.rank        | range",
            LLM + ",'rope_scaling':{'type':'cubic','factor':2}}        | architecture_config.rope_scaling.type | one_of",
            LLM + ",'rope_scaling':{'type':'linear','factor':1}}       | architecture_config.rope_scaling.factor | positive",
            LLM + ",'rope_scaling':{'type':'linear'}}                  | architecture_config.rope_scaling.factor | required",
            LLM + ",'rope_scaling':{'type':'none','factor':2}}         | architecture_config.rope_scaling.factor | not_applicable",
            LLM + ",'attention':'linear'}                              | architecture_config.attention        | one_of",
            "{'kind':'served_llm','model_type':'llama2_13b','attention':'sliding_window'} | architecture_config.attention | model_supports",
            LLM + ",'mixture_of_experts':{'enabled':true}}             | architecture_config.mixture_of_experts.enabled | model_architecture",
            "{'kind':'served_llm','model_type':'mixtral_8x7b'}         | architecture_config.mixture_of_experts.enabled | model_architecture",
            LLM + ",'mixture_of_experts':{'enabled':'yes'}}            | architecture_config.mixture_of_experts.enabled | boolean",
            LLM + ",'speculative_decoding':{'method':'draft_model'}}   | architecture_config.speculative_decoding.draft_model | required",
            LLM + ",'speculative_decoding':{'method':'draft_model','draft_model':'llama2_13b'}} | architecture_config.speculative_decoding.draft_model | smaller_than_target",
            LLM + ",'speculative_decoding':{'method':'draft_model','draft_model':'tiny'}} | architecture_config.speculative_decoding.draft_model | one_of",
            LLM + ",'speculative_decoding':{'method':'ngram','draft_model':'llama2_7b'}} | architecture_config.speculative_decoding.draft_model | not_applicable",
            LLM + ",'speculative_decoding':{'method':'lookahead'}}     | architecture_config.speculative_decoding.method | one_of",
            LLM + ",'backend':'vllm','quantization':'AWQ'}             | architecture_config.quantization     | blacklisted",
            "{'kind':'classifier'},'training_settings':{'repositories':['z/zz']} | training_settings.repositories[0] | one_of",
            "{'kind':'classifier'},'training_settings':{'repositories':['a/one']},'inference_settings':{'evaluation_repositories':['a/one']} | training_settings.repositories | disjoint_from_evaluation",
            "{'kind':'classifier'},'training_settings':{'max_commits':0} | training_settings.max_commits     | range",
            "{'kind':'classifier'},'inference_settings':{'max_new_tokens':5} | inference_settings.max_new_tokens | unknown_field",
            LLM + "},'inference_settings':{'temperature':3}            | inference_settings.temperature       | range",
            "[1]                                                       | architecture_config                  | object",
    })
    void refusesWithTheFieldAndTheRule(String architecture, String field, String rule) {
        String rest = "";
        int split = architecture.indexOf("},'");
        if (architecture.startsWith("{'kind':'classifier'}, ")) {
            rest = architecture.substring("{'kind':'classifier'}".length());
            architecture = "{'kind':'classifier'}";
        } else if (split > 0 && !architecture.substring(split + 2).startsWith("'lora'")) {
            rest = architecture.substring(split + 1);
            architecture = architecture.substring(0, split + 1);
        }
        JsonObject body = body(architecture.strip(), rest.strip());
        ApiError error = assertThrows(ApiError.class, () -> parse(body));
        assertEquals(400, error.status());
        assertEquals(field, error.field(), error.getMessage());
        assertEquals(rule, error.rule(), error.getMessage());
    }

    @Test
    void nameAndArchitectureAreRequired() {
        ApiError noName = assertThrows(ApiError.class, () -> parse(JsonParser.parseString("{\"architecture_config\":{\"kind\":\"classifier\"}}").getAsJsonObject()));
        assertEquals("name", noName.field());
        assertEquals("required", noName.rule());
        ApiError blank = assertThrows(ApiError.class, () -> parse(JsonParser.parseString("{\"name\":\" \",\"architecture_config\":{}}").getAsJsonObject()));
        assertEquals("not_blank", blank.rule());
        ApiError noArchitecture = assertThrows(ApiError.class, () -> parse(JsonParser.parseString("{\"name\":\"x\"}").getAsJsonObject()));
        assertEquals("architecture_config", noArchitecture.field());
    }

    @Test
    void aFullServedLlmIsAcceptedWithItsTechniques() {
        ExperimentSpec spec = parse(body("{'kind':'served_llm','model_type':'mixtral_8x7b','backend':'vllm','quantization':'GPTQ',"
                + "'lora':{'rank':16,'alpha':32},'rope_scaling':{'type':'yarn','factor':4},'attention':'sliding_window',"
                + "'mixture_of_experts':{'enabled':true},'speculative_decoding':{'method':'draft_model','draft_model':'mistral_7b'}}",
                ",'inference_settings':{'evaluation_repositories':['c/three'],'max_eval_commits':50,'temperature':0.2}"));
        assertEquals(ExperimentSpec.Kind.SERVED_LLM, spec.kind());
        assertEquals("mistral_7b", spec.llm().draftModel());
        assertEquals(32.0, spec.llm().loraAlpha());
        assertTrue(spec.techniques().keySet().containsAll(List.of("quantization:GPTQ", "attention:sliding_window", "lora",
                "rope_scaling:yarn", "mixture_of_experts", "speculative_decoding:draft_model", "backend:vllm")));
        assertEquals(List.of("c/three"), spec.data().evaluationRepositories());
        assertEquals(List.of("a/one", "b/two"), spec.data().repositories());
    }

    @Test
    void aClassifierTakesDefaultsForWhatIsLeftOut() {
        ExperimentSpec spec = parse(body("{'kind':'classifier','features':['subject','paths'],'hyperparameters':{'epochs':3}}",
                ",'training_settings':{'repositories':['a/one'],'max_commits':100}"));
        assertEquals(3, spec.classifier().settings().epochs());
        assertEquals(dev.vcai.model.Trainer.Settings.DEFAULT.learningRate(), spec.classifier().settings().learningRate());
        assertEquals(List.of("c/three"), spec.data().evaluationRepositories(), "the last repository is held out by default");
        assertEquals(100, spec.data().maxCommits());
        assertEquals(1000, spec.data().maxEvalCommits());
    }

    @Test
    void featureFamiliesFollowTheFeatureNames() {
        assertEquals("subject", Runs.family("s:fix"));
        assertEquals("subject", Runs.family("s#version"));
        assertEquals("body", Runs.family("b:word"));
        assertEquals("paths", Runs.family("x:java"));
        assertEquals("patch", Runs.family("d+:return"));
        assertEquals("shape", Runs.family("subsys:1"));
        assertEquals("shape", Runs.family("st:M"));
    }
}
