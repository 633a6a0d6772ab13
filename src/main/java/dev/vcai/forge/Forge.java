package dev.vcai.forge;

import java.util.Locale;

/** The forges vcai publishes commit statuses to, with what differs between them besides the request itself. */
public enum Forge {
    /** GitHub and GitHub Enterprise Server (base URL {@code https://ghe.example.com/api/v3}). */
    GITHUB("github", "GITHUB_TOKEN", "https://api.github.com", 140),
    /**
     * GitHub's Checks API (check runs, with a Markdown summary): needs a GitHub App installation token. The description
     * is the output's title; 140 characters keep it in line with the status.
     */
    GITHUB_CHECKS("github-checks", "GITHUB_TOKEN", "https://api.github.com", 140),
    /** GitLab.com and self-managed GitLab (base URL {@code https://gitlab.example.com}). */
    GITLAB("gitlab", "GITLAB_TOKEN", null, 255),
    /** Gitea and Forgejo (base URL {@code https://gitea.example.com}). */
    GITEA("gitea", "GITEA_TOKEN", null, 255),
    /** Bitbucket Data Center / Server (base URL {@code https://bitbucket.example.com}). */
    BITBUCKET("bitbucket", "BITBUCKET_TOKEN", null, 255);

    private final String id;
    private final String tokenVariable;
    private final String defaultBaseUrl;
    private final int descriptionLimit;

    Forge(String id, String tokenVariable, String defaultBaseUrl, int descriptionLimit) {
        this.id = id;
        this.tokenVariable = tokenVariable;
        this.defaultBaseUrl = defaultBaseUrl;
        this.descriptionLimit = descriptionLimit;
    }

    /** The lower-case name used on the command line and in messages. */
    public String id() {
        return id;
    }

    /** The environment variable the token is read from unless another is named. */
    public String tokenVariable() {
        return tokenVariable;
    }

    /** The API base URL when none is given, or null when the forge has no public default. */
    public String defaultBaseUrl() {
        return defaultBaseUrl;
    }

    /**
     * The longest description the forge accepts, in characters. GitHub documents 140; for GitLab, Gitea and Bitbucket
     * 255 is what their database columns hold as far as we know (not stated in their API documentation).
     */
    public int descriptionLimit() {
        return descriptionLimit;
    }

    public static Forge of(String name) {
        for (Forge forge : values()) {
            if (forge.id.equals(name.toLowerCase(Locale.ROOT)) || (forge == GITEA && name.equalsIgnoreCase("forgejo"))) {
                return forge;
            }
        }
        throw new IllegalArgumentException("unknown forge '" + name + "'; use github, github-checks, gitlab, gitea (forgejo) or bitbucket");
    }

    @Override
    public String toString() {
        return id;
    }
}
