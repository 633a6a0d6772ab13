package dev.vcai.forge;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One commit status to publish: where (forge, API base URL, repository, commit), what (state, description, target
 * URL) and under which name (context). Two statuses with the same forge, base URL, repository, sha and context are
 * states of the same check: the newer replaces the older.
 *
 * @param repository {@code owner/name} (GitHub, Gitea), the project path {@code group/sub/name} or numeric id
 *                   (GitLab), {@code PROJECTKEY/repo-slug} (Bitbucket)
 * @param description shortened to the forge's limit; may be null
 * @param targetUrl   the page the status links to (a Jenkins build, a report); may be null
 * @param summary     a Markdown summary (types, blast radius, risk, verdict: {@code MarkdownReport}) shown by
 *                    GitHub's Checks API ({@link Forge#GITHUB_CHECKS}); ignored by the commit status APIs; may be null
 */
public record CommitStatus(Forge forge, String baseUrl, String repository, String sha, StatusState state,
        String context, String description, String targetUrl, String summary) {
    /** GitHub's documented limit of a check run's output summary. */
    static final int SUMMARY_LIMIT = 65535;
    public static final String DEFAULT_CONTEXT = "vcai";
    private static final Pattern SHA = Pattern.compile("[0-9a-fA-F]{7,64}");

    public CommitStatus {
        Objects.requireNonNull(forge, "forge");
        Objects.requireNonNull(state, "state");
        if (baseUrl == null || baseUrl.isBlank()) {
            baseUrl = forge.defaultBaseUrl();
            if (baseUrl == null) {
                throw new IllegalArgumentException(forge + " needs the base URL of its server (--url)");
            }
        }
        baseUrl = baseUrl.replaceAll("/+$", "");
        if (!baseUrl.startsWith("http://") && !baseUrl.startsWith("https://")) {
            throw new IllegalArgumentException("the base URL must start with http:// or https://: " + baseUrl);
        }
        if (repository == null || !repository.matches("[^/\\s]+(/[^/\\s]+)*")) {
            throw new IllegalArgumentException("the repository must look like owner/name, not '" + repository + "'");
        }
        if (forge != Forge.GITLAB && !repository.matches("[^/]+/[^/]+")) {
            throw new IllegalArgumentException(forge + " repositories are " + (forge == Forge.BITBUCKET ? "PROJECT/slug" : "owner/name")
                    + ", not '" + repository + "'");
        }
        if (sha == null || !SHA.matcher(sha).matches()) {
            throw new IllegalArgumentException("the commit must be its sha, 7 to 64 hexadecimal digits ('git rev-parse HEAD' gives it), not '" + sha + "'");
        }
        sha = sha.toLowerCase(java.util.Locale.ROOT);
        context = context == null || context.isBlank() ? DEFAULT_CONTEXT : context;
        description = description == null || description.isBlank() ? null : shorten(description.strip(), forge.descriptionLimit());
        targetUrl = targetUrl == null || targetUrl.isBlank() ? null : targetUrl;
        if (summary != null && (summary.isBlank() || summary.length() > SUMMARY_LIMIT)) {
            summary = summary.isBlank() ? null : summary.substring(0, SUMMARY_LIMIT - 1) + "…";
        }
    }

    /** A status without a Markdown summary (what the commit status APIs carry). */
    public CommitStatus(Forge forge, String baseUrl, String repository, String sha, StatusState state, String context,
            String description, String targetUrl) {
        this(forge, baseUrl, repository, sha, state, context, description, targetUrl, null);
    }

    /** The same status with a Markdown summary, for GitHub's Checks API. */
    public CommitStatus withSummary(String markdown) {
        return new CommitStatus(forge, baseUrl, repository, sha, state, context, description, targetUrl, markdown);
    }

    /** Shortens text to at most limit characters (code points), ending with an ellipsis when cut. */
    static String shorten(String text, int limit) {
        String flat = text.replaceAll("\\s+", " ");
        if (flat.codePointCount(0, flat.length()) <= limit) {
            return flat;
        }
        return flat.substring(0, flat.offsetByCodePoints(0, limit - 1)) + "…";
    }
}
