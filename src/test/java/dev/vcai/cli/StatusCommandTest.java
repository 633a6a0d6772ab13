package dev.vcai.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vcai status publish} end to end against MockWebServer as GitHub
 * (https://docs.github.com/en/rest/commits/statuses#create-a-commit-status) and Gitea
 * (https://gitea.com/api/swagger#/repository/repoCreateStatus).
 */
class StatusCommandTest {
    static final String TOKEN = "ghp_CliS3cretT0ken0987654321zyxwvu";
    static final String SHA = "fedcba9876543210fedcba9876543210fedcba98";

    @TempDir
    Path tmp;
    MockWebServer server;
    Path tokenFile;

    static AnalyzeCommandTest.Run vcai(String... args) {
        return AnalyzeCommandTest.vcai(args);
    }

    @BeforeEach
    void start() throws Exception {
        server = new MockWebServer();
        server.start(InetAddress.getByName("127.0.0.1"), 0);
        tokenFile = tmp.resolve("token");
        Files.writeString(tokenFile, TOKEN + "\n");
    }

    @AfterEach
    void stop() throws Exception {
        server.shutdown();
    }

    String url() {
        return "http://127.0.0.1:" + server.getPort();
    }

    @Test
    void publishesAVerdictAsAGitHubStatus() throws Exception {
        server.enqueue(new MockResponse().setResponseCode(201).setBody("{\"state\":\"success\"}"));
        AnalyzeCommandTest.Run run = vcai("status", "publish", "--forge", "github", "--url", url(), "--repo", "owner/name", "--sha", SHA,
                "--verdict", "CONDITIONAL", "--description", "untested-code x1", "--target-url", "https://ci.example.com/job/7/",
                "--token-file", tokenFile.toString());
        assertEquals(0, run.exit(), run.err());
        assertEquals("github: owner/name@" + SHA + " vcai = success\n", run.out());
        assertEquals("", run.err());
        RecordedRequest request = server.takeRequest();
        assertEquals("POST", request.getMethod());
        assertEquals("/repos/owner/name/statuses/" + SHA, request.getPath());
        assertEquals("Bearer " + TOKEN, request.getHeader("Authorization"));
        assertEquals("application/vnd.github+json", request.getHeader("Accept"));
        assertEquals("2022-11-28", request.getHeader("X-GitHub-Api-Version"));
        assertEquals(JsonParser.parseString("{\"state\":\"success\",\"target_url\":\"https://ci.example.com/job/7/\","
                + "\"description\":\"vcai: CONDITIONAL: untested-code x1\",\"context\":\"vcai\"}"),
                JsonParser.parseString(request.getBody().readUtf8()));
    }

    @Test
    void conditionalFailsWhenConfiguredAndTheContextIsNamed() throws Exception {
        server.enqueue(new MockResponse().setResponseCode(201));
        AnalyzeCommandTest.Run run = vcai("status", "publish", "--forge", "gitea", "--url", url(), "--repo", "org/repo", "--sha", SHA,
                "--verdict", "conditional", "--conditional-fails", "--context", "vcai/promotion", "--token-file", tokenFile.toString());
        assertEquals(0, run.exit(), run.err());
        RecordedRequest request = server.takeRequest();
        assertEquals("/api/v1/repos/org/repo/statuses/" + SHA, request.getPath());
        assertEquals("token " + TOKEN, request.getHeader("Authorization"));
        JsonObject body = JsonParser.parseString(request.getBody().readUtf8()).getAsJsonObject();
        assertEquals("failure", body.get("state").getAsString());
        assertEquals("vcai/promotion", body.get("context").getAsString());
        assertEquals("vcai: CONDITIONAL", body.get("description").getAsString());
    }

    @Test
    void aRefusedTokenIsExit11WithOneLineThatDoesNotShowIt() {
        server.enqueue(new MockResponse().setResponseCode(401).setBody("{\"message\":\"Bad credentials\"}"));
        AnalyzeCommandTest.Run run = vcai("status", "publish", "--forge", "github", "--url", url(), "--repo", "owner/name", "--sha", SHA,
                "--state", "pending", "--token-file", tokenFile.toString());
        assertEquals(ExitCode.FORGE.code(), run.exit());
        assertEquals(11, run.exit());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().startsWith("vcai: github refused the token from " + tokenFile), run.err());
        assertTrue(run.err().contains("401: Bad credentials"), run.err());
        assertFalse(run.err().contains(TOKEN));
        assertFalse(run.out().contains(TOKEN));
        assertEquals(1, server.getRequestCount(), "a 401 is not retried");
    }

    @Test
    void anUnreachableForgeIsExit11WithoutAQueueAndQueuedWithOne() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closed = socket.getLocalPort();
        }
        String down = "http://127.0.0.1:" + closed;
        AnalyzeCommandTest.Run refused = vcai("status", "publish", "--forge", "gitlab", "--url", down, "--repo", "group/project", "--sha", SHA,
                "--state", "success", "--token-file", tokenFile.toString(), "--retries", "0");
        assertEquals(11, refused.exit());
        assertTrue(refused.err().startsWith("vcai: cannot reach gitlab at " + down), refused.err());
        assertEquals(1, refused.err().lines().count(), refused.err());

        Path queue = tmp.resolve("queue");
        AnalyzeCommandTest.Run queued = vcai("status", "publish", "--forge", "gitlab", "--url", down, "--repo", "group/project", "--sha", SHA,
                "--state", "success", "--token-file", tokenFile.toString(), "--retries", "0", "--queue", queue.toString());
        assertEquals(0, queued.exit(), queued.err());
        assertTrue(queued.err().startsWith("vcai: warning: cannot reach gitlab"), queued.err());
        assertTrue(queued.err().contains("queued in " + queue), queued.err());
        assertFalse(queued.err().contains(TOKEN));
        try (var files = Files.list(queue)) {
            assertEquals(1, files.count());
        }
    }

    @Test
    void usageErrors() {
        AnalyzeCommandTest.Run noUrl = vcai("status", "publish", "--forge", "gitlab", "--repo", "g/p", "--sha", SHA, "--state", "success",
                "--token-file", tokenFile.toString());
        assertEquals(2, noUrl.exit());
        assertTrue(noUrl.err().startsWith("vcai: gitlab needs --url"), noUrl.err());
        AnalyzeCommandTest.Run both = vcai("status", "publish", "--forge", "github", "--repo", "o/r", "--sha", SHA, "--state", "success",
                "--verdict", "APPROVED");
        assertEquals(2, both.exit());
        AnalyzeCommandTest.Run badVerdict = vcai("status", "publish", "--forge", "github", "--repo", "o/r", "--sha", SHA, "--verdict", "MAYBE",
                "--token-file", tokenFile.toString());
        assertEquals(2, badVerdict.exit());
        assertTrue(badVerdict.err().startsWith("vcai: unknown verdict 'MAYBE'"), badVerdict.err());
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void checksPublishesACheckRunWithTheSummaryFile() throws Exception {
        // https://docs.github.com/en/rest/checks/runs#create-a-check-run
        Path summary = tmp.resolve("summary.md");
        Files.writeString(summary, "### vcai: APPROVED\n\n4 commits\n");
        server.enqueue(new MockResponse().setResponseCode(201).setBody("{\"id\":1}"));
        AnalyzeCommandTest.Run run = vcai("status", "publish", "--forge", "github", "--checks", "--url", url() + "/api/v3", "--repo", "owner/name",
                "--sha", SHA, "--verdict", "APPROVED", "--summary-file", summary.toString(), "--token-file", tokenFile.toString());
        assertEquals(0, run.exit(), run.err());
        RecordedRequest request = server.takeRequest();
        assertEquals("/api/v3/repos/owner/name/check-runs", request.getPath());
        JsonObject body = JsonParser.parseString(request.getBody().readUtf8()).getAsJsonObject();
        assertEquals("completed", body.get("status").getAsString());
        assertEquals("success", body.get("conclusion").getAsString());
        assertEquals("vcai: APPROVED", body.getAsJsonObject("output").get("title").getAsString());
        assertEquals("### vcai: APPROVED\n\n4 commits\n", body.getAsJsonObject("output").get("summary").getAsString());
        AnalyzeCommandTest.Run wrongForge = vcai("status", "publish", "--forge", "gitea", "--checks", "--url", url(), "--repo", "o/r",
                "--sha", SHA, "--state", "success", "--token-file", tokenFile.toString());
        assertEquals(2, wrongForge.exit());
        assertTrue(wrongForge.err().startsWith("vcai: --checks is for --forge github only"), wrongForge.err());
    }

    @Test
    void flushSendsWhatWasQueuedWhileTheForgeWasDown() throws Exception {
        Path queue = tmp.resolve("queue");
        server.enqueue(new MockResponse().setResponseCode(503).setBody("{\"message\":\"Service Unavailable\"}"));
        AnalyzeCommandTest.Run queued = vcai("status", "publish", "--forge", "gitea", "--url", url(), "--repo", "org/repo", "--sha", SHA,
                "--verdict", "BLOCKED", "--token-file", tokenFile.toString(), "--retries", "0", "--queue", queue.toString());
        assertEquals(0, queued.exit(), queued.err());
        assertTrue(queued.err().startsWith("vcai: warning: gitea is unavailable for org/repo@" + SHA + " (503: Service Unavailable)"),
                queued.err());
        server.takeRequest();

        server.enqueue(new MockResponse().setResponseCode(201));
        AnalyzeCommandTest.Run flushed = vcai("status", "flush", "--forge", "gitea", "--url", url(), "--token-file", tokenFile.toString(),
                "--queue", queue.toString());
        assertEquals(0, flushed.exit(), flushed.err());
        assertEquals("gitea: sent 1, dropped 0, still queued 0\n", flushed.out());
        RecordedRequest request = server.takeRequest();
        assertEquals("/api/v1/repos/org/repo/statuses/" + SHA, request.getPath());
        assertEquals("failure", JsonParser.parseString(request.getBody().readUtf8()).getAsJsonObject().get("state").getAsString());

        AnalyzeCommandTest.Run again = vcai("status", "flush", "--forge", "gitea", "--url", url(), "--token-file", tokenFile.toString(),
                "--queue", queue.toString());
        assertEquals("gitea: sent 0, dropped 0, still queued 0\n", again.out());
        assertEquals(2, server.getRequestCount(), "nothing sent twice");
    }
}
