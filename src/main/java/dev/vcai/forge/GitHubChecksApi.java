package dev.vcai.forge;

import com.google.gson.JsonObject;
import okhttp3.Request;

/**
 * GitHub's "create a check run": {@code POST /repos/{owner}/{repo}/check-runs} with name (the context), head_sha,
 * status (queued|in_progress|completed), conclusion (when completed: success, failure, neutral...), details_url and
 * output {title, summary (Markdown, at most 65535 characters)}. Only GitHub App installation tokens may create check
 * runs; other tokens get 403. https://docs.github.com/en/rest/checks/runs#create-a-check-run
 * Each call creates a new check run; GitHub shows the newest run of a name on the commit. vcai's error is a
 * "failure" conclusion, as the commit status API's error is a failing status ("neutral" would let a required check pass).
 */
final class GitHubChecksApi extends ForgeApi {
    @Override
    Request request(CommitStatus status, Token token) {
        JsonObject body = new JsonObject();
        body.addProperty("name", status.context());
        body.addProperty("head_sha", status.sha());
        if (status.state() == StatusState.PENDING) {
            body.addProperty("status", "in_progress");
        } else {
            body.addProperty("status", "completed");
            body.addProperty("conclusion", status.state() == StatusState.SUCCESS ? "success" : "failure");
        }
        putIfPresent(body, "details_url", status.targetUrl());
        String title = status.description() != null ? status.description() : "vcai: " + status.state().id();
        JsonObject output = new JsonObject();
        output.addProperty("title", title);
        output.addProperty("summary", status.summary() != null ? status.summary() : title);
        body.add("output", output);
        return new Request.Builder()
                .url(base(status, "").addPathSegment("repos").addPathSegment(owner(status)).addPathSegment(name(status))
                        .addPathSegment("check-runs").build())
                .header("Authorization", "Bearer " + token.reveal())
                .header("Accept", "application/vnd.github+json")
                .header("X-GitHub-Api-Version", "2022-11-28")
                .post(json(body))
                .build();
    }
}
