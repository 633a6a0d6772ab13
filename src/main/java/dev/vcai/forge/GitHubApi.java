package dev.vcai.forge;

import okhttp3.Request;

/**
 * GitHub's "create a commit status": {@code POST /repos/{owner}/{repo}/statuses/{sha}} with state
 * (error|failure|pending|success), target_url, description and context.
 * https://docs.github.com/en/rest/commits/statuses#create-a-commit-status . The base URL is
 * {@code https://api.github.com}, or {@code https://HOST/api/v3} for GitHub Enterprise Server.
 */
final class GitHubApi extends ForgeApi {
    @Override
    Request request(CommitStatus status, Token token) {
        return new Request.Builder()
                .url(base(status, "").addPathSegment("repos").addPathSegment(owner(status)).addPathSegment(name(status))
                        .addPathSegment("statuses").addPathSegment(status.sha()).build())
                .header("Authorization", "Bearer " + token.reveal())
                .header("Accept", "application/vnd.github+json")
                .header("X-GitHub-Api-Version", "2022-11-28")
                .post(json(statusBody(status)))
                .build();
    }
}
