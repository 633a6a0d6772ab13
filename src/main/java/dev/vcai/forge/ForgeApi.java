package dev.vcai.forge;

import com.google.gson.JsonObject;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;

/** Builds the one request that sets a commit status on one forge. One small class per forge; none sends anything. */
abstract class ForgeApi {
    static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

    abstract Request request(CommitStatus status, Token token);

    static ForgeApi of(Forge forge) {
        return switch (forge) {
            case GITHUB -> new GitHubApi();
            case GITHUB_CHECKS -> new GitHubChecksApi();
            case GITLAB -> new GitLabApi();
            case GITEA -> new GiteaApi();
            case BITBUCKET -> new BitbucketApi();
        };
    }

    /** The base URL with the given API prefix once, whether or not the user's base URL already ended with it. */
    static HttpUrl.Builder base(CommitStatus status, String apiPrefix) {
        String base = status.baseUrl();
        if (!apiPrefix.isEmpty() && !base.endsWith(apiPrefix)) {
            base = base + apiPrefix;
        }
        HttpUrl url = HttpUrl.parse(base);
        if (url == null) {
            throw new IllegalArgumentException("not a URL: " + status.baseUrl());
        }
        return url.newBuilder();
    }

    static RequestBody json(JsonObject body) {
        return RequestBody.create(body.toString(), JSON);
    }

    /** The body GitHub's and Gitea's commit status APIs share: state, target_url, description, context. */
    static JsonObject statusBody(CommitStatus status) {
        JsonObject body = new JsonObject();
        body.addProperty("state", status.state().id());
        putIfPresent(body, "target_url", status.targetUrl());
        putIfPresent(body, "description", status.description());
        body.addProperty("context", status.context());
        return body;
    }

    static void putIfPresent(JsonObject body, String name, String value) {
        if (value != null) {
            body.addProperty(name, value);
        }
    }

    static String owner(CommitStatus status) {
        return status.repository().substring(0, status.repository().indexOf('/'));
    }

    static String name(CommitStatus status) {
        return status.repository().substring(status.repository().indexOf('/') + 1);
    }
}
