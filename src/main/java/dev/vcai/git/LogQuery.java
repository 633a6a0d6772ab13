package dev.vcai.git;

import java.time.Instant;
import java.util.List;

/**
 * Which commits to read, in {@code git log}'s terms: revisions ({@code REV}, {@code ^REV}, {@code A..B},
 * {@code A...B}; none means {@code HEAD}), a maximum count, bounds on the committer date (since, until; either may
 * be null), an author pattern and paths.
 */
public record LogQuery(List<String> revisions, int maxCount, Instant since, Instant until, String author, List<String> paths) {
    public LogQuery {
        revisions = List.copyOf(revisions);
        paths = List.copyOf(paths);
    }

    public static LogQuery of(String... revisions) {
        return new LogQuery(List.of(revisions), -1, null, null, null, List.of());
    }

    /** The query in git log's words ("HEAD -n 200 --since=2024-01-01T00:00:00Z -- src"), for messages and reports. */
    public String describe() {
        StringBuilder text = new StringBuilder(revisions.isEmpty() ? "HEAD" : String.join(" ", revisions));
        if (maxCount >= 0) {
            text.append(" -n ").append(maxCount);
        }
        if (since != null) {
            text.append(" --since=").append(since);
        }
        if (until != null) {
            text.append(" --until=").append(until);
        }
        if (author != null) {
            text.append(" --author=").append(author);
        }
        if (!paths.isEmpty()) {
            text.append(" -- ").append(String.join(" ", paths));
        }
        return text.toString();
    }

    public LogQuery withMaxCount(int count) {
        return new LogQuery(revisions, count, since, until, author, paths);
    }
}
