package dev.vcai.git;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.patch.FileHeader;
import org.eclipse.jgit.patch.FormatError;
import org.eclipse.jgit.patch.HunkHeader;
import org.eclipse.jgit.patch.Patch;

/**
 * A unified diff given as text (no repository), read by JGit's patch parser into the same per-file facts that
 * {@link CommitReader} reads from a repository: what the service analyses when a client sends only a diff.
 *
 * @param sample the start of the diff, as much as {@link DiffLimits#sampleChars()} keeps
 */
public record UnifiedDiff(List<FileDiff> files, String sample) {
    public UnifiedDiff {
        files = List.copyOf(files);
    }

    /** Parses a unified diff ({@code git diff}, {@code git show} or plain {@code diff -u} output). */
    public static UnifiedDiff parse(String text, DiffLimits limits) throws GitError {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        Patch patch = new Patch();
        // From the array: the stream overload copies the input into a large buffer first, ten times the parse's cost.
        patch.parse(bytes, 0, bytes.length);
        for (FormatError error : patch.getErrors()) {
            if (error.getSeverity() == FormatError.Severity.ERROR) {
                throw new GitError(GitError.Kind.INVALID_CONFIG, "the diff is malformed: " + error.getMessage()
                        + " (line '" + error.getLineText().strip() + "')", null);
            }
        }
        if (patch.getFiles().isEmpty()) {
            throw new GitError(GitError.Kind.INVALID_CONFIG, "the diff holds no file changes (expected unified diff headers "
                    + "such as 'diff --git a/x b/x' or '--- a/x' and '+++ b/x')", null);
        }
        if (patch.getFiles().size() > limits.maxFiles()) {
            throw new GitError(GitError.Kind.INVALID_CONFIG, "the diff changes " + patch.getFiles().size() + " files, more than the "
                    + limits.maxFiles() + " allowed", null);
        }
        List<FileDiff> files = new ArrayList<>();
        for (FileHeader file : patch.getFiles()) {
            files.add(file(file));
        }
        return new UnifiedDiff(files, text.length() > limits.sampleChars() ? text.substring(0, limits.sampleChars()) : text);
    }

    private static FileDiff file(FileHeader file) {
        char status = switch (file.getChangeType()) {
            case ADD -> 'A';
            case DELETE -> 'D';
            case RENAME -> 'R';
            case COPY -> 'C';
            case MODIFY -> file.getOldMode() != null && file.getNewMode() != null
                    && file.getOldMode().getObjectType() != file.getNewMode().getObjectType() ? 'T' : 'M';
        };
        String path = status == 'D' ? file.getOldPath() : file.getNewPath();
        String oldPath = status == 'R' || status == 'C' ? file.getOldPath() : null;
        boolean submodule = file.getNewMode() == FileMode.GITLINK || file.getOldMode() == FileMode.GITLINK;
        boolean binary = file.getPatchType() != FileHeader.PatchType.UNIFIED;
        if (binary) {
            return new FileDiff(path, oldPath, status, -1, -1, true, submodule, false, 0, false, false);
        }
        int added = 0;
        int deleted = 0;
        int credentials = 0;
        boolean changesTests = false;
        boolean inlineTests = InlineTests.possibleIn(path);
        for (HunkHeader hunk : file.getHunks()) {
            added += hunk.getOldImage().getLinesAdded();
            deleted += hunk.getOldImage().getLinesDeleted();
            String body = new String(hunk.getBuffer(), hunk.getStartOffset(), hunk.getEndOffset() - hunk.getStartOffset(),
                    StandardCharsets.UTF_8);
            for (String line : body.split("\n")) {
                if (line.startsWith("+") && Credentials.found(line)) {
                    credentials++;
                }
                if (inlineTests && (line.startsWith("+") || line.startsWith("-"))) {
                    byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
                    changesTests = changesTests || InlineTests.marksTest(bytes, 1, bytes.length);
                }
            }
        }
        return new FileDiff(path, oldPath, status, added, deleted, false, submodule, false, credentials, false, changesTests);
    }
}
