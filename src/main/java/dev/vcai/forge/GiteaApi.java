package dev.vcai.forge;

import okhttp3.Request;

/**
 * Gitea's (and Forgejo's) "create a commit status": {@code POST /api/v1/repos/{owner}/{repo}/statuses/{sha}} with
 * state (pending|success|error|failure|warning), target_url, description and context; the token as
 * {@code Authorization: token <token>}. https://gitea.com/api/swagger#/repository/repoCreateStatus . The base URL is the
 * server's; {@code /api/v1} is added.
 */
final class GiteaApi extends ForgeApi {
    @Override
    Request request(CommitStatus status, Token token) {
        return new Request.Builder()
                .url(base(status, "/api/v1").addPathSegment("repos").addPathSegment(owner(status)).addPathSegment(name(status))
                        .addPathSegment("statuses").addPathSegment(status.sha()).build())
                .header("Authorization", "token " + token.reveal())
                .header("Accept", "application/json")
                .post(json(statusBody(status)))
                .build();
    }
}
