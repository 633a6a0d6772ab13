package dev.vcai.cli;

/** Ends a command with a one-line message and a documented exit code. */
final class Failure extends RuntimeException {
    private final ExitCode exitCode;

    Failure(ExitCode exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    ExitCode exitCode() {
        return exitCode;
    }
}
