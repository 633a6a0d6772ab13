package dev.vcai.hooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.vcai.testing.GitRepo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hooks end to end: the built jar installed into a bare repository with {@code vcai hook install}, and real
 * {@code git push}es into it. Runs after {@code package} (failsafe), since the hooks run the jar.
 */
class HookPushIT {
    static final Path JAR = Path.of("target/vcai.jar").toAbsolutePath();
    static final String JAVA = ProcessHandle.current().info().command().orElse("java");

    @TempDir
    Path tmp;
    Path server;
    GitRepo work;

    static String key() {
        // Split so that this file itself carries no key signature.
        return "-----BEGIN RSA " + "PRIVATE KEY-----\nMIIEow\n-----END RSA " + "PRIVATE KEY-----\n";
    }

    @BeforeAll
    static void jarIsBuilt() {
        assertTrue(Files.isRegularFile(JAR), "run with 'mvn verify': the hooks need " + JAR);
    }

    @BeforeEach
    void serverWithHooks() throws Exception {
        server = tmp.resolve("server.git");
        GitRepo.init(server, "--bare");
        install(server);
        work = clone("work");
    }

    /**
     * The post-receive hook analyses in a detached background process; the temporary directory may only go once
     * every such process started in it has finished writing (found through Linux's /proc, by working directory).
     */
    @AfterEach
    void backgroundHooksFinish() throws Exception {
        for (int i = 0; i < 600 && backgroundHookRunning(); i++) {
            Thread.sleep(100);
        }
    }

    private boolean backgroundHookRunning() {
        return ProcessHandle.allProcesses().anyMatch(process -> {
            try {
                Path cwd = Files.readSymbolicLink(Path.of("/proc", Long.toString(process.pid()), "cwd"));
                return cwd.startsWith(tmp) && process.info().commandLine().orElse("").contains("hook post-receive");
            } catch (IOException | UnsupportedOperationException | SecurityException e) {
                return false;
            }
        });
    }

    /** Runs {@code vcai hook install} and returns what it printed. */
    static String install(Path repository, String... options) throws Exception {
        List<String> command = new ArrayList<>(List.of(JAVA, "-jar", JAR.toString(), "hook", "install", repository.toString()));
        command.addAll(List.of(options));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), output);
        return output;
    }

    @Test
    void installingIntoARepositoryWithHistoryCachesItsDependencyGraph() throws Exception {
        work.write("src/main/java/a/Core.java", "package a;\npublic class Core {}\n");
        work.write("src/main/java/a/Uses.java", "package a;\nclass Uses { Core core; }\n");
        work.commit("A core class and its user");
        assertEquals(0, push(work, Map.of(), "origin", "HEAD:refs/heads/main").exitCode());
        Path existing = tmp.resolve("existing.git");
        GitRepo.run(tmp, Map.of(), null, "clone", "-q", "--bare", server.toString(), existing.toString()).requireSuccess();

        String output = install(existing, "--no-cds");
        assertTrue(output.contains("cached the dependency graph of HEAD: 2 files"), output);
        try (var cached = Files.list(existing.resolve("vcai/impact"))) {
            assertTrue(cached.anyMatch(f -> f.getFileName().toString().endsWith(".facts.gz")), "the cache is on disk");
        }
        Path empty = tmp.resolve("empty.git");
        GitRepo.init(empty, "--bare");
        assertFalse(install(empty, "--no-cds").contains("cached the dependency graph"), "nothing to cache in an empty repository");

        Path here = tmp.resolve("here.git");
        GitRepo.init(here, "--bare");
        Process inHere = new ProcessBuilder(JAVA, "-jar", JAR.toString(), "-C", here.toString(), "hook", "install", "--no-cds")
                .redirectErrorStream(true).start();
        String printed = new String(inHere.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, inHere.waitFor(), printed);
        assertTrue(Files.isExecutable(here.resolve("hooks/pre-receive")), "without a repository, the one -C names: " + printed);
    }

    GitRepo clone(String name) {
        GitRepo.run(tmp, Map.of(), null, "clone", "-q", server.toString(), name).requireSuccess();
        return GitRepo.at(tmp.resolve(name));
    }

    GitRepo.Result push(GitRepo from, Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>(List.of("push"));
        command.addAll(List.of(args));
        return from.run(env, null, command.toArray(String[]::new));
    }

    String serverRef(String ref) {
        GitRepo.Result result = GitRepo.run(server, Map.of(), null, "rev-parse", "--verify", "-q", ref);
        return result.exitCode() == 0 ? result.stdout() : null;
    }

    /** Waits for the background post-receive to write a commit's note, and returns it. */
    JsonObject note(String commit) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            GitRepo.Result result = GitRepo.run(server, Map.of(), null, "notes", "--ref=vcai", "show", commit);
            if (result.exitCode() == 0) {
                return JsonParser.parseString(result.stdout()).getAsJsonObject();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no vcai note for " + commit + "; post-receive log: " + postReceiveLog());
    }

    String postReceiveLog() {
        try {
            return Files.readString(server.resolve("vcai/post-receive.log"));
        } catch (IOException e) {
            return "(none)";
        }
    }

    /** Jenkins workspaces and admins' tool directories have spaces in their names, sometimes quotes. */
    @Test
    void aJarWhosePathHasASpaceAndAQuoteStillRuns() throws Exception {
        assertTrue(Files.isRegularFile(JAR.resolveSibling("vcai.jar.jsa")), "the archive whose path the hooks pass");
        Path tools = Files.createDirectories(tmp.resolve("it's my tools"));
        Path jar = Files.createSymbolicLink(tools.resolve("vcai.jar"), JAR);
        Files.createSymbolicLink(tools.resolve("vcai.jar.jsa"), JAR.resolveSibling("vcai.jar.jsa"));
        install(server, "--jar", jar.toString(), "--no-cds");
        work.write("src/app.py", "def main():\n    return 1\n");
        work.commit("Add the application entry point");
        GitRepo.Result pushed = push(work, Map.of(), "origin", "HEAD:refs/heads/main");
        assertEquals(0, pushed.exitCode(), pushed.stderr());
        assertTrue(pushed.stderr().contains("remote: vcai: main: 1 new commit"), pushed.stderr());
        assertFalse(pushed.stderr().contains("warning"), pushed.stderr());
    }

    @Test
    void newBranchFastForwardAndNotes() throws Exception {
        work.write("src/app.py", "def main():\n    return 1\n");
        work.write("tests/test_app.py", "def test_main():\n    assert True\n");
        String first = work.commit("Add the application entry point with a test");
        GitRepo.Result created = push(work, Map.of(), "origin", "HEAD:refs/heads/main");
        assertEquals(0, created.exitCode(), created.stderr());
        assertTrue(created.stderr().contains("remote: vcai: main: 1 new commit"), created.stderr());
        assertEquals(first, serverRef("refs/heads/main"));

        work.write("docs/usage.md", "Run it.\n");
        String second = work.commit("Document usage");
        work.write("docs/usage.md", "Run it twice.\n");
        String third = work.commit("Clarify usage");
        GitRepo.Result forward = push(work, Map.of(), "origin", "HEAD:refs/heads/main");
        assertEquals(0, forward.exitCode(), forward.stderr());
        assertTrue(forward.stderr().contains("main: 2 new commits"), "only old..new is analysed: " + forward.stderr());
        // Pre-receive cached the range's radii under the tree it starts from, where post-receive finds them
        // (BlastRadiusCacheTest: a range whose radii are all cached builds no graph).
        String startTree = work.git("rev-parse", first + "^{tree}").strip();
        assertTrue(Files.isRegularFile(server.resolve("vcai/impact/" + startTree + ".radii.gz")), "pre-receive's radii are on disk");
        for (String line : forward.stderr().split("\n")) {
            assertTrue(line.length() <= 80 + 8, "under 80 columns after git's prefix: " + line);
        }

        for (String commit : List.of(first, second, third)) {
            JsonObject note = note(commit);
            assertEquals("vcai.analysis/v1", note.get("schema").getAsString());
            assertEquals(commit, note.getAsJsonArray("commits").get(0).getAsJsonObject().get("id").getAsString());
            assertEquals("refs/heads/main", note.get("ref").getAsString());
            JsonObject radius = note.getAsJsonArray("commits").get(0).getAsJsonObject().getAsJsonObject("blast_radius");
            assertTrue(radius.get("computed").getAsBoolean(), "the graph is read from the pushed tree: " + radius);
        }
        String log = work.run(Map.of(), null, "-c", "notes.displayRef=refs/notes/vcai", "fetch", "-q", "origin",
                "refs/notes/vcai:refs/notes/vcai").requireSuccess().stdout();
        assertTrue(log.isEmpty());
        assertTrue(work.git("log", "--notes=vcai", "-1", third).contains("\"schema\": \"vcai.analysis/v1\""));
    }

    @Test
    void aNewBranchAnalysesOnlyCommitsNoRefHasAndForcePushesWarn() throws Exception {
        work.write("a.txt", "a\n");
        work.commit("Start");
        assertEquals(0, push(work, Map.of(), "origin", "HEAD:refs/heads/main").exitCode());
        work.git("checkout", "-q", "-b", "topic");
        work.write("b.txt", "b\n");
        work.commit("Topic work");
        GitRepo.Result topic = push(work, Map.of(), "origin", "topic");
        assertTrue(topic.stderr().contains("topic: 1 new commit"), "main's commit is not new: " + topic.stderr());

        work.git("reset", "-q", "--hard", "HEAD~1");
        work.write("c.txt", "c\n");
        work.commit("Rewritten topic");
        GitRepo.Result forced = push(work, Map.of(), "-f", "origin", "topic");
        assertEquals(0, forced.exitCode(), forced.stderr());
        assertTrue(forced.stderr().contains("topic: 1 new commit"), forced.stderr());
        assertTrue(forced.stderr().contains("forced update drops 1 commit(s) from topic"), forced.stderr());
    }

    @Test
    void tagsManyRefsAndDeletions() throws Exception {
        work.write("a.txt", "a\n");
        String base = work.commit("Start");
        work.git("tag", "-a", "v1.0", "-m", "release");
        work.git("branch", "one");
        work.git("branch", "two");
        GitRepo.Result all = push(work, Map.of(), "origin", "HEAD:refs/heads/main", "one", "two", "v1.0");
        assertEquals(0, all.exitCode(), all.stderr());
        assertTrue(all.stderr().contains("vcai: main: 1 new commit"), all.stderr());
        assertTrue(all.stderr().contains("vcai: one: 1 new commit"), "before the push no ref has it: " + all.stderr());
        assertEquals(4, all.stderr().split("/100 ", -1).length - 1,
                "every ref's commit has a blast radius (the first ref's measured while the others are read): " + all.stderr());
        assertEquals(base, serverRef("refs/tags/v1.0^{commit}"));

        GitRepo.Result deleted = push(work, Map.of(), "origin", ":refs/heads/two");
        assertEquals(0, deleted.exitCode(), deleted.stderr());
        assertTrue(deleted.stderr().contains("vcai: two: deleted, nothing to analyse"), deleted.stderr());
        assertEquals(null, serverRef("refs/heads/two"));

        Files.writeString(server.resolve("vcai-policy.yaml"), "deny_deletes: [one]\n");
        GitRepo.Result denied = push(work, Map.of(), "origin", ":refs/heads/one");
        assertNotEquals(0, denied.exitCode(), denied.stderr());
        assertTrue(denied.stderr().contains("deleting this ref is not allowed"), denied.stderr());
        assertEquals(base, serverRef("refs/heads/one"));
    }

    @Test
    void aBlockedPushIsRefusedAndLeavesTheRepositoryUnchangedUnlessOverridden() throws Exception {
        work.write("a.txt", "a\n");
        String base = work.commit("Start");
        assertEquals(0, push(work, Map.of(), "origin", "HEAD:refs/heads/main").exitCode());
        work.write("deploy/server.pem", key());
        String blocked = work.commit("Add the deploy key");

        GitRepo.Result refused = push(work, Map.of("GL_ID", "user-1"), "origin", "HEAD:refs/heads/main");
        assertNotEquals(0, refused.exitCode());
        assertTrue(refused.stderr().contains("GL-HOOK-ERR: vcai: main: BLOCKED: blocked-paths"), refused.stderr());
        assertEquals(base, serverRef("refs/heads/main"), "the ref did not move");
        assertEquals(1, GitRepo.run(server, Map.of(), null, "cat-file", "-e", blocked).exitCode(), "the objects were not kept");

        GitRepo.Result overridden = push(work, Map.of("USER", "alice"), "-o", "vcai.override=rotating the key today", "origin",
                "HEAD:refs/heads/main");
        assertEquals(0, overridden.exitCode(), overridden.stderr());
        assertTrue(overridden.stderr().contains("overridden by alice: rotating the key today"), overridden.stderr());
        assertEquals(blocked, serverRef("refs/heads/main"));
        JsonObject note = note(blocked);
        assertTrue(note.getAsJsonArray("warnings").toString().contains("override by alice: rotating the key today"), note.toString());
        assertTrue(Files.readString(server.resolve("vcai/audit.log")).contains("\toverride\talice\trefs/heads/main\t" + blocked));

        Files.writeString(server.resolve("vcai-policy.yaml"), "allow_override: [release/**]\n");
        work.write("deploy/other.pem", key());
        work.commit("Another key");
        GitRepo.Result notAllowed = push(work, Map.of(), "-o", "vcai.override=again", "origin", "HEAD:refs/heads/main");
        assertNotEquals(0, notAllowed.exitCode());
        assertTrue(notAllowed.stderr().contains("override not allowed on this ref"), notAllowed.stderr());
    }

    @Test
    void vcaiFailingOrRunningOutOfTimeFailsOpenUnlessConfiguredClosed() throws Exception {
        work.write("a.txt", "a\n");
        work.commit("Start");
        Files.writeString(server.resolve("broken.onnx"), "not a model");
        GitRepo.run(server, Map.of(), null, "config", "vcai.model", "broken.onnx").requireSuccess();
        GitRepo.Result open = push(work, Map.of(), "origin", "HEAD:refs/heads/main");
        assertEquals(0, open.exitCode(), open.stderr());
        assertTrue(open.stderr().contains("vcai: warning: not an ONNX model file"), open.stderr());
        assertTrue(open.stderr().contains("push accepted without a verdict"), open.stderr());

        GitRepo.run(server, Map.of(), null, "config", "vcai.failClosed", "true").requireSuccess();
        work.write("b.txt", "b\n");
        work.commit("More");
        GitRepo.Result closed = push(work, Map.of(), "origin", "HEAD:refs/heads/main");
        assertNotEquals(0, closed.exitCode());
        assertTrue(closed.stderr().contains("push refused (vcai.failClosed)"), closed.stderr());

        GitRepo.run(server, Map.of(), null, "config", "--unset", "vcai.model").requireSuccess();
        GitRepo.run(server, Map.of(), null, "config", "vcai.timeBudget", "1").requireSuccess();
        GitRepo.Result late = push(work, Map.of(), "origin", "HEAD:refs/heads/main");
        assertNotEquals(0, late.exitCode(), "fail-closed past the budget");
        assertTrue(late.stderr().contains("did not finish within the time budget"), late.stderr());
        GitRepo.run(server, Map.of(), null, "config", "vcai.failClosed", "false").requireSuccess();
        GitRepo.Result lateOpen = push(work, Map.of(), "origin", "HEAD:refs/heads/main");
        assertEquals(0, lateOpen.exitCode(), lateOpen.stderr());
        assertTrue(lateOpen.stderr().contains("vcai: warning: did not finish within the time budget"), lateOpen.stderr());
    }

    @Test
    void postReceiveSetsTheCommitStatusOnTheForge() throws Exception {
        try (okhttp3.mockwebserver.MockWebServer forge = new okhttp3.mockwebserver.MockWebServer()) {
            forge.enqueue(new okhttp3.mockwebserver.MockResponse().setResponseCode(201).setBody("{}"));
            forge.enqueue(new okhttp3.mockwebserver.MockResponse().setResponseCode(201).setBody("{}"));
            forge.start(java.net.InetAddress.getLoopbackAddress(), 0);
            String url = forge.url("/").toString();
            for (String[] setting : new String[][] {{"vcai.status.forge", "github"}, {"vcai.status.url", url},
                    {"vcai.status.repository", "acme/widgets"}, {"vcai.status.targetUrl", "https://ci.example/1"}}) {
                GitRepo.run(server, Map.of(), null, "config", setting[0], setting[1]).requireSuccess();
            }
            work.write("src/app.py", "print('hi')\n");
            String tip = work.commit("Add the app without tests");
            GitRepo.Result pushed = push(work, Map.of("GITHUB_TOKEN", "secret-token-123"), "origin", "HEAD:refs/heads/main");
            assertEquals(0, pushed.exitCode(), pushed.stderr());

            // https://docs.github.com/en/rest/commits/statuses#create-a-commit-status
            okhttp3.mockwebserver.RecordedRequest started = forge.takeRequest(120, java.util.concurrent.TimeUnit.SECONDS);
            assertTrue(started != null, "no status reached the forge; post-receive log: " + postReceiveLog());
            assertEquals("/repos/acme/widgets/statuses/" + tip, started.getPath());
            assertEquals("pending", JsonParser.parseString(started.getBody().readUtf8()).getAsJsonObject().get("state").getAsString());
            okhttp3.mockwebserver.RecordedRequest request = forge.takeRequest(120, java.util.concurrent.TimeUnit.SECONDS);
            assertTrue(request != null, "no status reached the forge; post-receive log: " + postReceiveLog());
            assertEquals("POST", request.getMethod());
            assertEquals("/repos/acme/widgets/statuses/" + tip, request.getPath());
            assertEquals("Bearer secret-token-123", request.getHeader("Authorization"));
            JsonObject body = JsonParser.parseString(request.getBody().readUtf8()).getAsJsonObject();
            assertEquals("success", body.get("state").getAsString(), "CONDITIONAL maps to success by default");
            assertTrue(body.get("description").getAsString().startsWith("vcai: CONDITIONAL"), body.toString());
            assertEquals("vcai", body.get("context").getAsString());
            assertEquals("https://ci.example/1", body.get("target_url").getAsString());
            note(tip);
            assertFalse(postReceiveLog().contains("secret-token-123"), "the token is never logged");
        }
    }

    @Test
    void tenConcurrentPushesLoseNoNote() throws Exception {
        work.write("a.txt", "a\n");
        work.commit("Start");
        assertEquals(0, push(work, Map.of(), "origin", "HEAD:refs/heads/main").exitCode());
        List<GitRepo> clones = new ArrayList<>();
        List<String> commits = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            GitRepo clone = clone("clone" + i);
            clone.write("file" + i + ".txt", "content " + i + "\n");
            commits.add(clone.commit("Change number " + i));
            clones.add(clone);
        }
        ExecutorService pool = Executors.newFixedThreadPool(10);
        List<Future<GitRepo.Result>> pushes = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            GitRepo clone = clones.get(i);
            String branch = "HEAD:refs/heads/branch-" + i;
            pushes.add(pool.submit(() -> push(clone, Map.of(), "origin", branch)));
        }
        for (Future<GitRepo.Result> result : pushes) {
            assertEquals(0, result.get().exitCode(), result.get().stderr());
        }
        pool.shutdown();
        for (String commit : commits) {
            assertEquals(commit, note(commit).getAsJsonArray("commits").get(0).getAsJsonObject().get("id").getAsString());
        }
    }

    @Test
    void hostileRefNamesAndNonUtf8CommitsAreHarmless() throws Exception {
        work.write("a.txt", "a\n");
        work.commit("Start");
        String hostile = "refs/heads/x$(touch${IFS}pwned)';\"`id`";
        GitRepo.Result result = push(work, Map.of(), "origin", "HEAD:" + hostile);
        assertEquals(0, result.exitCode(), result.stderr());
        assertFalse(Files.exists(server.resolve("pwned")) || Files.exists(tmp.resolve("pwned")), "the ref name was not run");

        Files.write(work.dir().resolve("caf\u00e9.txt"), new byte[] {'c', 'a', 'f', (byte) 0xe9, '\n'});
        work.git("add", "-A");
        work.run(work.dateEnv(), "Caf\u00e9 latin-1 message\n".getBytes(StandardCharsets.ISO_8859_1), "-c", "i18n.commitEncoding=ISO-8859-1",
                "commit", "-q", "-F", "-").requireSuccess();
        String latin = work.head();
        GitRepo.Result pushed = push(work, Map.of(), "origin", "HEAD:refs/heads/main");
        assertEquals(0, pushed.exitCode(), pushed.stderr());
        assertTrue(pushed.stderr().contains("main: 1 new commit"), "the first commit is on the other branch: " + pushed.stderr());
        assertEquals(latin, note(latin).getAsJsonArray("commits").get(0).getAsJsonObject().get("id").getAsString());
    }

    @Test
    void existingHooksAreChainedAndGitlabAndGiteaLayouts() throws Exception {
        Path other = tmp.resolve("other.git");
        GitRepo.init(other, "--bare");
        Path existing = other.resolve("hooks/pre-receive");
        Files.writeString(existing, "#!/bin/sh\ncat > \"$GIT_DIR/old-hook-ran\"\nexit 0\n");
        existing.toFile().setExecutable(true);
        install(other);
        assertTrue(Files.readString(other.resolve("hooks/pre-receive.vcai-chained")).contains("old-hook-ran"));
        GitRepo.run(tmp, Map.of(), null, "clone", "-q", other.toString(), "other").requireSuccess();
        GitRepo otherWork = GitRepo.at(tmp.resolve("other"));
        otherWork.write("a.txt", "a\n");
        String commit = otherWork.commit("Start");
        GitRepo.Result pushed = push(otherWork, Map.of(), "origin", "HEAD:refs/heads/main");
        assertEquals(0, pushed.exitCode(), pushed.stderr());
        assertTrue(Files.readString(other.resolve("old-hook-ran")).contains(commit), "the old hook saw git's input");
        assertTrue(pushed.stderr().contains("vcai: main: 1 new commit"));

        Files.writeString(other.resolve("hooks/pre-receive.vcai-chained"), "#!/bin/sh\necho 'old hook says no' >&2\nexit 1\n");
        otherWork.write("b.txt", "b\n");
        otherWork.commit("More");
        GitRepo.Result refused = push(otherWork, Map.of(), "origin", "HEAD:refs/heads/main");
        assertNotEquals(0, refused.exitCode());
        assertTrue(refused.stderr().contains("old hook says no"));

        Path gitlab = tmp.resolve("gitlab.git");
        GitRepo.init(gitlab, "--bare");
        install(gitlab, "--gitlab", "--no-cds");
        assertTrue(Files.isExecutable(gitlab.resolve("custom_hooks/pre-receive.d/vcai")));
        assertTrue(Files.isExecutable(gitlab.resolve("custom_hooks/post-receive.d/vcai")));
        Path gitea = tmp.resolve("gitea.git");
        GitRepo.init(gitea, "--bare");
        install(gitea, "--gitea", "--no-cds", "--fail-closed", "--time-budget", "3000");
        assertTrue(Files.isExecutable(gitea.resolve("hooks/pre-receive.d/vcai")));
        assertEquals("true", GitRepo.run(gitea, Map.of(), null, "config", "vcai.failClosed").stdout());
        assertEquals("3000", GitRepo.run(gitea, Map.of(), null, "config", "vcai.timeBudget").stdout());
        assertEquals("true", GitRepo.run(gitea, Map.of(), null, "config", "receive.advertisePushOptions").stdout());
    }
}
