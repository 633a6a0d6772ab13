package dev.vcai.jenkins.plugin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A real git repository made with the git CLI, isolated from the user's config, for the jobs to check out. */
final class TestRepo {
    private final Path dir;
    private int commits;

    private TestRepo(Path dir) {
        this.dir = dir;
    }

    static TestRepo init(Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        TestRepo repo = new TestRepo(dir);
        repo.git("init", "-q", "-b", "main");
        return repo;
    }

    String url() {
        return dir.toUri().toString();
    }

    /** Writes the files and commits them; returns the new commit's id. */
    String commit(String message, Map<String, String> files) throws IOException, InterruptedException {
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path path = dir.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.writeString(path, file.getValue());
        }
        git("add", "-A");
        commits++;
        String date = "@" + (1_704_067_200L + 3600L * commits) + " +0000";
        git(Map.of("GIT_AUTHOR_DATE", date, "GIT_COMMITTER_DATE", date), "commit", "-q", "-m", message);
        return git("rev-parse", "HEAD");
    }

    String git(String... args) throws IOException, InterruptedException {
        return git(Map.of(), args);
    }

    private String git(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git", "-c", "commit.gpgsign=false"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("GIT_"));
        builder.environment().putAll(Map.of("GIT_CONFIG_GLOBAL", "/dev/null", "GIT_CONFIG_NOSYSTEM", "1",
                "GIT_AUTHOR_NAME", "Alice", "GIT_AUTHOR_EMAIL", "alice@example.com",
                "GIT_COMMITTER_NAME", "Alice", "GIT_COMMITTER_EMAIL", "alice@example.com"));
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (process.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + ": " + output);
        }
        return output;
    }
}
