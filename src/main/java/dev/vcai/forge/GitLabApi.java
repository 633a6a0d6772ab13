package dev.vcai.forge;

import com.google.gson.JsonObject;
import okhttp3.Request;

/**
 * GitLab's "set the pipeline status of a commit": {@code POST /api/v4/projects/:id/statuses/:sha} with state
 * (pending|running|success|failed|canceled), name (the context), target_url and description; the project id is the
 * numeric id or the URL-encoded path ({@code group%2Fproject}); the token goes in {@code PRIVATE-TOKEN}.
 * https://docs.gitlab.com/ee/api/commits.html#set-the-pipeline-status-of-a-commit . GitLab has no "error" state:
 * vcai's error is sent as failed. The base URL is the server's ({@code https://gitlab.com}); {@code /api/v4} is added.
 */
final class GitLabApi extends ForgeApi {
    @Override
    Request request(CommitStatus status, Token token) {
        JsonObject body = new JsonObject();
        body.addProperty("state", switch (status.state()) {
            case PENDING -> "pending";
            case SUCCESS -> "success";
            case FAILURE, ERROR -> "failed";
        });
        body.addProperty("name", status.context());
        putIfPresent(body, "target_url", status.targetUrl());
        putIfPresent(body, "description", status.description());
        return new Request.Builder()
                // addPathSegment encodes the '/' of the project path as %2F, as GitLab requires.
                .url(base(status, "/api/v4").addPathSegment("projects").addPathSegment(status.repository())
                        .addPathSegment("statuses").addPathSegment(status.sha()).build())
                .header("PRIVATE-TOKEN", token.reveal())
                .post(json(body))
                .build();
    }
}
