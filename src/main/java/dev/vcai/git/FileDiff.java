package dev.vcai.git;

/**
 * One changed file of a commit, as {@code git log --numstat -M} reports it.
 *
 * @param path      the path after the change (for a deletion, the deleted path)
 * @param oldPath   the path before a rename or copy, otherwise null
 * @param status    A, M, D, R, C or T, as git prints it
 * @param added     lines added, or -1 when binary or not counted because the commit was capped
 * @param deleted   lines deleted, with the same convention
 * @param binary    git would say "Binary files differ"
 * @param submodule a gitlink (submodule pointer) changed
 * @param capped    the file's contents were not (fully) diffed because of {@link DiffLimits}
 * @param credentials added lines that hold a private key or access token signature
 * @param commentsOnly a source file of a language whose comments vcai reads ({@link CommentSyntax}), modified in
 *                  its comments and blank lines only: its code is the same
 * @param changesTests a source file that holds tests among its code ({@link InlineTests}, Rust's) and whose changed
 *                  lines add, remove or edit a test attribute: the commit changed tests
 */
public record FileDiff(String path, String oldPath, char status, int added, int deleted, boolean binary, boolean submodule,
                       boolean capped, int credentials, boolean commentsOnly, boolean changesTests) {
}
