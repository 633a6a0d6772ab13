package dev.vcai.service;

import static dev.vcai.service.ServiceFixture.json;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.vcai.model.ModelVersions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Promotion end to end, with gates low enough for a small model to pass: APPROVED publishes numbered versions in
 * Triton's layout and switches the service's model; rollback republishes the previous one; a blacklisted technique
 * is BLOCKED. Both databases.
 */
class PromotionTest {
    static final String API = VcaiService.API;
    /** Accuracy >= 0, p99 <= 10 s, any error rate, any gain over production. */
    static final PromotionGates LENIENT = new PromotionGates(0, 10_000, 1, -1, 0);

    @TempDir
    Path tmp;

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("dev.vcai.service.store.StoreTest#databases")
    void approvedVersionsRollbackAndBlocked(String database) throws Exception {
        Path models = tmp.resolve("triton-model-repo");
        try (VcaiService service = VcaiService.builder().port(0).database(TestDatabases.fresh(database, tmp), null, null)
                .modelRepository(models).datasets(ServiceFixture.DATASETS).gates(LENIENT).build().start()) {
            Http http = new Http(service.port(), null);
            String shipped = http.get("/ready").json().get("model_sha256").getAsString();
            String first = ServiceFixture.create(http, ServiceFixture.classifier("first", "['subject','paths']"));
            String second = ServiceFixture.create(http, ServiceFixture.classifier("second", "['subject','paths','shape']"));
            http.post(API + "/experiments/" + first + "/run", "{}");
            http.post(API + "/experiments/" + second + "/run", "{}");
            ServiceFixture.await(http, first, Set.of("succeeded"));
            ServiceFixture.await(http, second, Set.of("succeeded"));

            JsonObject approved = http.post(API + "/evaluation/promote/" + first, json("{'requested_by':'ana'}")).json();
            assertEquals("APPROVED", approved.get("decision").getAsString(), approved.toString());
            assertEquals(1, approved.get("version").getAsInt());
            Path version1 = models.resolve("change_type/1/model.onnx");
            assertTrue(Files.isRegularFile(version1));
            String sha1 = http.get("/ready").json().get("model_sha256").getAsString();
            assertNotEquals(shipped, sha1, "the service answers with the promoted model");
            assertEquals(1, http.get("/ready").json().get("model_version").getAsInt());

            assertEquals(2, http.post(API + "/evaluation/promote/" + second, json("{'requested_by':'bob'}")).json().get("version").getAsInt());
            assertEquals(List.of(1, 2), ModelVersions.list(models.resolve("change_type")));
            String analysed = http.post(API + "/inference/analyze-commit", json("{'message':'fix: x','diff':'--- a/x\\n+++ b/x\\n@@ -1 +1 @@\\n-a\\n+b\\n'}"))
                    .json().getAsJsonObject("model").get("sha256").getAsString();
            assertEquals(http.get("/ready").json().get("model_sha256").getAsString(), analysed);

            JsonObject rollback = http.post(API + "/evaluation/rollback", json("{'requested_by':'carol'}")).json();
            assertEquals(3, rollback.get("version").getAsInt());
            assertEquals(1, rollback.get("restored_version").getAsInt());
            assertEquals(sha1, rollback.get("sha256").getAsString());
            assertArrayEquals(Files.readAllBytes(version1), Files.readAllBytes(models.resolve("change_type/3/model.onnx")));

            JsonObject history = http.get(API + "/models/versions").json();
            assertEquals(3, history.getAsJsonObject("production").get("version").getAsInt());
            JsonArray versions = history.getAsJsonArray("versions");
            assertEquals(List.of("carol", "bob", "ana"), List.of(versions.get(0).getAsJsonObject().get("promoted_by").getAsString(),
                    versions.get(1).getAsJsonObject().get("promoted_by").getAsString(), versions.get(2).getAsJsonObject().get("promoted_by").getAsString()));
            assertEquals("rollback", versions.get(0).getAsJsonObject().get("action").getAsString());
            assertTrue(versions.get(2).getAsJsonObject().getAsJsonObject("metrics").has("accuracy"));

            // Blacklisting a technique the experiment uses BLOCKS its promotion.
            http.post(API + "/quarantine/blacklist", json("{'technique':'features:paths','reason':'leaks the label'}"));
            JsonObject blocked = http.post(API + "/evaluation/promote/" + second, json("{'requested_by':'bob'}")).json();
            assertEquals("BLOCKED", blocked.get("decision").getAsString());
            assertEquals("features:paths", blocked.getAsJsonArray("blacklisted_techniques").get(0).getAsString());
            assertEquals(List.of(1, 2, 3), ModelVersions.list(models.resolve("change_type")), "no version for a blocked promotion");
        }
        // A restarted service answers with the newest version.
        try (VcaiService again = VcaiService.builder().port(0).database(TestDatabases.fresh("sqlite", tmp), null, null)
                .modelRepository(models).datasets(ServiceFixture.DATASETS).build().start()) {
            assertEquals(3, new Http(again.port(), null).get("/ready").json().get("model_version").getAsInt());
        }
    }

    @Test
    void rollbackNeedsAPreviousVersion() throws Exception {
        try (VcaiService service = VcaiService.builder().port(0).database("jdbc:sqlite:" + tmp.resolve("s.db"), null, null)
                .modelRepository(tmp.resolve("models")).datasets(ServiceFixture.DATASETS).build().start()) {
            Http.Reply reply = new Http(service.port(), null).post(API + "/evaluation/rollback", json("{'requested_by':'x'}"));
            assertEquals(409, reply.status());
            assertEquals("no_previous_version", reply.error().get("rule").getAsString());
        }
    }

    @Test
    void missingDatasetsAreAServiceErrorNotACrash() throws Exception {
        try (VcaiService service = VcaiService.builder().port(0).database("jdbc:sqlite:" + tmp.resolve("s.db"), null, null)
                .modelRepository(tmp.resolve("models")).datasets(tmp.resolve("no-such-directory")).build().start()) {
            Http.Reply reply = new Http(service.port(), null).post(API + "/experiments", ServiceFixture.classifier("x", "['subject']"));
            assertEquals(503, reply.status());
            assertEquals("io_error", reply.error().get("rule").getAsString());
            assertTrue(reply.error().get("message").getAsString().contains("no dataset directory"), reply.text());
        }
    }
}
