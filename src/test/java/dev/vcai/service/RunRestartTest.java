package dev.vcai.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run the service stops under is failed, with the reason, when the service starts again on the same database. */
class RunRestartTest {
    @TempDir
    Path tmp;

    private VcaiService start(String database) throws Exception {
        return VcaiService.builder().port(0).database(database, null, null).modelRepository(tmp.resolve("models"))
                .datasets(ServiceFixture.DATASETS).build().start();
    }

    @Test
    void aRunCutOffByARestartIsMarkedFailed() throws Exception {
        String database = "jdbc:sqlite:" + tmp.resolve("service.db");
        String id;
        String queued;
        try (VcaiService service = start(database)) {
            Http http = new Http(service.port(), null);
            // Large enough to be still training when the service stops.
            id = ServiceFixture.create(http, ServiceFixture.json("{'name':'big','architecture_config':{'kind':'classifier'},"
                    + "'training_settings':{'repositories':['ratatui-org/ratatui','googleapis/java-storage'],'max_commits':3000},"
                    + "'inference_settings':{'evaluation_repositories':['go-kratos/kratos']}}"));
            queued = ServiceFixture.create(http, ServiceFixture.classifier("waits", "['subject']"));
            http.post(VcaiService.API + "/experiments/" + id + "/run", "{}");
            http.post(VcaiService.API + "/experiments/" + queued + "/run", "{}");
            ServiceFixture.await(http, id, Set.of("running"));
            assertEquals("queued", http.get(VcaiService.API + "/experiments/" + queued).json().get("status").getAsString());
        }
        try (VcaiService service = start(database)) {
            assertEquals(2, service.interruptedRuns());
            Http http = new Http(service.port(), null);
            for (String experiment : new String[] {id, queued}) {
                JsonObject failed = http.get(VcaiService.API + "/experiments/" + experiment).json();
                assertEquals("failed", failed.get("status").getAsString());
                assertEquals(Runs.INTERRUPTED, failed.get("failure").getAsString());
            }
            int crashes = 0;
            for (JsonElement f : http.get(VcaiService.API + "/quarantine/failures").json().getAsJsonArray("failures")) {
                crashes += f.getAsJsonObject().get("trigger").getAsString().equals("run_crashed") ? 1 : 0;
                assertTrue(f.getAsJsonObject().get("root_cause").getAsString().contains("stopped"));
            }
            assertEquals(2, crashes);
            // It can be run again.
            assertEquals(202, http.post(VcaiService.API + "/experiments/" + queued + "/run", "{}").status());
            ServiceFixture.await(http, queued, Set.of("succeeded"));
        }
    }
}
