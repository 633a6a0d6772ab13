package dev.vcai.service;

import static dev.vcai.service.ServiceFixture.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.vcai.model.LabelledCommit;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the service does with a served LLM's answers once the Triton client is wired in through
 * {@link VcaiService.Builder#servedLlm}: here an implementation of that seam that answers every other commit with a
 * type name that does not exist, so the invalid-answer quarantine trigger and the LLM message path are exercised.
 */
class ServedLlmSeamTest {
    @TempDir
    Path tmp;

    /** Answers with the declared type for even commits and with nonsense for odd ones. */
    static final class HalfInvalid implements ServedLlm {
        @Override
        public List<Answer> classify(ExperimentSpec.ServedLlm model, List<LabelledCommit> commits) {
            List<Answer> answers = new ArrayList<>();
            for (int i = 0; i < commits.size(); i++) {
                answers.add(i % 2 == 0 ? new Answer(commits.get(i).label().id(), commits.get(i).label().id(), 5)
                        : new Answer("improvement", "Type: improvement", 5));
            }
            return answers;
        }

        @Override
        public String generateMessage(String diff, String analysisSummary) {
            return "fix: what the model wrote";
        }

        @Override
        public boolean available() {
            return true;
        }
    }

    @Test
    void invalidAnswersAreCountedAndQuarantinedAndMessagesComeFromTheLlm() throws Exception {
        try (VcaiService service = VcaiService.builder().port(0).database("jdbc:sqlite:" + tmp.resolve("s.db"), null, null)
                .modelRepository(tmp.resolve("models")).datasets(ServiceFixture.DATASETS).servedLlm(new HalfInvalid()).pricePerHour(3.6).build().start()) {
            Http http = new Http(service.port(), null);
            String id = ServiceFixture.create(http, ServiceFixture.servedLlm("half", "AWQ"));
            http.post(VcaiService.API + "/experiments/" + id + "/run", "{}");
            assertEquals("succeeded", ServiceFixture.await(http, id, Set.of("succeeded", "failed")).get("status").getAsString());
            JsonObject metrics = http.get(VcaiService.API + "/evaluation/metrics/" + id).json().getAsJsonObject("metrics");
            assertEquals(0.5, metrics.get("invalid_answer_rate").getAsDouble());
            assertEquals(0.5, metrics.get("error_rate").getAsDouble());
            assertEquals(0.5, metrics.get("accuracy").getAsDouble());
            // $3.60 an hour at r requests/s: 3.6 / (r * 3600) per request, times 1,000.
            double throughput = metrics.get("throughput_rps").getAsDouble();
            assertEquals(1.0 / throughput, metrics.get("cost_per_1000_requests").getAsDouble(), 1e-3 + 1e-3 / throughput);
            List<String> triggers = new ArrayList<>();
            for (JsonElement f : http.get(VcaiService.API + "/quarantine/failures").json().getAsJsonArray("failures")) {
                triggers.add(f.getAsJsonObject().get("trigger").getAsString());
                if (f.getAsJsonObject().get("trigger").getAsString().equals("invalid_llm_answers")) {
                    assertEquals("HIGH", f.getAsJsonObject().get("fix_complexity").getAsString());
                }
            }
            assertTrue(triggers.containsAll(List.of("invalid_llm_answers", "error_rate_above_gate", "accuracy_below_gate")), triggers.toString());

            // A comparison needs the same commits: the same model on 10 of them cannot be paired with it on 20.
            JsonObject shorter = ServiceFixture.servedLlm("half, fewer commits", "AWQ");
            shorter.getAsJsonObject("inference_settings").addProperty("max_eval_commits", 10);
            String other = ServiceFixture.create(http, shorter);
            http.post(VcaiService.API + "/experiments/" + other + "/run", "{}");
            ServiceFixture.await(http, other, Set.of("succeeded"));
            Http.Reply unpaired = http.post(VcaiService.API + "/evaluation/compare", json("{'experiments':['" + id + "','" + other + "']}"));
            assertEquals(400, unpaired.status());
            assertEquals("same_evaluation_set", unpaired.error().get("rule").getAsString());
            assertEquals("experiments[1]", unpaired.error().get("field").getAsString());
            Http.Reply alpha = http.post(VcaiService.API + "/evaluation/compare", json("{'experiments':['" + id + "','" + other + "'],'alpha':0.9}"));
            assertEquals("alpha", alpha.error().get("field").getAsString());
            assertEquals(409, http.post(VcaiService.API + "/evaluation/compare", json("{'experiments':['" + id + "','"
                    + ServiceFixture.create(http, shorter) + "']}")).status(), "an experiment not run yet has no evaluation");

            JsonObject message = http.post(VcaiService.API + "/inference/generate-message",
                    json("{'diff':'--- a/x\\n+++ b/x\\n@@ -1 +1 @@\\n-a\\n+b\\n'}")).json();
            assertEquals("llm", message.get("source").getAsString());
            assertEquals("fix: what the model wrote", message.get("message").getAsString());
        }
    }
}
