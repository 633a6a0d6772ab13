package dev.vcai.triton;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vcai.analysis.CommitFacts;
import dev.vcai.model.ChangeTypeModel;
import dev.vcai.model.EmbeddedModel;
import dev.vcai.model.Prediction;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Opt-in: the same checks against a real Triton serving triton-model-repo/ (set VCAI_TRITON_URL=host:8001, and
 * VCAI_TRITON_TOKEN if it wants one). Skipped where there is none, as on the build machines.
 */
@EnabledIfEnvironmentVariable(named = "VCAI_TRITON_URL", matches = ".+")
class RealTritonTest {
    @Test
    void realTritonGivesTheEmbeddedAnswers() throws Exception {
        List<CommitFacts> commits = KServeFixture.commits("ratatui-org/ratatui", 200);
        TritonSettings settings = TritonSettings.of(null, System.getenv()).withFailClosed(true);
        List<Prediction> expected;
        try (EmbeddedModel embedded = EmbeddedModel.shipped()) {
            expected = embedded.classify(commits);
        }
        try (ChangeTypeModel triton = settings.open(EmbeddedModel.shipped())) {
            List<Prediction> actual = triton.classify(commits);
            for (int i = 0; i < commits.size(); i++) {
                assertEquals(expected.get(i).type(), actual.get(i).type(), "commit " + i);
                assertEquals(expected.get(i).confidence(), actual.get(i).confidence(), 1e-5, "commit " + i);
                assertEquals("triton", actual.get(i).model().backend());
            }
        }
    }

    @Test
    void theLlmAnswersValidJsonWhenOneIsServed() throws Exception {
        String llm = Map.copyOf(System.getenv()).getOrDefault("VCAI_TRITON_LLM", "");
        org.junit.jupiter.api.Assumptions.assumeFalse(llm.isEmpty(), "set VCAI_TRITON_LLM=commit_llm to test the LLM too");
        CommitFacts commit = KServeFixture.commits("ratatui-org/ratatui", 1).get(0);
        try (TritonClient client = TritonSettings.of(null, System.getenv()).client()) {
            LlmResult result = LlmClient.builder(client, llm).build().review(commit, dev.vcai.analysis.ChangeType.FEATURE, 0.5);
            assertEquals(null, result.failure());
        }
    }
}
