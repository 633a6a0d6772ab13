package dev.vcai.forge;

import static dev.vcai.forge.ForgeTestSupport.TOKEN;
import static dev.vcai.forge.ForgeTestSupport.base;
import static dev.vcai.forge.ForgeTestSupport.body;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The durable queue through {@link StatusPublisher}, with MockWebServer as a GitHub that is down, then up: statuses
 * survive a restart (a new queue object over the same directory), go out oldest first, the newest state of a
 * (sha, context) wins, and nothing is sent twice. Requests as in
 * https://docs.github.com/en/rest/commits/statuses#create-a-commit-status
 */
class StatusQueueTest {
    static final String SHA_A = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    static final String SHA_B = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";

    @TempDir
    Path tmp;
    MockWebServer server;
    final List<Duration> waits = new ArrayList<>();
    Instant now = Instant.parse("2026-11-28T10:00:00Z");

    @BeforeEach
    void start() throws Exception {
        server = ForgeTestSupport.server();
    }

    @AfterEach
    void stop() throws Exception {
        server.shutdown();
    }

    /** A clock that moves one second each time it is read, so queued times are distinct and ordered. */
    Clock ticking() {
        return new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                now = now.plusSeconds(1);
                return now;
            }
        };
    }

    StatusPublisher publisher(String baseUrl, StatusQueue queue) {
        return new StatusPublisher(ForgeTestSupport.client(waits, 1),
                StatusPublisher.TokenSource.single(Forge.GITHUB, baseUrl, ForgeTestSupport.token()), queue);
    }

    static CommitStatus status(String baseUrl, String sha, StatusState state, String context) {
        return new CommitStatus(Forge.GITHUB, baseUrl, "owner/name", sha, state, context, "vcai: " + state, null);
    }

    @Test
    void statusesKeptWhileTheForgeIsDownGoOutAfterARestartOldestFirstNewestStateWinningOnce() throws Exception {
        Path directory = tmp.resolve("vcai-status-queue");
        String forge = base(server, "");
        for (int i = 0; i < 3; i++) {
            server.enqueue(new MockResponse().setResponseCode(503).setBody("{\"message\":\"Service Unavailable\"}"));
        }
        StatusQueue first = new StatusQueue(directory, ticking());
        StatusPublisher whileDown = publisher(forge, first);
        assertEquals(StatusPublisher.Outcome.QUEUED, whileDown.publish(status(forge, SHA_A, StatusState.PENDING, "vcai")).outcome());
        assertEquals(StatusPublisher.Outcome.QUEUED, whileDown.publish(status(forge, SHA_B, StatusState.PENDING, "vcai")).outcome());
        StatusPublisher.Published last = whileDown.publish(status(forge, SHA_A, StatusState.FAILURE, "vcai"));
        assertEquals(StatusPublisher.Outcome.QUEUED, last.outcome());
        assertTrue(last.problem().getMessage().contains("503: Service Unavailable"), last.problem().getMessage());
        assertEquals(3, server.getRequestCount(), "each run tried the oldest queued status once, then stopped");
        for (int i = 0; i < 3; i++) {
            server.takeRequest();
        }
        assertEquals(2, first.pending().size(), "one file per (sha, context): A's failure replaced A's pending");
        try (Stream<Path> files = Files.list(directory)) {
            List<Path> all = files.toList();
            assertEquals(2, all.size(), "no temporary or claim files left: " + all);
            for (Path file : all) {
                assertFalse(Files.readString(file, StandardCharsets.UTF_8).contains(TOKEN), "the token is never queued");
            }
        }

        // The forge is back; a new process (a new queue object over the same directory) sends what the old one kept.
        StatusQueue restarted = new StatusQueue(directory, ticking());
        server.enqueue(new MockResponse().setResponseCode(201));
        server.enqueue(new MockResponse().setResponseCode(201));
        StatusQueue.FlushResult result = publisher(forge, restarted).flush();
        assertEquals(2, result.delivered().size());
        assertNull(result.stoppedBy());
        assertEquals(0, result.remaining());
        RecordedRequest b = server.takeRequest();
        RecordedRequest a = server.takeRequest();
        assertEquals("/repos/owner/name/statuses/" + SHA_B, b.getPath(), "B waited longest: B's pending was queued before A's failure");
        assertEquals("pending", ((JsonObject) body(b)).get("state").getAsString());
        assertEquals("/repos/owner/name/statuses/" + SHA_A, a.getPath());
        assertEquals("failure", ((JsonObject) body(a)).get("state").getAsString(), "the newest state of A wins");

        StatusQueue.FlushResult again = publisher(forge, new StatusQueue(directory, ticking())).flush();
        assertEquals(List.of(), again.delivered(), "nothing is sent twice");
        assertEquals(5, server.getRequestCount());
        assertEquals(List.of(), restarted.pending());
    }

    @Test
    void publishingWithAQueueSendsTheOlderStatusesFirst() throws Exception {
        String up = base(server, "");
        Path directory = tmp.resolve("queue");
        StatusQueue queue = new StatusQueue(directory, ticking());
        queue.put(status(up, SHA_B, StatusState.PENDING, "vcai"));
        server.enqueue(new MockResponse().setResponseCode(201));
        server.enqueue(new MockResponse().setResponseCode(201));
        StatusPublisher.Published published = publisher(up, new StatusQueue(directory, ticking()))
                .publish(status(up, SHA_A, StatusState.SUCCESS, "vcai"));
        assertEquals(StatusPublisher.Outcome.DELIVERED, published.outcome());
        assertEquals(1, published.earlier());
        assertEquals("/repos/owner/name/statuses/" + SHA_B, server.takeRequest().getPath());
        assertEquals("/repos/owner/name/statuses/" + SHA_A, server.takeRequest().getPath());
        assertEquals(List.of(), queue.pending());
    }

    @Test
    void contextsAreSeparateChecks() throws Exception {
        String up = base(server, "");
        StatusQueue queue = new StatusQueue(tmp.resolve("q"), ticking());
        queue.put(status(up, SHA_A, StatusState.PENDING, "vcai"));
        queue.put(status(up, SHA_A, StatusState.PENDING, "vcai/risk"));
        queue.put(status(up, SHA_A, StatusState.SUCCESS, "vcai"));
        List<CommitStatus> pending = queue.pending();
        assertEquals(List.of("vcai/risk", "vcai"), pending.stream().map(CommitStatus::context).toList());
        assertEquals(StatusState.SUCCESS, pending.get(1).state());
    }

    @Test
    void aStatusTheForgeRefusesForGoodIsDroppedAndTheRestGoOut() throws Exception {
        String up = base(server, "");
        StatusQueue queue = new StatusQueue(tmp.resolve("q"), ticking());
        queue.put(status(up, SHA_A, StatusState.SUCCESS, "vcai"));
        queue.put(status(up, SHA_B, StatusState.SUCCESS, "vcai"));
        server.enqueue(new MockResponse().setResponseCode(422).setBody("{\"message\":\"No commit found for SHA\"}"));
        server.enqueue(new MockResponse().setResponseCode(201));
        StatusQueue.FlushResult result = publisher(up, queue).flush();
        assertEquals(1, result.dropped().size());
        assertEquals(SHA_A, result.dropped().get(0).status().sha());
        assertEquals(ForgeException.Kind.REFUSED, result.dropped().get(0).reason().kind());
        assertEquals(List.of(SHA_B), result.delivered().stream().map(CommitStatus::sha).toList());
        assertEquals(List.of(), queue.pending());
    }

    @Test
    void aRefusedTokenKeepsEverythingQueuedAndIsReported() throws Exception {
        String up = base(server, "");
        StatusQueue queue = new StatusQueue(tmp.resolve("q"), ticking());
        server.enqueue(new MockResponse().setResponseCode(401).setBody("{\"message\":\"Bad credentials\"}"));
        ForgeException e = assertThrows(ForgeException.class,
                () -> publisher(up, queue).publish(status(up, SHA_A, StatusState.SUCCESS, "vcai")));
        assertEquals(ForgeException.Kind.UNAUTHORIZED, e.kind());
        assertFalse(e.getMessage().contains(TOKEN));
        assertEquals(1, queue.pending().size(), "kept for when the token is fixed");
    }

    @Test
    void statusesOfAnotherForgeServerWaitForTheirToken() throws Exception {
        String up = base(server, "");
        StatusQueue queue = new StatusQueue(tmp.resolve("q"), ticking());
        queue.put(status("https://ghe.example.com/api/v3", SHA_A, StatusState.SUCCESS, "vcai"));
        StatusQueue.FlushResult result = publisher(up, queue).flush();
        assertEquals(List.of(), result.delivered());
        assertEquals(0, server.getRequestCount());
        assertEquals(1, queue.pending().size());
    }

    @Test
    void aClaimLeftByADeadProcessIsSentLater() throws Exception {
        String up = base(server, "");
        Path directory = tmp.resolve("q");
        StatusQueue queue = new StatusQueue(directory, ticking());
        CommitStatus status = status(up, SHA_A, StatusState.SUCCESS, "vcai");
        queue.put(status);
        String key = StatusQueue.key(status);
        // A process claimed it (renamed it to send it) long ago and died before sending.
        long longAgo = now.minus(StatusQueue.STALE_CLAIM).minusSeconds(60).toEpochMilli();
        Files.move(directory.resolve(key + ".json"), directory.resolve(key + ".sending-" + longAgo + "-dead"));
        // A fresh claim of another process still sending must be left alone.
        CommitStatus other = status(up, SHA_B, StatusState.SUCCESS, "vcai");
        queue.put(other);
        String otherKey = StatusQueue.key(other);
        long aliveAt = now.toEpochMilli();
        Files.move(directory.resolve(otherKey + ".json"), directory.resolve(otherKey + ".sending-" + aliveAt + "-alive"));
        server.enqueue(new MockResponse().setResponseCode(201));
        StatusQueue.FlushResult result = publisher(up, queue).flush();
        assertEquals(List.of(SHA_A), result.delivered().stream().map(CommitStatus::sha).toList());
        assertEquals(1, server.getRequestCount());
        try (Stream<Path> files = Files.list(directory)) {
            assertEquals(List.of(otherKey + ".sending-" + aliveAt + "-alive"),
                    files.map(p -> p.getFileName().toString()).toList(), "the live claim is untouched, the stale one sent");
        }
    }

    @Test
    void everyFieldSurvivesTheQueue() throws Exception {
        CommitStatus status = new CommitStatus(Forge.GITHUB_CHECKS, "https://ghe.example.com/api/v3", "o/r", SHA_A,
                StatusState.FAILURE, "vcai/x", "vcai: BLOCKED", "https://ci.example.com/1").withSummary("### vcai: BLOCKED\n");
        StatusQueue queue = new StatusQueue(tmp.resolve("q"), ticking());
        queue.put(status);
        assertEquals(List.of(status), new StatusQueue(tmp.resolve("q")).pending());
    }
}
