package dev.vcai.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;

/** What the service's HTTP tests share: the datasets, small experiments, and waiting for a run. */
final class ServiceFixture {
    static final Path DATASETS = Path.of(System.getProperty("vcai.datasets", "../shared/datasets"));
    /** Small and quick: a few hundred training commits of one repository, 100 evaluation commits of another. */
    static final String TRAINING = "'training_settings':{'repositories':['ratatui-org/ratatui'],'max_commits':300},"
            + "'inference_settings':{'evaluation_repositories':['go-kratos/kratos'],'max_eval_commits':100}";

    private ServiceFixture() {
    }

    static JsonObject json(String singleQuoted) {
        return JsonParser.parseString(singleQuoted.replace('\'', '"')).getAsJsonObject();
    }

    static JsonObject classifier(String name, String features) {
        return json("{'name':'" + name + "','architecture_config':{'kind':'classifier','features':" + features
                + ",'hyperparameters':{'epochs':3,'min_commits':2,'min_repositories':1}}," + TRAINING + "}");
    }

    static JsonObject servedLlm(String name, String quantization) {
        return json("{'name':'" + name + "','architecture_config':{'kind':'served_llm','model_type':'mistral_7b','backend':'vllm',"
                + "'quantization':'" + quantization + "','lora':{'rank':16,'alpha':32}},"
                + "'inference_settings':{'evaluation_repositories':['go-kratos/kratos'],'max_eval_commits':20}}");
    }

    static String create(Http http, JsonObject body) throws IOException {
        Http.Reply reply = http.post(VcaiService.API + "/experiments", body);
        assertEquals(201, reply.status(), reply.text());
        return reply.json().get("id").getAsString();
    }

    /** Polls the experiment until its status is one of {@code wanted}; fails after a minute. */
    static JsonObject await(Http http, String id, Set<String> wanted) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + 120_000_000_000L;
        JsonObject experiment = null;
        while (System.nanoTime() < deadline) {
            experiment = http.get(VcaiService.API + "/experiments/" + id).json();
            if (wanted.contains(experiment.get("status").getAsString())) {
                return experiment;
            }
            Thread.sleep(25);
        }
        fail("experiment " + id + " did not reach " + wanted + ": " + experiment);
        return null;
    }
}
