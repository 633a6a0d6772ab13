package dev.vcai.analysis;

/**
 * One changed file and what kind of file it is.
 *
 * @param added   lines added, or -1 when unknown (binary, or not counted in a capped commit)
 * @param deleted lines deleted, with the same convention
 * @param credentials added lines holding a private key or access token signature
 * @param commentsOnly a source file modified in its comments and blank lines only (its code is the same)
 */
public record ChangedFile(String path, String oldPath, char status, int added, int deleted, boolean binary,
                          boolean submodule, boolean capped, int credentials, boolean commentsOnly, FileKind kind) {

    public static ChangedFile of(String path, String oldPath, char status, int added, int deleted, boolean binary,
                                 boolean submodule, boolean capped, int credentials, boolean commentsOnly) {
        return new ChangedFile(path, oldPath, status, added, deleted, binary, submodule, capped, credentials, commentsOnly,
                submodule ? FileKind.SUBMODULE : FileKind.of(path));
    }

    /** Whether the change alters the program's behaviour: a source file whose code, not only its comments, changed. */
    public boolean changesCode() {
        return kind.isCode() && !commentsOnly;
    }

    public int churn() {
        return Math.max(0, added) + Math.max(0, deleted);
    }
}
