package dev.vcai.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vcai.analysis.ChangeType;
import dev.vcai.analysis.ChangedFile;
import dev.vcai.analysis.CommitFacts;
import dev.vcai.analysis.FactsBuilder;
import dev.vcai.impact.BlastRadius;
import dev.vcai.model.Prediction;
import dev.vcai.risk.Risk;
import dev.vcai.risk.RiskScorer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The blast radius as named metrics of the gates: a wide untested radius, a critical module. */
class CommitPolicyBlastRadiusTest {
    private static final Prediction FEATURE = new Prediction(ChangeType.FEATURE, 0.9, ChangeType.REFACTOR, 0.05, List.of(), Map.of(),
            new Prediction.ModelIdentity("0".repeat(64), "embedded"));

    @TempDir
    Path dir;

    private static CommitFacts commit(String... paths) {
        return FactsBuilder.of("a".repeat(40), "subject", "", "A", "a@example.com", Instant.EPOCH, 1,
                java.util.Arrays.stream(paths).map(p -> ChangedFile.of(p, null, 'M', 3, 1, false, false, false, 0)).toList(), "", false,
                new FactsBuilder.HistoryMetrics(100, 2, 1, 300));
    }

    private static BlastRadius radius(int score, String module) {
        return new BlastRadius(true, score, List.of("x/Y.java"), List.of(module, "x"), false, 1, List.of(module), List.of(), List.of(), 10);
    }

    private static Decision.GateResult gate(Decision decision, String name) {
        return decision.results().stream().filter(r -> r.gate().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void theMetricsMeasuredAreTheOnesAGateMayName() {
        CommitFacts commit = commit("core/src/A.java");
        Risk risk = RiskScorer.score(commit, FEATURE, BlastRadius.NOT_COMPUTED);
        assertEquals(CommitPolicy.METRICS, List.copyOf(new CommitPolicy(Policy.defaults()).metrics(commit, FEATURE, risk, BlastRadius.NOT_COMPUTED).keySet()));
    }

    @Test
    void aWideRadiusWithNoTestChangedIsConditionalAndWithATestItPasses() {
        CommitPolicy policy = new CommitPolicy(Policy.defaults());
        CommitFacts untested = commit("core/src/A.java");
        BlastRadius wide = radius(55, "core");
        Risk risk = RiskScorer.score(untested, FEATURE, wide);
        assertEquals(55.0, policy.metrics(untested, FEATURE, risk, wide).get("blast_radius.untested_score"));
        Decision decision = policy.decide(untested, FEATURE, risk, wide, "refs/heads/topic");
        assertEquals(Decision.GateResult.Outcome.FAILED, gate(decision, "wide-blast-radius-untested").outcome());
        assertEquals(Verdict.CONDITIONAL, gate(decision, "wide-blast-radius-untested").effect());

        CommitFacts tested = commit("core/src/A.java", "core/src/test/ATest.java");
        Decision withTest = policy.decide(tested, FEATURE, RiskScorer.score(tested, FEATURE, wide), wide, "refs/heads/topic");
        assertEquals(Decision.GateResult.Outcome.PASSED, gate(withTest, "wide-blast-radius-untested").outcome());

        Decision unknown = policy.decide(untested, FEATURE, risk, BlastRadius.NOT_COMPUTED, "refs/heads/topic");
        assertEquals(Decision.GateResult.Outcome.SKIPPED, gate(unknown, "wide-blast-radius-untested").outcome());
    }

    @Test
    void aCriticalModuleIsRejectedOnProtectedBranchesOnly() throws Exception {
        CommitPolicy policy = new CommitPolicy(Policy.load(Files.writeString(dir.resolve("p.yaml"), "critical_modules: [\":pay*\"]\n")));
        CommitFacts commit = commit("payments/src/A.kt", "payments/src/test/ATest.kt");
        BlastRadius small = radius(5, ":payments");
        Risk risk = RiskScorer.score(commit, FEATURE, small);
        assertEquals(Verdict.REJECTED, policy.decide(commit, FEATURE, risk, small, "refs/heads/main").verdict());
        assertEquals(Verdict.APPROVED, policy.decide(commit, FEATURE, risk, small, "refs/heads/topic").verdict());
        assertEquals(Verdict.APPROVED, policy.decide(commit, FEATURE, risk, radius(5, ":web"), "refs/heads/main").verdict());
    }
}
