package dev.vcai.triton;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vcai.analysis.ChangeType;
import dev.vcai.analysis.ChangedFile;
import dev.vcai.analysis.CommitFacts;
import dev.vcai.analysis.ConventionalCommit;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The LLM path over ModelStreamInfer against the scripted decoupled model: good answers, and every way one fails. */
class LlmClientTest {
    static KServeFixture server;
    static TritonClient client;
    static CommitFacts commit;

    @BeforeAll
    static void start() throws Exception {
        server = KServeFixture.loopback();
        client = server.client().build();
        commit = KServeFixture.commits("ratatui-org/ratatui", 50).stream()
                .filter(c -> c.declared() != null && !c.patchSample().isEmpty()).findFirst().orElseThrow();
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    static LlmClient llm() {
        return LlmClient.builder(client, KServeFixture.LLM).deadline(Duration.ofSeconds(5)).build();
    }

    static CommitFacts withSubject(String subject) {
        return new CommitFacts(commit.id(), subject, commit.body(), commit.authorName(), commit.authorEmail(), commit.authorTime(),
                commit.parentCount(), commit.files(), commit.patchSample(), commit.capped(), null, commit.metrics());
    }

    @Test
    void aWellFormedAnswerIsValidatedAndKept() {
        LlmClient llm = llm();
        LlmResult result = llm.review(commit, ChangeType.REFACTOR, 0.61);
        assertTrue(result.ok(), result.failure());
        assertEquals(ChangeType.REFACTOR, result.answer().changeType(), "the scripted model answers the hint it was given");
        assertEquals("Summary of: " + commit.subjectWithoutPrefix(), result.answer().summary(), "the prefix-less subject, joined from 3 deltas");
        assertEquals(List.of("touches " + commit.files().size() + " file(s)"), result.answer().riskNotes());
        assertEquals(0, llm.failures());
    }

    @Test
    void tensorRtLlmsInputsAreUsedWhenTheModelDeclaresThem() {
        // The server refuses inputs a model does not declare, so an answer proves the right tensors were sent.
        LlmResult result = LlmClient.builder(client, KServeFixture.TRTLLM).build().review(commit, ChangeType.TEST, 0.7);
        assertTrue(result.ok(), result.failure());
        assertEquals(ChangeType.TEST, result.answer().changeType());
    }

    @Test
    void everyBadAnswerIsACountedFailureWithItsReason() {
        LlmClient llm = LlmClient.builder(client, KServeFixture.LLM).deadline(Duration.ofMillis(300)).build();
        assertEquals("the LLM's answer is not valid JSON: Sure! Here is the JSON you asked for: {\"change_type\":\"bug_fi...",
                llm.review(withSubject("x [llm:malformed]"), ChangeType.BUG_FIX, 0.9).failure());
        assertTrue(llm.review(withSubject("x [llm:truncated]"), ChangeType.BUG_FIX, 0.9).failure().startsWith("the LLM's answer is not valid JSON"));
        assertEquals("the LLM named an unknown change type 'kitten'", llm.review(withSubject("x [llm:unknown-type]"), ChangeType.TEST, 0.9).failure());
        assertEquals("Triton at " + server.target() + " did not answer within " + client.deadline().toMillis() + " ms",
                llm.review(withSubject("x [llm:never-final]"), ChangeType.TEST, 0.9).failure());
        assertEquals("Triton model 'commit_llm' failed: vLLM engine stopped", llm.review(withSubject("x [llm:error]"), ChangeType.TEST, 0.9).failure(),
                "an error inside the stream (error_message)");
        assertEquals(5, llm.failures());
        assertTrue(llm.review(commit, ChangeType.TEST, 0.9).ok(), "a failure does not spoil the next commit");
        assertEquals(5, llm.failures());
    }

    /** The shipped LLM entries need Triton and a GPU: a CPU server has them but cannot load them, and is reachable all the same. */
    @Test
    void aModelTheServerCannotLoadIsNotAnUnreachableServer() throws Exception {
        try (dev.vcai.kserve.KServeServer cpu = dev.vcai.kserve.KServeServer.builder().repository(java.nio.file.Path.of("triton-model-repo"))
                .listen("127.0.0.1", 0).start(); TritonClient cpuClient = TritonClient.builder("127.0.0.1:" + cpu.port()).build()) {
            String failure = LlmClient.builder(cpuClient, "commit_llm").build().review(commit, ChangeType.TEST, 0.5).failure();
            assertTrue(failure.startsWith("Triton at 127.0.0.1:" + cpu.port() + " has no ready model of that name: "), failure);
        }
    }

    @Test
    void anUnknownModelIsAFailureNamingIt() {
        LlmResult result = LlmClient.builder(client, "no_such_llm").build().review(commit, ChangeType.TEST, 0.5);
        assertEquals("Triton at " + server.target() + " answered NOT_FOUND: Request for unknown model: 'no_such_llm' is not found", result.failure());
    }

    @Test
    void thePromptDropsTheDeclaredPrefixAndKeepsTheMostInformativeHunksWithinBudget() {
        String patch = "diff --git a/package-lock.json b/package-lock.json\n--- a/package-lock.json\n+++ b/package-lock.json\n"
                + "@@ -1,3 +1,3 @@\n" + "-  \"version\": \"1\"\n+  \"version\": \"2\"\n".repeat(40)
                + "diff --git a/src/cache.rs b/src/cache.rs\n--- a/src/cache.rs\n+++ b/src/cache.rs\n"
                + "@@ -10,2 +10,4 @@ fn get\n-    self.map.get(k)\n+    if self.map.is_empty() {\n+        return None;\n+    }\n+    self.map.get(k)\n"
                + "@@ -40,1 +42,1 @@ fn put\n-    // old comment\n+    // new comment\n";
        CommitFacts facts = new CommitFacts("a".repeat(40), "fix(cache): do not panic on an empty cache", "The map may be empty.", "A", "a@x",
                null, 1, List.of(ChangedFile.of("src/cache.rs", null, 'M', 4, 1, false, false, false, 0)), patch, false,
                ConventionalCommit.parse("fix(cache): do not panic on an empty cache").orElseThrow(), commit.metrics());
        String prompt = CommitPrompt.of(facts, ChangeType.BUG_FIX, 0.8, 300);
        assertTrue(prompt.contains("\nSubject: do not panic on an empty cache\n"), prompt);
        assertFalse(prompt.contains("fix(cache)"), "the declared prefix is not shown to the LLM");
        assertTrue(prompt.contains("change type is bug_fix (confidence 0.80)"));
        assertTrue(prompt.contains("+        return None;"), "the hunk with the most real changes is kept");
        assertTrue(prompt.contains("// new comment"), "a small hunk still fits");
        assertFalse(prompt.contains("\"version\""), "the lock file's hunk does not fit and counts for little");
        assertTrue(prompt.contains("Diff (2 of 3 hunks):"));
        assertTrue(prompt.length() <= 300 * CommitPrompt.CHARS_PER_TOKEN, "within the token budget: " + prompt.length());
    }
}
