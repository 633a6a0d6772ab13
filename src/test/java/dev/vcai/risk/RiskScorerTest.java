package dev.vcai.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vcai.analysis.ChangeType;
import dev.vcai.analysis.ChangedFile;
import dev.vcai.analysis.CommitFacts;
import dev.vcai.analysis.FactsBuilder;
import dev.vcai.impact.BlastRadius;
import dev.vcai.model.Prediction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RiskScorerTest {
    private static final Prediction FEATURE = new Prediction(ChangeType.FEATURE, 0.9, ChangeType.REFACTOR, 0.05, List.of(), Map.of(),
            new Prediction.ModelIdentity("0".repeat(64), "embedded"));

    static CommitFacts commit(List<ChangedFile> files, FactsBuilder.HistoryMetrics history) {
        return FactsBuilder.of("a".repeat(40), "subject", "", "A", "a@example.com", Instant.EPOCH, 1, files, "", false, history);
    }

    static ChangedFile file(String path, int added, int deleted) {
        return ChangedFile.of(path, null, 'M', added, deleted, false, false, false, 0);
    }

    @Test
    void aSmallTestedChangeByAnExperiencedAuthorIsLow() {
        Risk risk = RiskScorer.score(commit(List.of(file("src/a.go", 3, 1), file("src/a_test.go", 5, 0)),
                new FactsBuilder.HistoryMetrics(100, 2, 1, 300)), FEATURE, BlastRadius.NOT_COMPUTED);
        assertEquals(RiskLevel.LOW, risk.level());
    }

    @Test
    void aHugeScatteredUntestedChangeToHotFilesByANewcomerIsCritical() {
        List<ChangedFile> files = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            files.add(file("module" + (i % 8) + "/src/File" + i + ".java", 80, 40));
        }
        Risk risk = RiskScorer.score(commit(files, new FactsBuilder.HistoryMetrics(3, 400, 25, 1)), FEATURE, BlastRadius.NOT_COMPUTED);
        assertEquals(RiskLevel.CRITICAL, risk.level(), risk.toString());
        assertEquals("size", risk.factors().get(0).name(), "factors are sorted, largest first");
        assertTrue(risk.factors().stream().anyMatch(f -> f.name().equals("untested")));
        assertTrue(risk.factors().stream().anyMatch(f -> f.name().equals("new_author")));
    }

    @Test
    void aCappedCommitCountsAsTheLargestWhateverItsPartialCounts() {
        List<ChangedFile> files = List.of(file("src/a.py", 3, 1));
        CommitFacts whole = FactsBuilder.of("a".repeat(40), "subject", "", "A", "a@example.com", Instant.EPOCH, 1, files, "", false,
                FactsBuilder.HistoryMetrics.NONE);
        CommitFacts capped = FactsBuilder.of("a".repeat(40), "subject", "", "A", "a@example.com", Instant.EPOCH, 1, files, "", true,
                FactsBuilder.HistoryMetrics.NONE);
        Risk.Factor size = RiskScorer.score(capped, FEATURE, BlastRadius.NOT_COMPUTED).factors().stream()
                .filter(f -> f.name().equals("size")).findFirst().orElseThrow();
        assertEquals(25, size.points());
        assertEquals("too large to read whole: at least 3 lines added, 1 deleted", size.evidence());
        assertTrue(RiskScorer.score(whole, FEATURE, BlastRadius.NOT_COMPUTED).score() + 15 < RiskScorer.score(capped, FEATURE, BlastRadius.NOT_COMPUTED).score());
    }

    @Test
    void docsOnlyChangesAreDiscountedAndTheBlastRadiusAddsWhenKnown() {
        List<ChangedFile> docs = List.of(file("docs/a.md", 900, 400), file("docs/b.md", 900, 400));
        Risk discounted = RiskScorer.score(commit(docs, FactsBuilder.HistoryMetrics.NONE), FEATURE, BlastRadius.NOT_COMPUTED);
        assertTrue(discounted.score() < 25, discounted.toString());

        CommitFacts code = commit(List.of(file("src/a.py", 40, 10)), FactsBuilder.HistoryMetrics.NONE);
        int without = RiskScorer.score(code, FEATURE, BlastRadius.NOT_COMPUTED).score();
        int with = RiskScorer.score(code, FEATURE, new BlastRadius(true, 100, List.of("x"), List.of(), false, 1, List.of(), List.of(), List.of(), 1)).score();
        assertEquals(without + 20, with);
    }
}
