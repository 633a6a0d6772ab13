package dev.vcai.cli;

import dev.vcai.forge.CommitStatus;
import dev.vcai.forge.Forge;
import dev.vcai.forge.ForgeClient;
import dev.vcai.forge.ForgeException;
import dev.vcai.forge.StatusPublisher;
import dev.vcai.forge.StatusQueue;
import dev.vcai.forge.StatusState;
import dev.vcai.forge.Token;
import dev.vcai.forge.VerdictMapping;
import dev.vcai.policy.Verdict;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "status", mixinStandardHelpOptions = true, description = "Commit statuses on GitHub, GitLab, Gitea/Forgejo and Bitbucket Data Center.",
        subcommands = {StatusCommand.Publish.class, StatusCommand.Flush.class})
final class StatusCommand {
    @ParentCommand
    VcaiCommand vcai;

    /** Where to publish and with which token: shared by publish and flush. */
    static final class Target {
        @Option(names = "--forge", required = true, paramLabel = "<forge>", description = "github, gitlab, gitea (Forgejo too) or bitbucket (Data Center).")
        String forge;

        @Option(names = "--url", paramLabel = "<url>", description = "The forge's API base URL: default https://api.github.com for github "
                + "(GitHub Enterprise: https://HOST/api/v3); the server's URL for the others (required).")
        String url;

        @Option(names = "--token-env", paramLabel = "<name>", description = "The environment variable holding the token "
                + "(default: GITHUB_TOKEN, GITLAB_TOKEN, GITEA_TOKEN or BITBUCKET_TOKEN).")
        String tokenEnv;

        @Option(names = "--token-file", paramLabel = "<file>", description = "A file holding the token (instead of the environment).")
        Path tokenFile;

        @Option(names = "--queue", paramLabel = "<dir>", description = "A directory where statuses wait while the forge is unreachable; "
                + "queued statuses are sent first, oldest first.")
        Path queue;

        @Option(names = "--retries", paramLabel = "<n>", description = "Retries on 5xx, 429 and network errors, with backoff (default: ${DEFAULT-VALUE}).")
        int retries = ForgeClient.RetryPolicy.DEFAULT.maxAttempts() - 1;

        @Option(names = "--checks", description = "With --forge github: a check run with a Markdown summary (GitHub's Checks API; "
                + "needs a GitHub App installation token) instead of a commit status.")
        boolean checks;

        Forge forge() {
            Forge named;
            try {
                named = Forge.of(forge);
            } catch (IllegalArgumentException e) { // Forge's ids include github-checks, which this command spells --checks
                throw new Failure(ExitCode.USAGE, "unknown forge '" + forge + "'; use github (with --checks for a check run), gitlab, gitea (forgejo) or bitbucket", e);
            }
            if (checks && named != Forge.GITHUB && named != Forge.GITHUB_CHECKS) {
                throw new Failure(ExitCode.USAGE, "--checks is for --forge github only", null);
            }
            return checks ? Forge.GITHUB_CHECKS : named;
        }

        String baseUrl() {
            String base = url != null ? url : forge().defaultBaseUrl();
            if (base == null) {
                throw new Failure(ExitCode.USAGE, forge() + " needs --url, the base URL of its server", null);
            }
            return base.replaceAll("/+$", "");
        }

        Token token(Path directory) {
            if (tokenFile != null) {
                Path file = directory.resolve(tokenFile);
                try {
                    return Token.fromFile(file);
                } catch (IOException e) {
                    throw new Failure(ExitCode.IO, "cannot read the token file " + file + ": " + e.getMessage(), e);
                } catch (IllegalArgumentException e) {
                    throw new Failure(ExitCode.USAGE, e.getMessage(), e);
                }
            }
            String variable = tokenEnv != null ? tokenEnv : forge().tokenVariable();
            try {
                return Token.fromEnvironment(variable, System.getenv());
            } catch (IllegalArgumentException e) {
                throw new Failure(ExitCode.USAGE, e.getMessage() + "; set it or give --token-file", e);
            }
        }

        StatusPublisher publisher(Path directory) {
            StatusQueue statusQueue = queue == null ? null : new StatusQueue(directory.resolve(queue));
            if (retries < 0) {
                throw new Failure(ExitCode.USAGE, "--retries must not be negative", null);
            }
            ForgeClient.RetryPolicy policy = new ForgeClient.RetryPolicy(retries + 1, ForgeClient.RetryPolicy.DEFAULT.initialBackoff(),
                    ForgeClient.RetryPolicy.DEFAULT.maxWait());
            ForgeClient client = new ForgeClient(policy, java.time.Clock.systemUTC(), duration -> Thread.sleep(duration.toMillis()));
            return new StatusPublisher(client, StatusPublisher.TokenSource.single(forge(), baseUrl(), token(directory)), statusQueue);
        }
    }

    @Command(name = "publish", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Set a commit status (the pull request shows it): --state, or --verdict mapped to a state.",
            footer = {"", "Verdicts: APPROVED -> success, CONDITIONAL -> success (failure with",
                    "--conditional-fails), REJECTED and BLOCKED -> failure.",
                    "Exit 0 when set (or queued with --queue); 11 when the forge refused it or",
                    "could not be reached.", "", "Example:",
                    "  vcai status publish --forge github --repo owner/name --sha $GIT_COMMIT \\",
                    "      --verdict CONDITIONAL --description 'untested-code' \\",
                    "      --target-url $BUILD_URL"})
    static final class Publish implements Callable<Integer> {
        @Mixin
        Target target;

        @ParentCommand
        StatusCommand status;

        @Spec
        CommandSpec spec;

        @Option(names = "--repo", required = true, paramLabel = "<repo>", description = "owner/name (GitLab: group/project or its id; Bitbucket: PROJECT/slug).")
        String repository;

        @Option(names = "--sha", required = true, paramLabel = "<sha>", description = "The commit, in full.")
        String sha;

        static final class What {
            @Option(names = "--state", paramLabel = "<state>", description = "pending, success, failure or error.")
            String state;

            @Option(names = "--verdict", paramLabel = "<verdict>", description = "APPROVED, CONDITIONAL, REJECTED or BLOCKED.")
            String verdict;
        }

        @ArgGroup(exclusive = true, multiplicity = "1")
        What what;

        @Option(names = "--conditional-fails", description = "Publish CONDITIONAL as failure (default: success, with the condition in the description).")
        boolean conditionalFails;

        @Option(names = "--context", paramLabel = "<name>", description = "The status's name on the forge (default: ${DEFAULT-VALUE}).")
        String context = CommitStatus.DEFAULT_CONTEXT;

        @Option(names = "--description", paramLabel = "<text>", description = "A short text (shortened to the forge's limit; GitHub: 140); "
                + "with --verdict, the condition or reason after the verdict.")
        String description;

        @Option(names = "--target-url", paramLabel = "<url>", description = "The page the status links to (the CI build, a report).")
        String targetUrl;

        @Option(names = "--summary-file", paramLabel = "<file>", description = "With --checks: the check run's Markdown summary "
                + "(e.g. the output of 'vcai analyze --format markdown').")
        Path summaryFile;

        private String summary() {
            return summaryFile == null ? null : readSummary(status.vcai.directory.resolve(summaryFile));
        }

        @Override
        public Integer call() {
            Forge forge = target.forge();
            StatusState state;
            String text = description;
            try {
                if (what.verdict != null) {
                    Verdict verdict = Verdict.valueOf(what.verdict.toUpperCase(Locale.ROOT));
                    VerdictMapping mapping = new VerdictMapping(conditionalFails);
                    state = mapping.state(verdict);
                    text = mapping.description(verdict, description);
                } else {
                    state = StatusState.of(what.state);
                }
            } catch (IllegalArgumentException e) {
                throw new Failure(ExitCode.USAGE, what.verdict != null
                        ? "unknown verdict '" + what.verdict + "'; use APPROVED, CONDITIONAL, REJECTED or BLOCKED"
                        : "unknown state '" + what.state + "'; use pending, success, failure or error", e);
            }
            CommitStatus commitStatus;
            try {
                commitStatus = new CommitStatus(forge, target.baseUrl(), repository, sha, state, context, text, targetUrl, summary());
            } catch (IllegalArgumentException e) {
                throw new Failure(ExitCode.USAGE, e.getMessage(), e);
            }
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            if (summaryFile != null && forge != Forge.GITHUB_CHECKS) {
                err.println("vcai: warning: --summary-file is only shown by GitHub's Checks API (--checks); ignored");
            }
            StatusPublisher.Published published;
            try {
                published = target.publisher(status.vcai.directory).publish(commitStatus);
            } catch (ForgeException e) {
                throw new Failure(ExitCode.FORGE, e.getMessage(), null);
            } catch (IOException e) {
                throw new Failure(ExitCode.IO, "cannot use the status queue " + target.queue + ": " + e.getMessage(), e);
            }
            if (published.earlier() > 0) {
                out.println(forge + ": sent " + published.earlier() + " queued " + (published.earlier() == 1 ? "status" : "statuses"));
            }
            if (published.outcome() == StatusPublisher.Outcome.QUEUED) {
                err.println("vcai: warning: " + published.problem().getMessage() + "; the status is queued in " + target.queue
                        + " and goes out on the next run");
                err.flush();
            } else {
                out.println(forge + ": " + commitStatus.repository() + "@" + commitStatus.sha() + " " + commitStatus.context()
                        + " = " + commitStatus.state().id());
            }
            out.flush();
            return ExitCode.OK.code();
        }
    }

    private static String readSummary(Path file) {
        try {
            return java.nio.file.Files.readString(file, java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new Failure(ExitCode.IO, "cannot read the summary file " + file + ": " + e.getMessage(), e);
        }
    }

    @Command(name = "flush", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Send the statuses queued for one forge server (--queue is required), oldest first.")
    static final class Flush implements Callable<Integer> {
        @Mixin
        Target target;

        @ParentCommand
        StatusCommand status;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            if (target.queue == null) {
                throw new Failure(ExitCode.USAGE, "vcai status flush needs --queue <dir>", null);
            }
            StatusQueue.FlushResult result;
            try {
                result = target.publisher(status.vcai.directory).flush();
            } catch (IOException e) {
                throw new Failure(ExitCode.IO, "cannot use the status queue " + target.queue + ": " + e.getMessage(), e);
            }
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            out.println(target.forge() + ": sent " + result.delivered().size() + ", dropped " + result.dropped().size()
                    + ", still queued " + result.remaining());
            out.flush();
            for (StatusQueue.Dropped dropped : result.dropped()) {
                err.println("vcai: warning: dropped " + dropped.status().repository() + "@" + dropped.status().sha() + ": "
                        + dropped.reason().getMessage());
            }
            err.flush();
            if (result.stoppedBy() != null) {
                throw new Failure(ExitCode.FORGE, result.stoppedBy().getMessage(), null);
            }
            return ExitCode.OK.code();
        }
    }
}
