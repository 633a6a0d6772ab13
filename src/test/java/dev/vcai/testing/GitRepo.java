package dev.vcai.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A real git repository driven by the {@code git} CLI, for tests.
 *
 * <p>Every command runs isolated from the user's and the system's config, with a fixed identity and a fixed,
 * advancing clock (one hour per commit from {@link #EPOCH}), so commit ids are reproducible. Any {@code GIT_*}
 * variable of the test process (for instance when the build itself runs inside a git hook) is removed.
 */
public final class GitRepo {
    /** The first commit's date: 2024-01-01T00:00:00Z. */
    public static final Instant EPOCH = Instant.parse("2024-01-01T00:00:00Z");

    private final Path dir;
    private String authorName = "Alice";
    private String authorEmail = "alice@example.com";
    private Instant clock = EPOCH;
    private Instant nextDate;

    private GitRepo(Path dir) {
        this.dir = dir;
    }

    /** {@code git init} (with branch {@code main}) in {@code dir}, which is created if needed. */
    public static GitRepo init(Path dir, String... options) {
        createDirectories(dir);
        List<String> args = new ArrayList<>(List.of("init", "-q"));
        args.addAll(List.of(options));
        run(dir, Map.of(), null, args.toArray(String[]::new)).requireSuccess();
        return new GitRepo(dir);
    }

    /** An existing repository or work tree, for instance a clone. */
    public static GitRepo at(Path dir) {
        return new GitRepo(dir);
    }

    public Path dir() {
        return dir;
    }

    /** The author (and committer) of the next commits. */
    public GitRepo as(String name, String email) {
        this.authorName = name;
        this.authorEmail = email;
        return this;
    }

    /** The author and committer date of the next commit only; later commits continue one hour after it. */
    public GitRepo on(Instant date) {
        this.nextDate = date;
        return this;
    }

    public Path write(String path, String content) {
        return write(path, content.getBytes(StandardCharsets.UTF_8));
    }

    public Path write(String path, byte[] content) {
        Path file = dir.resolve(path);
        createDirectories(file.getParent());
        try {
            Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    public void delete(String path) {
        try {
            Files.delete(dir.resolve(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stages everything ({@code git add -A}) and commits it; returns the new commit's id. */
    public String commit(String message, String... options) {
        git("add", "-A");
        List<String> args = new ArrayList<>(List.of("commit", "-q", "-m", message));
        args.addAll(List.of(options));
        run(dateEnv(), null, args.toArray(String[]::new)).requireSuccess();
        return head();
    }

    /** The environment that gives the next git command the next commit date, and advances the clock. */
    public Map<String, String> dateEnv() {
        Instant date = nextDate != null ? nextDate : clock;
        nextDate = null;
        clock = date.plusSeconds(3600);
        String git = "@" + date.getEpochSecond() + " +0000";
        return Map.of("GIT_AUTHOR_DATE", git, "GIT_COMMITTER_DATE", git);
    }

    /**
     * Runs a git command that makes a commit ({@code merge}, {@code cherry-pick}, {@code commit --allow-empty}...)
     * at the next date; returns the new HEAD.
     */
    public String gitCommit(String... args) {
        run(dateEnv(), null, args).requireSuccess();
        return head();
    }

    public String head() {
        return git("rev-parse", "HEAD");
    }

    /** Runs git in this repository, fails unless it exits 0, and returns its output without the final newline. */
    public String git(String... args) {
        return run(Map.of(), null, args).requireSuccess().stdout();
    }

    /** Runs git in this repository with extra environment variables and optional standard input. */
    public Result run(Map<String, String> env, byte[] stdin, String... args) {
        return run(dir, withIdentity(env), stdin, args);
    }

    private Map<String, String> withIdentity(Map<String, String> env) {
        Map<String, String> all = new HashMap<>(Map.of("GIT_AUTHOR_NAME", authorName, "GIT_AUTHOR_EMAIL", authorEmail,
                "GIT_COMMITTER_NAME", authorName, "GIT_COMMITTER_EMAIL", authorEmail));
        all.putAll(env);
        return all;
    }

    /** Runs {@code git args...} in {@code dir}, isolated from global and system config. */
    public static Result run(Path dir, Map<String, String> env, byte[] stdin, String... args) {
        List<String> command = new ArrayList<>(List.of("git", "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false",
                "-c", "tag.gpgsign=false", "-c", "gc.auto=0", "-c", "core.autocrlf=false", "-c", "protocol.file.allow=always"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(name -> name.startsWith("GIT_"));
        environment.put("GIT_CONFIG_GLOBAL", "/dev/null");
        environment.put("GIT_CONFIG_NOSYSTEM", "1");
        environment.put("GIT_AUTHOR_NAME", "Alice");
        environment.put("GIT_AUTHOR_EMAIL", "alice@example.com");
        environment.put("GIT_COMMITTER_NAME", "Alice");
        environment.put("GIT_COMMITTER_EMAIL", "alice@example.com");
        environment.put("GIT_AUTHOR_DATE", "@" + EPOCH.getEpochSecond() + " +0000");
        environment.put("GIT_COMMITTER_DATE", "@" + EPOCH.getEpochSecond() + " +0000");
        environment.put("LC_ALL", "C");
        environment.putAll(env);
        try {
            Process process = builder.start();
            CompletableFuture<byte[]> stderr = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
            try (OutputStream in = process.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin);
                }
            }
            byte[] stdout = readAll(process.getInputStream());
            int exit = process.waitFor();
            return new Result(command, exit, stdout, new String(stderr.join(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What a git command did. {@link #stdout()} is UTF-8 text without the final newline; {@link #output()} the raw bytes. */
    public record Result(List<String> command, int exitCode, byte[] output, String stderr) {
        public String stdout() {
            String text = new String(output, StandardCharsets.UTF_8);
            return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        }

        public List<String> lines() {
            String text = stdout();
            return text.isEmpty() ? List.of() : List.of(text.split("\n"));
        }

        public Result requireSuccess() {
            if (exitCode != 0) {
                throw new AssertionError(String.join(" ", command) + " exited " + exitCode + ": " + stderr.strip());
            }
            return this;
        }
    }
}
