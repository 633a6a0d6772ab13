package dev.vcai.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vcai.analysis.ChangeType;
import dev.vcai.analysis.CommitFacts;
import dev.vcai.git.DiffLimits;
import dev.vcai.git.GitRepositories;
import dev.vcai.git.LogQuery;
import dev.vcai.impact.BlastRadius;
import dev.vcai.model.ChangeTypeModel;
import dev.vcai.model.EmbeddedModel;
import dev.vcai.model.ModelException;
import dev.vcai.model.Prediction;
import dev.vcai.policy.CommitPolicy;
import dev.vcai.policy.Policy;
import dev.vcai.risk.Risk;
import dev.vcai.risk.RiskScorer;
import dev.vcai.testing.GitRepo;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A long range is classified and judged in two halves at once; the answers keep the range's order and errors still surface. */
class AnalyzerClassifyTest {
    @TempDir
    static Path tmp;
    static List<CommitFacts> facts;

    @BeforeAll
    static void aLongRange() throws Exception {
        GitRepo repo = GitRepo.init(tmp.resolve("repo"));
        String[] kinds = {"docs/guide-%d.md", "src/main/java/App%d.java", "src/test/java/AppTest%d.java", "pom.xml"};
        for (int i = 0; i < 80; i++) {
            String path = String.format(kinds[i % kinds.length], i);
            repo.write(path, "line " + i + "\n".repeat(1 + i % 5));
            repo.commit((i % 2 == 0 ? "Describe " : "Fix ") + "part " + i);
        }
        try (Repository repository = GitRepositories.open(repo.dir(), Map.of())) {
            facts = Analyzer.read(repository, LogQuery.of(), DiffLimits.DEFAULT, null, Analyzer.Progress.NONE).facts();
        }
    }

    @Test
    void predictionsKeepTheRangesOrder() throws Exception {
        try (EmbeddedModel model = EmbeddedModel.shipped()) {
            List<Prediction> oneCall = model.classify(facts);
            List<CommitAnalysis> analysed = Analyzer.builder(model).build().analyze(facts, "refs/heads/main", Analyzer.Progress.NONE);

            assertEquals(facts.stream().map(CommitFacts::id).toList(), analysed.stream().map(c -> c.facts().id()).toList());
            assertEquals(oneCall, analysed.stream().map(CommitAnalysis::prediction).toList());
        }
    }

    @Test
    void eachCommitOfBothHalvesIsJudgedOnItsOwnFacts() throws Exception {
        try (EmbeddedModel model = EmbeddedModel.shipped()) {
            List<CommitAnalysis> analysed = Analyzer.builder(model).build().analyze(facts, "refs/heads/main", Analyzer.Progress.NONE);
            CommitPolicy policy = new CommitPolicy(Policy.defaults());
            for (CommitAnalysis commit : analysed) {
                Risk risk = RiskScorer.score(commit.facts(), commit.prediction(), BlastRadius.NOT_COMPUTED);
                assertEquals(risk, commit.risk(), commit.facts().subject());
                assertEquals(policy.decide(commit.facts(), commit.prediction(), risk, BlastRadius.NOT_COMPUTED, "refs/heads/main"),
                        commit.decision(), commit.facts().subject());
            }
            // Docs-only commits and code without tests are judged differently: a mix-up between halves would show.
            assertEquals(2, analysed.stream().map(c -> c.decision().verdict()).distinct().count());
        }
    }

    @Test
    void aModelFailureInEitherHalfIsTheAnalysisFailure() {
        String last = facts.get(facts.size() - 1).id();
        ChangeTypeModel failing = new ChangeTypeModel() {
            @Override
            public List<Prediction> classify(List<CommitFacts> commits) throws ModelException {
                if (commits.stream().anyMatch(c -> c.id().equals(last))) {
                    throw new ModelException("the model server went away");
                }
                return List.of();
            }

            @Override
            public Prediction.ModelIdentity identity() {
                return new Prediction.ModelIdentity("none", "test");
            }

            @Override
            public Map<ChangeType, Double> labelShares() {
                return Map.of();
            }

            @Override
            public void close() {
            }
        };
        ModelException e = assertThrows(ModelException.class,
                () -> Analyzer.builder(failing).build().analyze(facts, "refs/heads/main", Analyzer.Progress.NONE));
        assertEquals("the model server went away", e.getMessage());
    }
}
