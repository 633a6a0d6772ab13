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

    public LogQuery withMaxCount(int count) {
        return new LogQuery(revisions, count, since, until, author, paths);
    }
}
