package dev.vcai.analysis;

import java.time.Instant;
import java.util.List;

/**
 * Everything vcai knows about one commit before any model looks at it. Built from the repository by
 * {@link FactsBuilder}, or from a labelled dataset row for training; both go through {@link Features}.
 *
 * @param declared the Conventional Commits header of the subject, or null when it has none
 */
public record CommitFacts(String id, String subject, String body, String authorName, String authorEmail, Instant authorTime,
                          int parentCount, List<ChangedFile> files, String patchSample, boolean capped,
                          ConventionalCommit declared, ChangeMetrics metrics) {
    public CommitFacts {
        files = List.copyOf(files);
        body = body == null ? "" : body;
        patchSample = patchSample == null ? "" : patchSample;
    }

    /** Whether the commit changed comments and blank lines of source files and nothing else. */
    public boolean commentsOnly() {
        return !files.isEmpty() && files.stream().allMatch(ChangedFile::commentsOnly);
    }

    /** The first 10 hex digits of the id; an id that is no hash (a diff's "uncommitted") whole. */
    public String shortId() {
        return id.length() > 10 && id.chars().allMatch(c -> Character.digit(c, 16) >= 0) ? id.substring(0, 10) : id;
    }

    /** The subject as the model sees it: any Conventional Commits prefix removed. */
    public String subjectWithoutPrefix() {
        return declared == null ? subject.strip() : declared.description();
    }

    public boolean isMerge() {
        return parentCount > 1;
    }

    public boolean isRoot() {
        return parentCount == 0;
    }
}
