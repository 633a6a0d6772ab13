package dev.vcai.cli;

import dev.vcai.git.GitError;
import dev.vcai.git.GitRepositories;
import dev.vcai.model.ModelException;
import dev.vcai.policy.Policy;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine;

/** vcai's command line. Each sub-command parses its arguments and calls one entry point of the library. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        GitRepositories.findSystemConfigEarly();
        // UTF-8 whatever the locale (see utf8): also for what is printed straight to System.out and System.err.
        System.setOut(new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 8192), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8));
        System.exit(run(args, utf8(System.out), utf8(System.err)));
    }

    /**
     * A writer of UTF-8 to stdout or stderr, whatever the locale: hooks run by sshd or a service, and Jenkins agents,
     * often have none, and Java 17 would then write every letter outside ASCII as a question mark.
     */
    static PrintWriter utf8(OutputStream stream) {
        return new PrintWriter(stream, true, StandardCharsets.UTF_8);
    }

    /** Runs vcai as the command line would, writing to the given streams; returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        // Tribuo and ONNX Runtime log through java.util.logging; their chatter is not for vcai's users.
        Logger.getLogger("").setLevel(Level.WARNING);
        Logger.getLogger("org.tribuo").setLevel(Level.WARNING);
        boolean debug = Arrays.asList(args).contains("--debug");
        if (args.length == 2 && args[0].equals("hook") && HookCommand.RUN_BY_GIT.contains(args[1])) {
            // What git runs at every push takes no options: picocli's reading of the hook command's annotations
            // would cost each push about 0.1 s of its time budget.
            try {
                return HookCommand.runByGit(args[1], Path.of("."));
            } catch (Exception e) {
                return failed(e, false, err);
            }
        }
        CommandLine cli = VcaiCommand.commandLine(args);
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> failed(e, debug, err));
        cli.setParameterExceptionHandler((e, ignored) -> {
            String line = "vcai: " + e.getMessage().strip();
            if (e instanceof CommandLine.UnmatchedArgumentException unmatched && !unmatched.getSuggestions().isEmpty()) {
                line += " (did you mean " + String.join(" or ", unmatched.getSuggestions()) + "?)";
            }
            err.println(line + "; '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help' lists the options");
            err.flush();
            return ExitCode.USAGE.code();
        });
        return cli.execute(args);
    }

    /** Reports what a command threw as one line (and its stack trace with --debug); returns the exit code. */
    private static int failed(Exception e, boolean debug, PrintWriter err) {
        if (debug) {
            e.printStackTrace(err);
        }
        Failure failure = translate(e);
        err.println("vcai: " + failure.getMessage());
        err.flush();
        return failure.exitCode().code();
    }

    private static Failure translate(Exception e) {
        if (e instanceof Failure failure) {
            return failure;
        }
        if (e instanceof GitError git) {
            return new Failure(ExitCode.of(git.kind()), git.getMessage(), e);
        }
        if (e instanceof ModelException) {
            return new Failure(ExitCode.MODEL, e.getMessage(), e);
        }
        if (e instanceof Policy.PolicyException) {
            return new Failure(ExitCode.INVALID_CONFIG, e.getMessage(), e);
        }
        if (e instanceof java.io.IOException) {
            return new Failure(ExitCode.IO, e.getMessage(), e);
        }
        if (e.getCause() instanceof OutOfMemoryError) {
            return new Failure(ExitCode.INTERNAL, "out of memory; give Java more with VCAI_JAVA_OPTS=-Xmx2g or lower --max-patch-bytes", e);
        }
        return new Failure(ExitCode.INTERNAL, "internal error: " + e + " (run with --debug for details and report it)", e);
    }
}
