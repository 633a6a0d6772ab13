package dev.vcai.analysis;

import dev.vcai.git.FileDiff;

/**
 * One changed file and what kind of file it is.
 *
 * @param added   lines added, or -1 when unknown (binary, or not counted in a capped commit)
 * @param deleted lines deleted, with the same convention
 * @param credentials added lines holding a private key or access token signature
 * @param commentsOnly a source file modified in its comments and blank lines only (its code is the same)
 * @param changesTests a source file whose changed lines are tests written among its code (Rust's {@code #[test]})
 */
public record ChangedFile(String path, String oldPath, char status, int added, int deleted, boolean binary,
                          boolean submodule, boolean capped, int credentials, boolean commentsOnly, boolean changesTests,
                          FileKind kind) {

    /** A file known without its diff's lines (a data set's row): neither comments-only nor changing inline tests. */
    public static ChangedFile of(String path, String oldPath, char status, int added, int deleted, boolean binary,
                                 boolean submodule, boolean capped, int credentials) {
        return new ChangedFile(path, oldPath, status, added, deleted, binary, submodule, capped, credentials, false, false,
                kindOf(path, submodule));
    }

    public static ChangedFile of(FileDiff f) {
        return new ChangedFile(f.path(), f.oldPath(), f.status(), f.added(), f.deleted(), f.binary(), f.submodule(),
                f.capped(), f.credentials(), f.commentsOnly(), f.changesTests(), kindOf(f.path(), f.submodule()));
    }

    private static FileKind kindOf(String path, boolean submodule) {
        return submodule ? FileKind.SUBMODULE : FileKind.of(path);
    }

    /** Whether the commit changed tests in this file: a test file, or tests written among a source file's code. */
    public boolean touchesTests() {
        return kind == FileKind.TEST || changesTests;
    }

    /** Whether the change alters the program's behaviour: a source file whose code, not only its comments, changed. */
    public boolean changesCode() {
        return kind.isCode() && !commentsOnly;
    }

    public int churn() {
        return Math.max(0, added) + Math.max(0, deleted);
    }
}
