package dev.vcai.forge;

import static dev.vcai.forge.ForgeTestSupport.SHA;
import static dev.vcai.forge.ForgeTestSupport.TOKEN;
import static dev.vcai.forge.ForgeTestSupport.base;
import static dev.vcai.forge.ForgeTestSupport.body;
import static dev.vcai.forge.ForgeTestSupport.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each forge's request, checked field by field against the forge's documented API. */
class ForgeRequestsTest {
    MockWebServer server;
    final List<Duration> waits = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = ForgeTestSupport.server();
    }

    @AfterEach
    void stop() throws Exception {
        server.shutdown();
    }

    private RecordedRequest send(CommitStatus status, MockResponse answer) throws Exception {
        server.enqueue(answer);
        ForgeTestSupport.client(waits).send(status, ForgeTestSupport.token());
        RecordedRequest request = server.takeRequest();
        assertEquals(1, server.getRequestCount());
        assertEquals("POST", request.getMethod());
        assertEquals("application/json; charset=utf-8", request.getHeader("Content-Type"));
        return request;
    }

    @Test
    void gitHubCommitStatus() throws Exception {
        // https://docs.github.com/en/rest/commits/statuses#create-a-commit-status
        // POST /repos/{owner}/{repo}/statuses/{sha}; body: state, target_url, description, context; answers 201.
        CommitStatus status = new CommitStatus(Forge.GITHUB, base(server, ""), "octo-org/hello-world", SHA,
                StatusState.SUCCESS, "vcai", "vcai: APPROVED", "https://ci.example.com/job/1/");
        RecordedRequest request = send(status, new MockResponse().setResponseCode(201).setBody("{\"id\":1,\"state\":\"success\"}"));
        assertEquals("/repos/octo-org/hello-world/statuses/" + SHA, request.getPath());
        assertEquals("Bearer " + TOKEN, request.getHeader("Authorization"));
        assertEquals("application/vnd.github+json", request.getHeader("Accept"));
        assertEquals("2022-11-28", request.getHeader("X-GitHub-Api-Version"));
        assertEquals(json("{\"state\":\"success\",\"target_url\":\"https://ci.example.com/job/1/\","
                + "\"description\":\"vcai: APPROVED\",\"context\":\"vcai\"}"), body(request));
    }

    @Test
    void gitHubEnterpriseBaseUrlAndTheDescriptionLimit() throws Exception {
        // https://docs.github.com/en/enterprise-server@3.14/rest/commits/statuses#create-a-commit-status : base https://HOST/api/v3.
        // The description is limited to 140 characters ("A short description of the status").
        String longText = "x".repeat(200);
        CommitStatus status = new CommitStatus(Forge.GITHUB, base(server, "/api/v3/"), "team/app", SHA,
                StatusState.PENDING, null, longText, null);
        RecordedRequest request = send(status, new MockResponse().setResponseCode(201));
        assertEquals("/api/v3/repos/team/app/statuses/" + SHA, request.getPath());
        com.google.gson.JsonObject body = body(request).getAsJsonObject();
        String description = body.get("description").getAsString();
        assertEquals(140, description.length());
        assertEquals("x".repeat(139) + "…", description);
        assertEquals("vcai", body.get("context").getAsString(), "default context");
        assertEquals("pending", body.get("state").getAsString());
        assertNull(body.get("target_url"));
    }

    @Test
    void gitLabCommitStatus() throws Exception {
        // https://docs.gitlab.com/ee/api/commits.html#set-the-pipeline-status-of-a-commit
        // POST /api/v4/projects/:id/statuses/:sha, :id the URL-encoded project path; state pending|running|success|failed|canceled,
        // name (the context), target_url, description; the token in PRIVATE-TOKEN. GitLab has no "error": sent as failed.
        CommitStatus status = new CommitStatus(Forge.GITLAB, base(server, ""), "group/sub/project", SHA,
                StatusState.ERROR, "vcai/verdict", "vcai failed", "https://ci.example.com/2");
        RecordedRequest request = send(status, new MockResponse().setResponseCode(201).setBody("{\"id\":9,\"status\":\"failed\"}"));
        assertEquals("/api/v4/projects/group%2Fsub%2Fproject/statuses/" + SHA, request.getPath());
        assertEquals(TOKEN, request.getHeader("PRIVATE-TOKEN"));
        assertNull(request.getHeader("Authorization"));
        assertEquals(json("{\"state\":\"failed\",\"name\":\"vcai/verdict\",\"target_url\":\"https://ci.example.com/2\","
                + "\"description\":\"vcai failed\"}"), body(request));
    }

    @Test
    void gitLabStatesAndABaseUrlThatAlreadyNamesTheApi() throws Exception {
        // https://docs.gitlab.com/ee/api/commits.html#set-the-pipeline-status-of-a-commit : pending, success, failed.
        String[][] cases = {{"PENDING", "pending"}, {"SUCCESS", "success"}, {"FAILURE", "failed"}};
        for (String[] c : cases) {
            CommitStatus status = new CommitStatus(Forge.GITLAB, base(server, "/gitlab/api/v4"), "42", SHA,
                    StatusState.valueOf(c[0]), "vcai", null, null);
            RecordedRequest request = send(status, new MockResponse().setResponseCode(201));
            assertEquals("/gitlab/api/v4/projects/42/statuses/" + SHA, request.getPath());
            assertEquals(json("{\"state\":\"" + c[1] + "\",\"name\":\"vcai\"}"), body(request));
            server.shutdown();
            server = ForgeTestSupport.server();
        }
    }

    @Test
    void giteaCommitStatus() throws Exception {
        // https://gitea.com/api/swagger#/repository/repoCreateStatus (Forgejo has the same endpoint)
        // POST /api/v1/repos/{owner}/{repo}/statuses/{sha}; body state, target_url, description, context; "Authorization: token".
        CommitStatus status = new CommitStatus(Forge.GITEA, base(server, ""), "org/repo", SHA,
                StatusState.FAILURE, "vcai", "vcai: REJECTED: credentials-added", "https://vcai.example.com/r/1");
        RecordedRequest request = send(status, new MockResponse().setResponseCode(201).setBody("{\"id\":3}"));
        assertEquals("/api/v1/repos/org/repo/statuses/" + SHA, request.getPath());
        assertEquals("token " + TOKEN, request.getHeader("Authorization"));
        assertEquals(json("{\"state\":\"failure\",\"target_url\":\"https://vcai.example.com/r/1\","
                + "\"description\":\"vcai: REJECTED: credentials-added\",\"context\":\"vcai\"}"), body(request));
    }

    @Test
    void bitbucketDataCenterBuildStatus() throws Exception {
        // https://developer.atlassian.com/server/bitbucket/rest/v815/api-group-builds-and-deployments/#api-api-latest-projects-projectkey-repos-repositoryslug-commits-commitid-builds-post
        // POST /rest/api/latest/projects/{projectKey}/repos/{repositorySlug}/commits/{commitId}/builds with key, state
        // (SUCCESSFUL|FAILED|INPROGRESS), url, name, description; Bearer HTTP access token; answers 204.
        CommitStatus status = new CommitStatus(Forge.BITBUCKET, base(server, ""), "PROJ/my-repo", SHA,
                StatusState.PENDING, "vcai", "vcai: analysing", "https://ci.example.com/3");
        RecordedRequest request = send(status, new MockResponse().setResponseCode(204));
        assertEquals("/rest/api/latest/projects/PROJ/repos/my-repo/commits/" + SHA + "/builds", request.getPath());
        assertEquals("Bearer " + TOKEN, request.getHeader("Authorization"));
        assertEquals(json("{\"key\":\"vcai\",\"state\":\"INPROGRESS\",\"url\":\"https://ci.example.com/3\",\"name\":\"vcai\","
                + "\"description\":\"vcai: analysing\"}"), body(request));
    }

    @Test
    void bitbucketNeedsAUrlAndGetsTheCommitPageWithoutATargetUrl() throws Exception {
        // Same endpoint; "url" is required by Bitbucket (we are not sure the newest versions still insist), so it is
        // always sent. SUCCESS is SUCCESSFUL, FAILURE and ERROR are FAILED.
        CommitStatus status = new CommitStatus(Forge.BITBUCKET, base(server, "/bitbucket"), "PROJ/my-repo", SHA,
                StatusState.SUCCESS, "vcai", null, null);
        RecordedRequest request = send(status, new MockResponse().setResponseCode(204));
        assertEquals("/bitbucket/rest/api/latest/projects/PROJ/repos/my-repo/commits/" + SHA + "/builds", request.getPath());
        assertEquals(json("{\"key\":\"vcai\",\"state\":\"SUCCESSFUL\",\"url\":\"" + base(server, "/bitbucket")
                + "/projects/PROJ/repos/my-repo/commits/" + SHA + "\",\"name\":\"vcai\"}"), body(request));
    }

    @Test
    void gitHubCheckRunWithAMarkdownSummary() throws Exception {
        // https://docs.github.com/en/rest/checks/runs#create-a-check-run
        // POST /repos/{owner}/{repo}/check-runs; name, head_sha, status, conclusion (when completed), details_url,
        // output {title, summary}; same headers as the rest of GitHub's REST API.
        String markdown = "### vcai: REJECTED\n\n| Commit | Type |\n|---|---|\n| `0123456789` | feature |\n";
        CommitStatus status = new CommitStatus(Forge.GITHUB_CHECKS, base(server, ""), "octo-org/hello-world", SHA,
                StatusState.FAILURE, "vcai", "vcai: REJECTED: credentials-added", "https://ci.example.com/job/4/").withSummary(markdown);
        RecordedRequest request = send(status, new MockResponse().setResponseCode(201).setBody("{\"id\":4}"));
        assertEquals("/repos/octo-org/hello-world/check-runs", request.getPath());
        assertEquals("Bearer " + TOKEN, request.getHeader("Authorization"));
        assertEquals("application/vnd.github+json", request.getHeader("Accept"));
        assertEquals("2022-11-28", request.getHeader("X-GitHub-Api-Version"));
        com.google.gson.JsonObject expected = json("{\"name\":\"vcai\",\"head_sha\":\"" + SHA + "\",\"status\":\"completed\","
                + "\"conclusion\":\"failure\",\"details_url\":\"https://ci.example.com/job/4/\","
                + "\"output\":{\"title\":\"vcai: REJECTED: credentials-added\"}}").getAsJsonObject();
        expected.getAsJsonObject("output").addProperty("summary", markdown);
        assertEquals(expected, body(request));
    }

    @Test
    void aPendingCheckRunIsInProgressWithoutAConclusion() throws Exception {
        // https://docs.github.com/en/rest/checks/runs#create-a-check-run : conclusion only with status completed.
        CommitStatus status = new CommitStatus(Forge.GITHUB_CHECKS, base(server, ""), "o/r", SHA, StatusState.PENDING, "vcai", null, null);
        RecordedRequest request = send(status, new MockResponse().setResponseCode(201));
        assertEquals(json("{\"name\":\"vcai\",\"head_sha\":\"" + SHA + "\",\"status\":\"in_progress\","
                + "\"output\":{\"title\":\"vcai: pending\",\"summary\":\"vcai: pending\"}}"), body(request));
    }
}
