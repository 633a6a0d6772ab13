package dev.vcai.forge;

import static dev.vcai.forge.ForgeTestSupport.SHA;
import static dev.vcai.forge.ForgeTestSupport.TOKEN;
import static dev.vcai.forge.ForgeTestSupport.base;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every way a forge can answer badly: the error kinds and their one-line messages, retries (recorded, not slept)
 * on 5xx, 429, GitHub's rate limit and network errors, none on other 4xx; the token in no message and no log record.
 * Error bodies follow GitHub's documented shape ({"message": ..., "documentation_url": ...}):
 * https://docs.github.com/en/rest/using-the-rest-api/troubleshooting-the-rest-api
 */
class ForgeClientErrorsTest {
    MockWebServer server;
    final List<Duration> waits = new ArrayList<>();
    ForgeTestSupport.LogCapture logs;

    @BeforeEach
    void start() throws Exception {
        server = ForgeTestSupport.server();
        logs = new ForgeTestSupport.LogCapture();
    }

    @AfterEach
    void stop() throws Exception {
        logs.close();
        server.shutdown();
        for (String message : logs.messages) {
            assertFalse(message.contains(TOKEN), "a log record shows the token: " + message);
        }
    }

    private CommitStatus status(Forge forge) {
        return new CommitStatus(forge, base(server, ""), "owner/name", SHA, StatusState.SUCCESS, "vcai", "vcai: APPROVED", null);
    }

    private ForgeException failure(Forge forge) {
        ForgeException e = assertThrows(ForgeException.class,
                () -> ForgeTestSupport.client(waits).send(status(forge), ForgeTestSupport.token()));
        assertFalse(e.getMessage().contains(TOKEN), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return e;
    }

    @Test
    void unauthorizedNamesTheTokenByOriginOnlyAndIsNotRetried() {
        server.enqueue(new MockResponse().setResponseCode(401)
                .setBody("{\"message\":\"Bad credentials\",\"documentation_url\":\"https://docs.github.com/rest\"}"));
        ForgeException e = failure(Forge.GITHUB);
        assertEquals(ForgeException.Kind.UNAUTHORIZED, e.kind());
        assertEquals(401, e.httpStatus());
        assertFalse(e.retryable());
        assertTrue(e.getMessage().contains("refused the token from $TEST_TOKEN"), e.getMessage());
        assertTrue(e.getMessage().contains("401: Bad credentials"), e.getMessage());
        assertEquals(1, server.getRequestCount());
        assertEquals(List.of(), waits);
    }

    @Test
    void notFoundSaysTheRepositoryOrCommitIsNotVisibleToTheToken() {
        server.enqueue(new MockResponse().setResponseCode(404).setBody("{\"message\":\"Not Found\"}"));
        ForgeException e = failure(Forge.GITHUB);
        assertEquals(ForgeException.Kind.NOT_FOUND, e.kind());
        assertTrue(e.getMessage().contains("owner/name@" + SHA), e.getMessage());
        assertTrue(e.getMessage().contains("not visible to the token from $TEST_TOKEN"), e.getMessage());
        assertTrue(e.getMessage().contains("404: Not Found"), e.getMessage());
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void unprocessableSaysWhatTheForgeSaid() {
        // GitHub's validation failure: https://docs.github.com/en/rest/using-the-rest-api/troubleshooting-the-rest-api
        server.enqueue(new MockResponse().setResponseCode(422).setBody("{\"message\":\"Validation Failed\",\"errors\":"
                + "[{\"resource\":\"Status\",\"code\":\"custom\",\"message\":\"No commit found for SHA: " + SHA + "\"}]}"));
        ForgeException e = failure(Forge.GITHUB);
        assertEquals(ForgeException.Kind.REFUSED, e.kind());
        assertTrue(e.getMessage().contains("422: Validation Failed; No commit found for SHA: " + SHA), e.getMessage());
        assertEquals(1, server.getRequestCount());
        assertEquals(List.of(), waits);
    }

    @Test
    void gitLabErrorObjectsAreReadToo() {
        // GitLab's 400 for a bad attribute: {"message": {"state": ["is invalid"]}} (shape as GitLab answers; not in its docs).
        server.enqueue(new MockResponse().setResponseCode(400).setBody("{\"message\":{\"state\":[\"is invalid\"]}}"));
        ForgeException e = failure(Forge.GITLAB);
        assertEquals(ForgeException.Kind.REFUSED, e.kind());
        assertTrue(e.getMessage().contains("400: state [\"is invalid\"]"), e.getMessage());
    }

    @Test
    void tooManyRequestsWaitsWhatRetryAfterSaysThenSucceeds() throws Exception {
        server.enqueue(new MockResponse().setResponseCode(429).setHeader("Retry-After", "7").setBody("slow down"));
        server.enqueue(new MockResponse().setResponseCode(201));
        ForgeTestSupport.client(waits).send(status(Forge.GITEA), ForgeTestSupport.token());
        assertEquals(List.of(Duration.ofSeconds(7)), waits);
        assertEquals(2, server.getRequestCount());
        RecordedRequest first = server.takeRequest();
        RecordedRequest second = server.takeRequest();
        assertEquals(first.getPath(), second.getPath());
        assertEquals(first.getBody().readUtf8(), second.getBody().readUtf8(), "the same status is sent again");
    }

    @Test
    void gitHubRateLimitWaitsUntilTheResetTime() throws Exception {
        // https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api#exceeding-the-rate-limit :
        // 403 or 429 with x-ratelimit-remaining 0: wait until x-ratelimit-reset (UTC epoch seconds).
        long reset = ForgeTestSupport.NOW.getEpochSecond() + 30;
        server.enqueue(new MockResponse().setResponseCode(403).setHeader("x-ratelimit-remaining", "0")
                .setHeader("x-ratelimit-reset", Long.toString(reset)).setBody("{\"message\":\"API rate limit exceeded\"}"));
        server.enqueue(new MockResponse().setResponseCode(201));
        ForgeTestSupport.client(waits).send(status(Forge.GITHUB), ForgeTestSupport.token());
        assertEquals(List.of(Duration.ofSeconds(30)), waits);
        assertEquals(2, server.getRequestCount());
    }

    @Test
    void waitsAreCappedWhateverTheForgeAsks() throws Exception {
        server.enqueue(new MockResponse().setResponseCode(429).setHeader("Retry-After", "86400"));
        server.enqueue(new MockResponse().setResponseCode(201));
        ForgeTestSupport.client(waits).send(status(Forge.GITHUB), ForgeTestSupport.token());
        assertEquals(List.of(Duration.ofSeconds(60)), waits);
    }

    @Test
    void serverErrorThenSuccessBacksOff() throws Exception {
        server.enqueue(new MockResponse().setResponseCode(500).setBody("oops"));
        server.enqueue(new MockResponse().setResponseCode(502));
        server.enqueue(new MockResponse().setResponseCode(204));
        ForgeTestSupport.client(waits).send(status(Forge.BITBUCKET), ForgeTestSupport.token());
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2)), waits, "exponential backoff");
        assertEquals(3, server.getRequestCount());
    }

    @Test
    void serverErrorsUntilTheLastAttemptAreUnavailable() {
        for (int i = 0; i < 4; i++) {
            server.enqueue(new MockResponse().setResponseCode(503).setBody("{\"message\":\"Service Unavailable\"}"));
        }
        ForgeException e = failure(Forge.GITHUB);
        assertEquals(ForgeException.Kind.UNAVAILABLE, e.kind());
        assertTrue(e.retryable());
        assertEquals(503, e.httpStatus());
        assertTrue(e.getMessage().contains("503: Service Unavailable) after 4 attempts"), e.getMessage());
        assertEquals(4, server.getRequestCount());
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4)), waits);
    }

    @Test
    void connectionRefusedIsRetriedThenUnavailable() throws Exception {
        CommitStatus status = new CommitStatus(Forge.GITHUB, "http://127.0.0.1:" + ForgeTestSupport.closedPort(), "owner/name",
                SHA, StatusState.PENDING, "vcai", null, null);
        ForgeException e = assertThrows(ForgeException.class,
                () -> ForgeTestSupport.client(waits, 2).send(status, ForgeTestSupport.token()));
        assertEquals(ForgeException.Kind.UNAVAILABLE, e.kind());
        assertEquals(0, e.httpStatus());
        assertTrue(e.getMessage().startsWith("cannot reach github at http://127.0.0.1:"), e.getMessage());
        assertTrue(e.getMessage().endsWith("after 2 attempts"), e.getMessage());
        assertFalse(e.getMessage().contains(TOKEN));
        assertEquals(List.of(Duration.ofSeconds(1)), waits);
    }

    @Test
    void aDroppedConnectionIsRetried() throws Exception {
        server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AT_START));
        server.enqueue(new MockResponse().setResponseCode(201));
        ForgeTestSupport.client(waits).send(status(Forge.GITHUB), ForgeTestSupport.token());
        assertEquals(1, waits.size());
    }

    @Test
    void aForgeThatEchoesTheTokenHasItRedactedFromMessagesAndLogs() {
        // A misbehaving proxy that repeats the request's Authorization header in its error page.
        server.enqueue(new MockResponse().setResponseCode(500).setBody("<html>upstream failed for Bearer " + TOKEN + "</html>"));
        server.enqueue(new MockResponse().setResponseCode(422).setBody("{\"message\":\"token " + TOKEN + " cannot do that\"}"));
        ForgeException e = failure(Forge.GITHUB);
        assertTrue(e.getMessage().contains("token [redacted] cannot do that"), e.getMessage());
        assertFalse(logs.messages.isEmpty(), "the retry was logged");
        assertTrue(logs.messages.stream().anyMatch(m -> m.contains("Bearer [redacted]")), logs.messages.toString());
        assertFalse(String.valueOf(ForgeTestSupport.token()).contains(TOKEN));
    }

    @Test
    void aTokenThatMayNotCreateCheckRunsIsForbiddenNotRetried() {
        // https://docs.github.com/en/rest/checks/runs#create-a-check-run : only GitHub Apps may create check runs;
        // a personal access token gets 403 with this message.
        server.enqueue(new MockResponse().setResponseCode(403).setBody("{\"message\":\"You must authenticate via a GitHub App.\"}"));
        ForgeException e = failure(Forge.GITHUB_CHECKS);
        assertEquals(ForgeException.Kind.FORBIDDEN, e.kind());
        assertTrue(e.getMessage().startsWith("github-checks forbids the token from $TEST_TOKEN"), e.getMessage());
        assertTrue(e.getMessage().contains("403: You must authenticate via a GitHub App."), e.getMessage());
        assertEquals(1, server.getRequestCount());
        assertEquals(List.of(), waits);
    }
}
