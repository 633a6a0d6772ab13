package dev.vcai.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonObject;
import dev.vcai.service.quarantine.Quarantine;
import dev.vcai.service.quarantine.Trigger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Quarantine pushes through the outbox to a real HTTP endpoint (MockWebServer): the endpoint down, the service
 * restarted, the endpoint back; every failure arrives, each message with one idempotency key however often it was
 * tried. The blacklist is synced from the endpoint.
 */
class QuarantineDeliveryTest {
    @TempDir
    Path tmp;
    MockWebServer endpoint;
    MockWebServer webhook;
    final AtomicBoolean up = new AtomicBoolean(false);
    final List<RecordedRequest> accepted = new CopyOnWriteArrayList<>();
    final List<RecordedRequest> refused = new CopyOnWriteArrayList<>();
    volatile String blacklist = null;

    @BeforeEach
    void servers() throws Exception {
        Dispatcher dispatcher = new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                if (request.getPath().endsWith("/blacklist")) {
                    return blacklist == null ? new MockResponse().setResponseCode(404) : new MockResponse().setBody(blacklist);
                }
                if (!up.get()) {
                    refused.add(request);
                    return new MockResponse().setResponseCode(503);
                }
                accepted.add(request);
                return new MockResponse().setResponseCode(202);
            }
        };
        endpoint = new MockWebServer();
        endpoint.setDispatcher(dispatcher);
        endpoint.start();
        webhook = new MockWebServer();
        webhook.setDispatcher(dispatcher);
        webhook.start();
    }

    @AfterEach
    void stopServers() throws Exception {
        endpoint.shutdown();
        webhook.shutdown();
    }

    private VcaiService start(String database, Duration blacklistSync) throws Exception {
        Quarantine.Settings settings = new Quarantine.Settings(endpoint.url("/v3"), List.of(webhook.url("/hooks/vcai")),
                Set.of(Trigger.values()), Duration.ofMillis(20), Duration.ofMillis(200), Duration.ofMillis(20), blacklistSync);
        return VcaiService.builder().port(0).database(database, null, null).modelRepository(tmp.resolve("models"))
                .datasets(ServiceFixture.DATASETS).quarantine(settings).build().start();
    }

    private static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(20);
        }
        fail("timed out waiting for " + what);
    }

    @Test
    void failuresReachTheEndpointAndWebhooksOnceItIsBackEvenAcrossARestart() throws Exception {
        String database = "jdbc:sqlite:" + tmp.resolve("service.db");
        String first;
        try (VcaiService service = start(database, Duration.ZERO)) {
            Http http = new Http(service.port(), null);
            first = ServiceFixture.create(http, ServiceFixture.servedLlm("one", "AWQ"));
            http.post(VcaiService.API + "/experiments/" + first + "/run", "{}");
            ServiceFixture.await(http, first, Set.of("failed"));
            eventually("several refused attempts", () -> refused.size() >= 6);
            JsonObject outbox = http.get(VcaiService.API + "/quarantine/outbox").json();
            assertEquals(2, outbox.get("pending").getAsInt(), outbox.toString());
            assertEquals("HTTP 503", outbox.getAsJsonArray("messages").get(0).getAsJsonObject().get("last_error").getAsString());
        }
        int refusedBeforeRestart = refused.size();
        up.set(true);
        try (VcaiService service = start(database, Duration.ZERO)) {
            Http http = new Http(service.port(), null);
            eventually("delivery after the restart", () -> accepted.size() >= 2);
            eventually("the outbox drained", () -> {
                try {
                    return http.get(VcaiService.API + "/quarantine/outbox").json().get("pending").getAsInt() == 0;
                } catch (java.io.IOException e) {
                    return false;
                }
            });
        }
        assertEquals(2, accepted.size(), "each message delivered once when the endpoint answers");
        List<String> paths = new ArrayList<>();
        for (RecordedRequest request : accepted) {
            paths.add(request.getPath());
            String key = request.getHeader("Idempotency-Key");
            assertTrue(key != null && !key.isEmpty());
            // Every refused attempt of this message carried the same key.
            long tries = refused.stream().filter(r -> key.equals(r.getHeader("Idempotency-Key"))).count();
            assertTrue(tries >= 1, "the message was tried while the endpoint was down");
            JsonObject payload = Http.json(request.getBody().readUtf8());
            assertEquals(Quarantine.PAYLOAD_TYPE, payload.get("type").getAsString());
            assertEquals(first, payload.getAsJsonObject("failure").get("experiment_id").getAsString());
            assertEquals("run_crashed", payload.getAsJsonObject("failure").get("trigger").getAsString());
            assertEquals("mistral_7b", payload.getAsJsonObject("experiment").getAsJsonObject("spec")
                    .getAsJsonObject("architecture_config").get("model_type").getAsString());
        }
        assertEquals(Set.of("/v3/quarantine", "/hooks/vcai"), Set.copyOf(paths));
        assertTrue(refusedBeforeRestart >= 6);
        long distinctKeys = refused.stream().map(r -> r.getHeader("Idempotency-Key")).distinct().count();
        assertEquals(2, distinctKeys, "two messages, however many attempts");
    }

    @Test
    void theBlacklistIsSyncedFromTheEndpointAndRefusesExperiments() throws Exception {
        blacklist = "[{\"technique\":\"quantization:AWQ\",\"reason\":\"garbage on long prompts\"}]";
        try (VcaiService service = start("jdbc:sqlite:" + tmp.resolve("sync.db"), Duration.ofMillis(50))) {
            Http http = new Http(service.port(), null);
            eventually("the synced blacklist", () -> {
                try {
                    return http.get(VcaiService.API + "/quarantine/blacklist").json().getAsJsonArray("techniques").size() == 1;
                } catch (java.io.IOException e) {
                    return false;
                }
            });
            JsonObject entry = http.get(VcaiService.API + "/quarantine/blacklist").json().getAsJsonArray("techniques").get(0).getAsJsonObject();
            assertEquals("quarantine_endpoint", entry.get("source").getAsString());
            Http.Reply refused = http.post(VcaiService.API + "/experiments", ServiceFixture.servedLlm("awq", "AWQ"));
            assertEquals(400, refused.status());
            assertTrue(refused.error().get("message").getAsString().contains("garbage on long prompts"));

            blacklist = "[]";
            eventually("the entry removed by the endpoint", () -> {
                try {
                    return http.get(VcaiService.API + "/quarantine/blacklist").json().getAsJsonArray("techniques").isEmpty();
                } catch (java.io.IOException e) {
                    return false;
                }
            });
            assertEquals(201, http.post(VcaiService.API + "/experiments", ServiceFixture.servedLlm("awq", "AWQ")).status());
        }
    }
}
