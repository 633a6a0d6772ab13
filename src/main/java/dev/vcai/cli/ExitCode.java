package dev.vcai.cli;

import dev.vcai.git.GitError;
import dev.vcai.policy.Verdict;

/**
 * vcai's documented exit codes (README "Exit codes"). {@link #FORGE} (11): {@code vcai status publish} could not
 * publish the status: the forge refused it (token, repository or commit unknown to the token, invalid request) or
 * could not be reached and no queue was given.
 */
public enum ExitCode {
    OK(0), INTERNAL(1), USAGE(2), NOT_A_REPOSITORY(3), UNKNOWN_REVISION(4), EMPTY_RANGE(5), SHALLOW_BOUNDARY(6),
    CORRUPT_OBJECT(7), INVALID_CONFIG(8), MODEL(9), IO(10),
    /** A forge refused a commit status or could not be reached ({@code vcai status publish}). */
    FORGE(11),
    /** With {@code --exit-code}, the range's verdict. */
    CONDITIONAL(20), REJECTED(21), BLOCKED(22),
    /** {@code vcai hook pre-receive} refuses the push (the hook script turns it into git's non-zero). */
    HOOK_REFUSED(40);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    static ExitCode of(GitError.Kind kind) {
        return switch (kind) {
            case NOT_A_REPOSITORY -> NOT_A_REPOSITORY;
            case UNKNOWN_REVISION -> UNKNOWN_REVISION;
            case EMPTY_RANGE -> EMPTY_RANGE;
            case SHALLOW_BOUNDARY -> SHALLOW_BOUNDARY;
            case CORRUPT_OBJECT -> CORRUPT_OBJECT;
            case INVALID_CONFIG -> INVALID_CONFIG;
            case IO -> IO;
        };
    }

    static ExitCode of(Verdict verdict) {
        return switch (verdict) {
            case APPROVED -> OK;
            case CONDITIONAL -> CONDITIONAL;
            case REJECTED -> REJECTED;
            case BLOCKED -> BLOCKED;
        };
    }
}
