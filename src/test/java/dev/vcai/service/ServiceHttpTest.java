package dev.vcai.service;

import static dev.vcai.service.ServiceFixture.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every endpoint over real HTTP on a loopback port, with an API token and a small body limit configured. */
class ServiceHttpTest {
    static final String API = VcaiService.API;
    static final String DIFF = """
            diff --git a/src/app/Parser.java b/src/app/Parser.java
            index 1111111..2222222 100644
            --- a/src/app/Parser.java
            +++ b/src/app/Parser.java
            @@ -1,3 +1,4 @@
             class Parser {
            -    int limit = 10;
            +    int limit = 100;
            +    // a larger limit for long inputs
             }
            diff --git a/docs/parser.md b/docs/parser.md
            new file mode 100644
            index 0000000..3333333
            --- /dev/null
            +++ b/docs/parser.md
            @@ -0,0 +1,2 @@
            +# Parser
            +The limit is 100.
            """;

    @TempDir
    static Path tmp;
    static VcaiService service;
    static Http http;
    static Http anonymous;

    @BeforeAll
    static void start() throws Exception {
        service = VcaiService.builder().port(0).database("jdbc:sqlite:" + tmp.resolve("service.db"), null, null)
                .modelRepository(tmp.resolve("models")).datasets(ServiceFixture.DATASETS).apiToken("s3cret").maxBodyBytes(64 * 1024)
                .repositoryRoot(tmp.resolve("repositories")).build().start();
        http = new Http(service.port(), "s3cret");
        anonymous = new Http(service.port(), null);
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void healthReadinessMetricsAndTheOpenApiDocumentOfEveryRoute() throws Exception {
        Http.Reply health = anonymous.get("/health");
        assertEquals(200, health.status());
        assertEquals("up", health.json().get("status").getAsString());
        JsonObject ready = anonymous.get("/ready").json();
        assertEquals("up", ready.get("database").getAsString());
        assertEquals(64, ready.get("model_sha256").getAsString().length());

        Http.Reply metrics = anonymous.get("/metrics");
        assertEquals(200, metrics.status());
        assertTrue(metrics.text().contains("vcai_http_requests_seconds_count{method=\"GET\",route=\"/health\""), metrics.text());
        assertTrue(metrics.text().contains("jvm_memory_used_bytes"));

        JsonObject openApi = anonymous.get("/openapi.json").json();
        assertEquals("3.0.3", openApi.get("openapi").getAsString());
        JsonObject paths = openApi.getAsJsonObject("paths");
        List<String> documented = new ArrayList<>();
        for (String path : paths.keySet()) {
            for (String method : paths.getAsJsonObject(path).keySet()) {
                documented.add(method.toUpperCase(Locale.ROOT) + " " + path);
            }
        }
        assertEquals(Set.copyOf(service.routes()), Set.copyOf(documented), "the OpenAPI document lists exactly the routes");
        assertEquals(22, service.routes().size());
    }

    @Test
    void badRequestsAreJsonErrorsNamingTheRule() throws Exception {
        Http.Reply unknown = anonymous.get(API + "/nothing");
        assertEquals(404, unknown.status(), unknown.text());
        assertEquals("no_route", unknown.error().get("rule").getAsString());
        assertTrue(unknown.contentType().startsWith("application/json"));

        Http.Reply syntax = http.post(API + "/inference/analyze-commit", "{\"message\": ");
        assertEquals(400, syntax.status());
        assertEquals("json_syntax", syntax.error().get("rule").getAsString());
        assertEquals("json_object", http.post(API + "/inference/analyze-commit", "[1]").error().get("rule").getAsString());

        Http.Reply large = http.post(API + "/inference/analyze-commit", "{\"message\":\"" + "x".repeat(70 * 1024) + "\"}");
        assertEquals(413, large.status());
        assertEquals("max_body_size", large.error().get("rule").getAsString());
        Http.Reply chunked = http.postChunked(API + "/inference/analyze-commit", "{\"message\":\"" + "x".repeat(70 * 1024) + "\"}");
        assertEquals(413, chunked.status(), "no Content-Length to go by: " + chunked.text());
        assertEquals("max_body_size", chunked.error().get("rule").getAsString());
        assertEquals(200, http.postChunked(API + "/inference/analyze-commit", body("fix: a chunked request", DIFF).toString()).status());

        Http.Reply missing = http.get(API + "/experiments/does-not-exist");
        assertEquals(404, missing.status());
        assertEquals("not_found", missing.error().get("rule").getAsString());
        assertEquals(404, http.get(API + "/evaluation/metrics/does-not-exist").status());
        assertEquals(404, http.post(API + "/experiments/does-not-exist/run", "{}").status());
    }

    @Test
    void mutatingRequestsNeedTheToken() throws Exception {
        Http.Reply refused = anonymous.post(API + "/experiments", ServiceFixture.classifier("x", "['subject']"));
        assertEquals(401, refused.status(), refused.text());
        assertEquals("api_token", refused.error().get("rule").getAsString());
        assertEquals(401, new Http(service.port(), "wrong").post(API + "/quarantine/blacklist", json("{'technique':'lora','reason':'r'}")).status());
        assertEquals(401, anonymous.delete(API + "/quarantine/blacklist/lora").status());
        assertEquals(401, anonymous.deleteWith("Basic s3cret", API + "/quarantine/blacklist/nothing").status());
        assertEquals(404, anonymous.deleteWith("bearer s3cret", API + "/quarantine/blacklist/nothing").status(),
                "the scheme's name in any case (RFC 9110): past the token check, nothing to delete");
        assertEquals(401, anonymous.post(API + "/evaluation/rollback", json("{'requested_by':'x'}")).status());
        // Inference and comparison change nothing: no token needed.
        assertEquals(200, anonymous.post(API + "/inference/analyze-commit", body("feat: x", DIFF)).status());
    }

    private static JsonObject body(String message, String diff) {
        JsonObject body = new JsonObject();
        body.addProperty("message", message);
        body.addProperty("diff", diff);
        return body;
    }

    @Test
    void analyzeCommitTurnsADiffIntoTheAnalysisDocument() throws Exception {
        JsonObject request = body("Raise the parser limit\n\nLong inputs were cut.", DIFF);
        request.addProperty("commit_hash", "ABCDEF0123456789abcdef0123456789abcdef01");
        request.addProperty("ref", "refs/heads/main");
        Http.Reply reply = anonymous.post(API + "/inference/analyze-commit", request);
        assertEquals(200, reply.status(), reply.text());
        JsonObject analysis = reply.json();
        assertEquals("vcai.analysis/v1", analysis.get("schema").getAsString());
        assertEquals("refs/heads/main", analysis.get("ref").getAsString());
        JsonObject commit = analysis.getAsJsonArray("commits").get(0).getAsJsonObject();
        assertEquals("abcdef0123456789abcdef0123456789abcdef01", commit.get("id").getAsString());
        assertEquals("Raise the parser limit", commit.get("subject").getAsString());
        JsonArray files = commit.getAsJsonArray("files");
        assertEquals("src/app/Parser.java", files.get(0).getAsJsonObject().get("path").getAsString());
        assertEquals(2, files.get(0).getAsJsonObject().get("added").getAsInt());
        assertEquals(1, files.get(0).getAsJsonObject().get("deleted").getAsInt());
        assertEquals("A", files.get(1).getAsJsonObject().get("status").getAsString());
        assertEquals("documentation", files.get(1).getAsJsonObject().get("kind").getAsString());
        assertEquals(4, commit.getAsJsonObject("metrics").get("lines_added").getAsInt());
        assertNotNull(commit.getAsJsonObject("change_type").get("type").getAsString());

        // What the service answers follows the analysis schema, for a diff with or without its commit's hash.
        com.networknt.schema.JsonSchema schema;
        try (java.io.InputStream in = getClass().getResourceAsStream("/dev/vcai/report/analysis.schema.json")) {
            schema = com.networknt.schema.JsonSchemaFactory.getInstance(com.networknt.schema.SpecVersion.VersionFlag.V202012).getSchema(in);
        }
        JsonObject bare = body("fix: no hash, no author", DIFF);
        for (JsonObject sent : List.of(request, bare)) {
            Http.Reply answer = anonymous.post(API + "/inference/analyze-commit", sent);
            assertEquals(200, answer.status(), answer.text());
            assertEquals(java.util.Set.of(), schema.validate(new com.fasterxml.jackson.databind.ObjectMapper().readTree(answer.text())), answer.text());
        }
        JsonObject uncommitted = anonymous.post(API + "/inference/analyze-commit", bare).json().getAsJsonArray("commits").get(0).getAsJsonObject();
        assertEquals("uncommitted", uncommitted.get("id").getAsString());
        assertEquals("uncommitted", uncommitted.get("short_id").getAsString());
    }

    @Test
    void analyzeCommitValidatesEveryField() throws Exception {
        assertRefused(json("{'diff':'x'}"), "message", "required");
        assertRefused(json("{'message':'m'}"), "diff", "required");
        assertRefused(json("{'message':'m','diff':'not a diff'}"), "diff", "unified_diff");
        assertRefused(json("{'message':'m','diff':'x','commit_hash':'xyz'}"), "commit_hash", "hex");
        assertRefused(json("{'message':'m','diff':'x','time':'yesterday'}"), "time", "iso_8601");
        assertRefused(json("{'message':3,'diff':'x'}"), "message", "string");
        assertRefused(json("{'message':'m','diff':'x','branch':'main'}"), "branch", "unknown_field");
        assertRefused(json("{'repository':'../../etc','revision':'HEAD'}"), "repository", "exists");
        assertRefused(json("{'repository':'r','revision':'--all'}"), "revision", "not_an_option");
    }

    private static void assertRefused(JsonObject body, String field, String rule) throws Exception {
        Http.Reply reply = anonymous.post(API + "/inference/analyze-commit", body);
        assertEquals(400, reply.status(), reply.text());
        assertEquals(field, reply.error().get("field").getAsString(), reply.text());
        assertEquals(rule, reply.error().get("rule").getAsString(), reply.text());
    }

    @Test
    void batchAnalyzeKeepsTheOrderAndBoundsTheSize() throws Exception {
        JsonArray commits = new JsonArray();
        for (int i = 0; i < 3; i++) {
            JsonObject commit = body("change " + i, DIFF);
            commit.addProperty("commit_hash", "00000" + i);
            commits.add(commit);
        }
        JsonObject request = new JsonObject();
        request.add("commits", commits);
        Http.Reply reply = anonymous.post(API + "/inference/batch-analyze", request);
        assertEquals(200, reply.status(), reply.text());
        JsonArray results = reply.json().getAsJsonArray("results");
        for (int i = 0; i < 3; i++) {
            assertEquals("00000" + i, results.get(i).getAsJsonObject().getAsJsonArray("commits").get(0).getAsJsonObject().get("id").getAsString());
        }

        commits.get(1).getAsJsonObject().remove("message");
        Http.Reply invalid = anonymous.post(API + "/inference/batch-analyze", request);
        assertEquals("commits[1].message", invalid.error().get("field").getAsString());

        JsonArray many = new JsonArray();
        for (int i = 0; i <= Inference.MAX_BATCH; i++) {
            many.add(body("c", "--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a\n+b\n"));
        }
        request.add("commits", many);
        Http.Reply tooMany = anonymous.post(API + "/inference/batch-analyze", request);
        assertEquals(400, tooMany.status());
        assertEquals("size", tooMany.error().get("rule").getAsString());
    }

    @Test
    void generateMessageWithoutAnLlmIsALabelledDraft() throws Exception {
        String diff = "diff --git a/docs/install.md b/docs/install.md\nnew file mode 100644\n--- /dev/null\n+++ b/docs/install.md\n"
                + "@@ -0,0 +1,2 @@\n+# Install\n+Run the installer.\n";
        JsonObject request = new JsonObject();
        request.addProperty("diff", diff);
        JsonObject draft = anonymous.post(API + "/inference/generate-message", request).json();
        assertEquals("deterministic_draft", draft.get("source").getAsString());
        assertTrue(draft.get("note").getAsString().contains("no LLM"));
        assertEquals("docs", draft.get("scope").getAsString());
        String type = draft.get("type").getAsString();
        assertTrue(draft.get("message").getAsString().startsWith(type + "(docs): add install.md\n\n- add docs/install.md (+2 -0)"),
                draft.get("message").getAsString());
        assertEquals(400, anonymous.post(API + "/inference/generate-message", json("{'message':'x'}")).status());
    }

    @Test
    void experimentsRunCompareAndAreJudged() throws Exception {
        String full = ServiceFixture.create(http, ServiceFixture.classifier("all features", "['body','patch','paths','shape','subject']"));
        String subject = ServiceFixture.create(http, ServiceFixture.classifier("subject only", "['subject']"));
        JsonObject created = http.get(API + "/experiments/" + full).json();
        assertEquals("created", created.get("status").getAsString());
        assertEquals("classifier", created.get("kind").getAsString());
        assertEquals(409, http.get(API + "/evaluation/metrics/" + full).status(), "no evaluation before a run");

        assertEquals(202, http.post(API + "/experiments/" + full + "/run", "{}").status());
        assertEquals(202, http.post(API + "/experiments/" + subject + "/run", "{}").status());
        Http.Reply again = http.post(API + "/experiments/" + subject + "/run", "{}");
        assertEquals(409, again.status(), "already queued or running");
        assertEquals("run_in_progress", again.error().get("rule").getAsString());

        JsonObject done = ServiceFixture.await(http, full, Set.of("succeeded", "failed"));
        assertEquals("succeeded", done.get("status").getAsString(), done.toString());
        assertEquals(1.0, done.get("progress").getAsDouble());
        ServiceFixture.await(http, subject, Set.of("succeeded"));

        JsonObject metrics = http.get(API + "/evaluation/metrics/" + full).json().getAsJsonObject("metrics");
        assertEquals(100, metrics.get("evaluation_commits").getAsInt());
        assertEquals(300, metrics.get("training_commits").getAsInt());
        for (String name : List.of("accuracy", "macro_precision", "macro_recall", "macro_f1", "latency_p50_ms", "latency_p95_ms",
                "latency_p99_ms", "throughput_rps", "error_rate", "model_size_bytes", "memory_bytes")) {
            assertTrue(metrics.get(name).isJsonPrimitive(), name + " in " + metrics);
        }
        double accuracy = metrics.get("accuracy").getAsDouble();
        assertTrue(accuracy > 0 && accuracy < 1, metrics.toString());
        assertTrue(metrics.get("latency_p50_ms").getAsDouble() <= metrics.get("latency_p99_ms").getAsDouble());
        assertFalse(metrics.getAsJsonObject("per_type").keySet().isEmpty());
        assertTrue(metrics.get("cost_per_1000_requests").isJsonNull(), "no price configured");

        JsonObject comparison = anonymous.post(API + "/evaluation/compare", json("{'experiments':['" + full + "','" + subject + "']}")).json();
        assertEquals(100, comparison.get("evaluation_commits").getAsInt());
        JsonObject pair = comparison.getAsJsonArray("pairs").get(0).getAsJsonObject();
        double difference = pair.getAsJsonObject("difference_b_minus_a").get("accuracy").getAsDouble();
        double subjectAccuracy = http.get(API + "/evaluation/metrics/" + subject).json().getAsJsonObject("metrics").get("accuracy").getAsDouble();
        assertEquals(subjectAccuracy - accuracy, difference, 1e-3);
        // The discordant counts explain the accuracy difference exactly (same commits, paired).
        assertEquals(difference * 100, pair.get("only_b_correct").getAsInt() - pair.get("only_a_correct").getAsInt(), 0.5);
        double p = pair.get("p_value").getAsDouble();
        assertTrue(p > 0 && p <= 1);
        assertEquals(p < 0.05, pair.get("significant").getAsBoolean());
        assertEquals(400, anonymous.post(API + "/evaluation/compare", json("{'experiments':['" + full + "']}")).status());

        // The default gates: this small model is far from accuracy 0.92.
        JsonObject decision = http.post(API + "/evaluation/promote/" + full, json("{'requested_by':'ana'}")).json();
        assertEquals("REJECTED", decision.get("decision").getAsString(), decision.toString());
        assertTrue(decision.get("version").isJsonNull());
        JsonArray gates = decision.getAsJsonArray("gates");
        assertEquals("accuracy", gates.get(0).getAsJsonObject().get("name").getAsString());
        assertEquals("failed", gates.get(0).getAsJsonObject().get("outcome").getAsString());
        assertEquals("REJECTED", http.get(API + "/evaluation/promote/" + full).json().getAsJsonArray("decisions").get(0)
                .getAsJsonObject().get("decision").getAsString());
        assertEquals("requested_by", http.post(API + "/evaluation/promote/" + full, "{}").error().get("field").getAsString());

        // The accuracy gate's quarantine trigger fired for the run.
        boolean quarantined = false;
        for (JsonElement f : http.get(API + "/quarantine/failures").json().getAsJsonArray("failures")) {
            JsonObject failure = f.getAsJsonObject();
            if (failure.get("experiment_id").getAsString().equals(full) && failure.get("trigger").getAsString().equals("accuracy_below_gate")) {
                quarantined = true;
                assertFalse(failure.get("root_cause").getAsString().isEmpty());
                assertTrue(Set.of("LOW", "MEDIUM", "HIGH", "IMPOSSIBLE").contains(failure.get("fix_complexity").getAsString()));
                assertEquals(accuracy, failure.getAsJsonObject("metrics").get("accuracy").getAsDouble(), 1e-3);
            }
        }
        assertTrue(quarantined);
        assertTrue(http.get(API + "/experiments").json().getAsJsonArray("experiments").size() >= 2);
    }

    @Test
    void aServedLlmRunFailsWithTheReasonWithoutTriton() throws Exception {
        String id = ServiceFixture.create(http, ServiceFixture.servedLlm("mistral awq", "AWQ"));
        assertEquals(202, http.post(API + "/experiments/" + id + "/run", "{}").status());
        JsonObject failed = ServiceFixture.await(http, id, Set.of("failed", "succeeded"));
        assertEquals("failed", failed.get("status").getAsString());
        assertTrue(failed.get("failure").getAsString().contains("no Triton endpoint is configured"), failed.toString());
        JsonObject record = null;
        for (JsonElement f : http.get(API + "/quarantine/failures").json().getAsJsonArray("failures")) {
            if (f.getAsJsonObject().get("experiment_id").getAsString().equals(id)) {
                record = f.getAsJsonObject();
            }
        }
        assertNotNull(record);
        assertEquals("run_crashed", record.get("trigger").getAsString());
        assertEquals("LOW", record.get("fix_complexity").getAsString());
        assertEquals(409, http.post(API + "/evaluation/promote/" + id, json("{'requested_by':'ana'}")).status(), "a failed run is not promoted");
    }

    @Test
    void theBlacklistRefusesExperimentsAtCreation() throws Exception {
        Http.Reply added = http.post(API + "/quarantine/blacklist", json("{'technique':'quantization:GPTQ','reason':'garbled output'}"));
        assertEquals(201, added.status(), added.text());
        assertEquals("technique_key", http.post(API + "/quarantine/blacklist", json("{'technique':'GPTQ!','reason':'r'}"))
                .error().get("rule").getAsString());
        Http.Reply refused = http.post(API + "/experiments", ServiceFixture.servedLlm("gptq", "GPTQ"));
        assertEquals(400, refused.status());
        assertEquals("blacklisted", refused.error().get("rule").getAsString());
        assertEquals("architecture_config.quantization", refused.error().get("field").getAsString());
        assertTrue(refused.error().get("message").getAsString().contains("garbled output"));
        assertEquals(204, http.delete(API + "/quarantine/blacklist/quantization:GPTQ").status());
        assertEquals(404, http.delete(API + "/quarantine/blacklist/quantization:GPTQ").status());
        assertEquals(201, http.post(API + "/experiments", ServiceFixture.servedLlm("gptq", "GPTQ")).status());
    }
}
