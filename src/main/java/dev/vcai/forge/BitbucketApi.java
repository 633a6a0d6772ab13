package dev.vcai.forge;

import com.google.gson.JsonObject;
import okhttp3.Request;

/**
 * Bitbucket Data Center's "store a build status":
 * {@code POST /rest/api/latest/projects/{projectKey}/repos/{repositorySlug}/commits/{commitId}/builds} with key (the
 * context), state (SUCCESSFUL|FAILED|INPROGRESS), url, name and description; an HTTP access token as
 * {@code Authorization: Bearer <token>}; it answers 204 No Content.
 * https://developer.atlassian.com/server/bitbucket/rest/v815/api-group-builds-and-deployments/#api-api-latest-projects-projectkey-repos-repositoryslug-commits-commitid-builds-post
 * Bitbucket has no "error" state: vcai's error is sent as FAILED. {@code url} is required by Bitbucket; without a
 * target URL the commit's page on the server is used. The base URL is the server's; {@code /rest/api/latest} is added.
 */
final class BitbucketApi extends ForgeApi {
    @Override
    Request request(CommitStatus status, Token token) {
        JsonObject body = new JsonObject();
        body.addProperty("key", status.context());
        body.addProperty("state", switch (status.state()) {
            case PENDING -> "INPROGRESS";
            case SUCCESS -> "SUCCESSFUL";
            case FAILURE, ERROR -> "FAILED";
        });
        body.addProperty("url", status.targetUrl() != null ? status.targetUrl()
                : base(status, "").addPathSegment("projects").addPathSegment(owner(status)).addPathSegment("repos")
                        .addPathSegment(name(status)).addPathSegment("commits").addPathSegment(status.sha()).build().toString());
        body.addProperty("name", status.context());
        putIfPresent(body, "description", status.description());
        return new Request.Builder()
                .url(base(status, "/rest/api/latest").addPathSegment("projects").addPathSegment(owner(status))
                        .addPathSegment("repos").addPathSegment(name(status)).addPathSegment("commits")
                        .addPathSegment(status.sha()).addPathSegment("builds").build())
                .header("Authorization", "Bearer " + token.reveal())
                .header("Accept", "application/json")
                .post(json(body))
                .build();
    }
}
