package dev.vcai.git;

/**
 * A problem with the repository or the revisions asked for, worded for the person at the terminal.
 * {@link Kind} lets the CLI map each problem to its documented exit code.
 */
public final class GitError extends Exception {
    public enum Kind { NOT_A_REPOSITORY, UNKNOWN_REVISION, EMPTY_RANGE, SHALLOW_BOUNDARY, CORRUPT_OBJECT, INVALID_CONFIG, IO }

    private final Kind kind;

    public GitError(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public GitError(Kind kind, String message) {
        this(kind, message, null);
    }

    public Kind kind() {
        return kind;
    }
}
