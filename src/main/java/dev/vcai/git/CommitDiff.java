package dev.vcai.git;

import java.time.Instant;
import java.util.List;

/**
 * One commit read from the repository: its metadata, its changed files against the first parent (or the empty
 * tree for a root commit) and the start of its patch.
 *
 * @param patchSample the first {@link DiffLimits#sampleChars()} characters of the unified patch ({@code -U1})
 * @param capped      some files were listed without their contents being (fully) diffed
 */
public record CommitDiff(String id, String subject, String body, String authorName, String authorEmail, Instant authorTime,
                         Instant commitTime, int parentCount, List<FileDiff> files, String patchSample, boolean capped) {
    public CommitDiff {
        files = List.copyOf(files);
    }

    public String shortId() {
        return id.substring(0, 10);
    }
}
