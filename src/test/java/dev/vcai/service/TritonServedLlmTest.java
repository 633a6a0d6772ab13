package dev.vcai.service;

import static dev.vcai.service.ServiceFixture.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.vcai.kserve.KServeServer;
import dev.vcai.triton.ScriptedLlm;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Served LLMs through the service's Triton endpoint, over real gRPC: vcai's KServe server on loopback with the
 * scripted vLLM-tensor model as {@code commit_llm} (it answers the classifier's hint back, as valid JSON).
 */
class TritonServedLlmTest {
    static final String DIFF = "{'diff':'--- a/x\\n+++ b/x\\n@@ -1 +1 @@\\n-a\\n+b\\n'}";

    @TempDir
    Path tmp;

    VcaiService service(String tritonEndpoint) throws Exception {
        return VcaiService.builder().port(0).database("jdbc:sqlite:" + tmp.resolve("s.db"), null, null)
                .modelRepository(tmp.resolve("models")).datasets(ServiceFixture.DATASETS).tritonEndpoint(tritonEndpoint).build().start();
    }

    @Test
    void aServedLlmExperimentRunsOnTritonAndMessagesComeFromTheLlm() throws Exception {
        try (KServeServer triton = KServeServer.builder().repository(Path.of("triton-model-repo")).model(new ScriptedLlm("commit_llm"))
                .listen("127.0.0.1", 0).start();
             VcaiService service = service("127.0.0.1:" + triton.port())) {
            Http http = new Http(service.port(), null);
            String id = ServiceFixture.create(http, ServiceFixture.servedLlm("on triton", "AWQ"));
            http.post(VcaiService.API + "/experiments/" + id + "/run", "{}");
            JsonObject experiment = ServiceFixture.await(http, id, Set.of("succeeded", "failed"));
            assertEquals("succeeded", experiment.get("status").getAsString(), experiment.toString());
            JsonObject metrics = http.get(VcaiService.API + "/evaluation/metrics/" + id).json().getAsJsonObject("metrics");
            assertEquals(0.0, metrics.get("invalid_answer_rate").getAsDouble(), "every streamed answer was valid JSON with a known type");
            assertEquals(0.0, metrics.get("error_rate").getAsDouble());
            assertTrue(metrics.get("accuracy").getAsDouble() > 0, metrics.toString());

            JsonObject message = http.post(VcaiService.API + "/inference/generate-message", json(DIFF)).json();
            assertEquals("llm", message.get("source").getAsString(), message.toString());
            assertTrue(message.get("message").getAsString().contains("\"change_type\""), "the scripted LLM's text: " + message);
        }
    }

    @Test
    void aDeadTritonFailsTheRunWithTheReasonAndMessagesFallBackToTheDraft() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        try (VcaiService service = service("127.0.0.1:" + port)) {
            Http http = new Http(service.port(), null);
            String id = ServiceFixture.create(http, ServiceFixture.servedLlm("no triton", "AWQ"));
            http.post(VcaiService.API + "/experiments/" + id + "/run", "{}");
            JsonObject experiment = ServiceFixture.await(http, id, Set.of("succeeded", "failed"));
            assertEquals("failed", experiment.get("status").getAsString());
            assertTrue(experiment.toString().contains("127.0.0.1:" + port), experiment.toString());

            JsonObject message = http.post(VcaiService.API + "/inference/generate-message", json(DIFF)).json();
            assertEquals("deterministic_draft", message.get("source").getAsString());
            assertTrue(message.get("llm_error").getAsString().contains("127.0.0.1:" + port), message.toString());
        }
    }
}
