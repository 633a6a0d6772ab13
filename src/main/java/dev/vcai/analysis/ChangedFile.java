package dev.vcai.analysis;

/**
 * One changed file and what kind of file it is.
 *
 * @param added   lines added, or -1 when unknown (binary, or not counted in a capped commit)
 * @param deleted lines deleted, with the same convention
 * @param credentials added lines holding a private key or access token signature
 */
public record ChangedFile(String path, String oldPath, char status, int added, int deleted, boolean binary,
                          boolean submodule, boolean capped, int credentials, FileKind kind) {

    public static ChangedFile of(String path, String oldPath, char status, int added, int deleted, boolean binary,
                                 boolean submodule, boolean capped, int credentials) {
        return new ChangedFile(path, oldPath, status, added, deleted, binary, submodule, capped, credentials,
                submodule ? FileKind.SUBMODULE : FileKind.of(path));
    }

    public int churn() {
        return Math.max(0, added) + Math.max(0, deleted);
    }
}
