package dev.vcai.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vcai.kserve.KServeServer;
import dev.vcai.policy.Verdict;
import dev.vcai.report.Summary;
import dev.vcai.testing.GitRepo;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plugin's one call, run on real repositories with the shipped model, and what its result turns into. */
class JenkinsAnalysisTest {
    @TempDir
    Path tmp;

    @Test
    void analysesTheCommitsSinceTheLastSuccessAndTheResultSurvivesItsTripToTheController() throws Exception {
        GitRepo repo = GitRepo.init(tmp.resolve("ws"));
        repo.write("README.md", "# app\n");
        String base = repo.commit("Initial commit");
        repo.write("src/main/java/App.java", "class App { int answer() { return 42; } }\n");
        String code = repo.commit("Add the answer");
        repo.write("src/test/java/AppTest.java", "class AppTest { void answers() { new App().answer(); } }\n");
        String test = repo.commit("Test the <answer> & more");

        JenkinsResult result = JenkinsAnalysis.builder(repo.dir())
                .environment(Map.of("GIT_COMMIT", test, "GIT_PREVIOUS_SUCCESSFUL_COMMIT", base, "GIT_BRANCH", "origin/main"))
                .build().run();

        assertTrue(result.analysed(), String.valueOf(result.error()));
        assertEquals(base + ".." + test, result.range());
        assertEquals(test, result.tip());
        assertEquals("refs/heads/main", result.ref());
        assertEquals(2, result.summary().commits().size());
        assertEquals(test, result.summary().commits().get(0).id());
        assertEquals(code, result.summary().commits().get(1).id());
        assertEquals(Verdict.CONDITIONAL, result.summary().commits().get(1).verdict(), "code without a test");
        assertEquals(Verdict.CONDITIONAL, result.verdict());
        assertEquals(0, result.summary().commits().get(1).blastScore(), "the blast radius is computed: nothing depended on App yet");
        assertEquals(0, result.summary().commits().get(0).blastScore());

        String json = result.toJson();
        assertFalse(json.contains("return 42"), "no diffs travel");
        assertTrue(json.length() < 8_000, "small: " + json.length());
        JenkinsResult back = JenkinsResult.fromJson(json);
        assertEquals(result, back);
        assertEquals(Summary.Row.class, back.summary().commits().get(0).getClass());
        assertEquals(Optional.of(BuildOutcome.UNSTABLE), BuildOutcome.of(back, true));
        assertEquals(Optional.empty(), BuildOutcome.of(back, false), "the build result is only set when asked");
    }

    @Test
    void withoutTheGitPluginsVariablesTheLastAnalysedTipIsTheBase() {
        GitRepo repo = GitRepo.init(tmp.resolve("ws"));
        repo.write("a.txt", "a\n");
        String first = repo.commit("Add a");
        repo.write("b.txt", "b\n");
        String second = repo.commit("Add b");
        repo.write("c.txt", "c\n");
        String third = repo.commit("Add c");

        JenkinsResult scripted = JenkinsAnalysis.builder(repo.dir()).previousTip(first).build().run();
        assertEquals(first + ".." + third, scripted.range(), "HEAD since the tip the last build analysed");
        JenkinsResult declarative = JenkinsAnalysis.builder(repo.dir()).previousTip(first)
                .environment(Map.of("GIT_COMMIT", third, "GIT_PREVIOUS_SUCCESSFUL_COMMIT", second)).build().run();
        assertEquals(second + ".." + third, declarative.range(), "the Git plugin's variable wins");
    }

    @Test
    void aGatesFileInTheWorkspaceDecides() throws Exception {
        GitRepo repo = GitRepo.init(tmp.resolve("ws"));
        repo.write("notes.txt", "hello\n");
        repo.commit("Add notes");
        repo.write("config/app.env", "PASSWORD=x\n");
        String tip = repo.commit("Add the environment");
        Files.writeString(tmp.resolve("gates.yaml"), "blocked_paths: ['**/*.env']\n");

        JenkinsResult result = JenkinsAnalysis.builder(repo.dir()).environment(Map.of("GIT_COMMIT", tip, "GIT_BRANCH", "origin/main"))
                .settings(JenkinsSettings.DEFAULTS.withGatesFile(tmp.resolve("gates.yaml").toString())).build().run();

        assertEquals(Verdict.BLOCKED, result.verdict(), String.valueOf(result.error()));
        assertEquals(Optional.of(BuildOutcome.FAILURE), BuildOutcome.of(result, true));
        assertTrue(result.notes().get(0).contains("no earlier build"), result.notes().toString());
        assertEquals(List.of("vcai: " + result.notes().get(0), "vcai: " + tip + " (refs/heads/main): " + result.summary().text()), result.logLines());
    }

    @Test
    void failuresBecomeAFailedResultThatFailsTheBuildOnlyWhenFailClosed() throws Exception {
        Files.createDirectories(tmp.resolve("not-a-repo"));
        JenkinsResult open = JenkinsAnalysis.builder(tmp.resolve("not-a-repo")).build().run();
        assertFalse(open.analysed());
        assertTrue(open.error().startsWith("not a git repository"), open.error());
        assertNull(open.verdict());
        assertEquals(Optional.empty(), BuildOutcome.of(open, true), "fail-open");
        assertEquals(List.of("vcai: error: " + open.error() + " (fail-open: the build goes on)"), open.logLines());
        assertEquals(open, JenkinsResult.fromJson(open.toJson()));

        GitRepo repo = GitRepo.init(tmp.resolve("ws"));
        repo.write("a.txt", "a\n");
        repo.commit("Add a");
        Files.writeString(repo.dir().resolve("gates.yaml"), "gates: [ {name: x, metric: 12\n");
        JenkinsResult closed = JenkinsAnalysis.builder(repo.dir())
                .settings(JenkinsSettings.DEFAULTS.withGatesFile("gates.yaml").withFailClosed(true)).build().run();
        assertFalse(closed.analysed());
        assertTrue(closed.error().contains("gates.yaml"), "names the file: " + closed.error());
        assertEquals(Optional.of(BuildOutcome.FAILURE), BuildOutcome.of(closed, false), "fail-closed fails whatever setBuildResult says");
    }

    @Test
    void anAnalysisPastItsTimeLimitFails() {
        GitRepo repo = GitRepo.init(tmp.resolve("ws"));
        repo.write("a.txt", "a\n");
        repo.commit("Add a");
        // A limit of zero milliseconds: the model alone cannot load in it, whatever the machine.
        JenkinsResult result = JenkinsAnalysis.builder(repo.dir()).settings(JenkinsSettings.DEFAULTS.withTimeout(Duration.ofNanos(1)))
                .build().run();
        assertFalse(result.analysed());
        assertTrue(result.error().contains("time limit"), result.error());
    }

    @Test
    void aConfiguredTritonEndpointClassifiesOverGrpc() throws Exception {
        GitRepo repo = GitRepo.init(tmp.resolve("ws"));
        repo.write("a.txt", "a\n");
        repo.commit("Add a");
        try (KServeServer server = KServeServer.builder().repository(Path.of("triton-model-repo")).listen("127.0.0.1", 0).start()) {
            JenkinsSettings settings = new JenkinsSettings("127.0.0.1:" + server.port(), "s3cret", Duration.ofMinutes(1), false, null, 5);
            JenkinsResult result = JenkinsAnalysis.builder(repo.dir()).settings(settings).environment(Map.of("BRANCH_NAME", "main")).build().run();
            assertTrue(result.analysed(), String.valueOf(result.error()));
            assertTrue(result.summary().text().contains("Model: triton"), result.summary().text());
            assertTrue(result.summary().warnings().isEmpty(), result.summary().warnings().toString());
            assertFalse(settings.toString().contains("s3cret"), settings.toString());
            assertFalse(result.toJson().contains("s3cret"));
        }
    }

    @Test
    void aDeadTritonFallsBackToTheModelInsideVcaiUnlessFailClosed() throws Exception {
        GitRepo repo = GitRepo.init(tmp.resolve("ws"));
        repo.write("a.txt", "a\n");
        repo.commit("Add a");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        JenkinsSettings open = new JenkinsSettings("127.0.0.1:" + port, null, Duration.ofMinutes(1), false, null, 5);
        JenkinsResult fellBack = JenkinsAnalysis.builder(repo.dir()).settings(open).build().run();
        assertTrue(fellBack.analysed(), String.valueOf(fellBack.error()));
        assertTrue(fellBack.summary().warnings().stream().anyMatch(w -> w.contains("in place of Triton")), fellBack.summary().warnings().toString());

        JenkinsResult closed = JenkinsAnalysis.builder(repo.dir()).settings(open.withFailClosed(true)).build().run();
        assertFalse(closed.analysed());
        assertTrue(closed.error().contains("127.0.0.1:" + port), closed.error());
    }
}
