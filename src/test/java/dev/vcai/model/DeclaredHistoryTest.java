package dev.vcai.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.vcai.analysis.ChangeType;
import dev.vcai.analysis.CommitFacts;
import dev.vcai.analysis.FactsBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeclaredHistoryTest {
    private static final Prediction.ModelIdentity MODEL = new Prediction.ModelIdentity("0".repeat(64), "embedded");

    private static CommitFacts commit(String subject, long time) {
        return commit(subject, Instant.ofEpochSecond(time));
    }

    private static CommitFacts commit(String subject, Instant time) {
        return FactsBuilder.of("c".repeat(40), subject, "", "A", "a@example.com", time, 1, List.of(), "", false,
                FactsBuilder.HistoryMetrics.NONE);
    }

    private static Prediction predicted(ChangeType type) {
        return new Prediction(type, 0.8, ChangeType.CHORE, 0.1, List.of(new Driver("s:update", 1.5)), Map.of(), MODEL);
    }

    private static List<ChangeType> types(List<Prediction> predictions) {
        return predictions.stream().map(Prediction::type).toList();
    }

    @Test
    void botSubjectsShareATemplateWithoutVersionsOrPackageNames() {
        assertEquals(DeclaredHistory.template("update dependency eslint to v8.5.0"), DeclaredHistory.template("Update dependency @types/node to v20.1.2"));
        assertEquals(DeclaredHistory.template("bump lodash from 4.17.20 to 4.17.21"), DeclaredHistory.template("bump serde from 1.0.1 to 1.0.2"));
        assertNotEquals(DeclaredHistory.template("fix crash when the cache is empty"), DeclaredHistory.template("fix crash when the list is empty"));
    }

    @Test
    void aCommitGetsWhatTheTeamDeclaredBeforeItNeverItsOwnPrefix() {
        // Newest first, as git log lists them; the history goes by author time.
        List<CommitFacts> commits = List.of(
                commit("chore: update dependency vite to v5.2.0", 300),
                commit("chore: update dependency eslint to v9.0.1", 200),
                commit("chore: update dependency @types/node to v20.1.2", 100));
        List<Prediction> byModel = List.of(predicted(ChangeType.BUILD), predicted(ChangeType.BUILD), predicted(ChangeType.BUILD));
        List<Prediction> applied = new DeclaredHistory(Map.of(), List.of()).apply(commits, byModel);
        // The oldest has no earlier commit: the model's answer stands, although it declares chore itself.
        assertSame(byModel.get(2), applied.get(2));
        assertEquals(List.of(ChangeType.CHORE, ChangeType.CHORE, ChangeType.BUILD), types(applied));
        Prediction recalled = applied.get(1);
        assertEquals(ChangeType.BUILD, recalled.runnerUp(), "the model's type becomes the runner-up");
        assertEquals(0.8, recalled.runnerUpConfidence());
        assertEquals(1.0, recalled.confidence());
        assertEquals("team:update * * to #", recalled.drivers().get(0).feature());
        assertEquals("the team declared earlier commits \"update * * to #\" so", recalled.drivers().get(0).describe());
    }

    @Test
    void theLatestDeclarationWinsAndTheConfidenceIsItsShare() {
        DeclaredHistory history = new DeclaredHistory(Map.of(), List.of());
        history.add("build(deps): bump serde from 1.0.1 to 1.0.2");
        history.add("build: bump serde from 1.0.2 to 1.0.3");
        history.add("chore: bump tokio from 1.0.0 to 1.1.0");
        Prediction applied = history.apply(List.of(commit("bump rand from 0.8.1 to 0.8.2", 10)), List.of(predicted(ChangeType.BUILD))).get(0);
        assertEquals(ChangeType.CHORE, applied.type());
        assertEquals(1.0 / 3, applied.confidence(), 1e-9);
    }

    @Test
    void subjectsWithoutAMappedTypeAndOtherTemplatesChangeNothing() {
        DeclaredHistory history = new DeclaredHistory(Map.of(), List.of());
        history.add("wip: update dependency vite to v5");
        history.add("Merge pull request #12 from acme/update-vite");
        history.add("update dependency vite to v5");
        history.add("docs: fix typo in the README");
        List<Prediction> byModel = new ArrayList<>(List.of(predicted(ChangeType.BUILD), predicted(ChangeType.BUG_FIX)));
        List<Prediction> applied = history.apply(List.of(commit("update dependency react to v19", 20), commit("fix crash on empty input", 10)), byModel);
        assertSame(byModel.get(0), applied.get(0));
        assertSame(byModel.get(1), applied.get(1));
    }

    @Test
    void agreeingWithTheModelKeepsItsPrediction() {
        DeclaredHistory history = new DeclaredHistory(Map.of(), List.of());
        history.add("build: update dependency vite to v5.0.0");
        Prediction model = predicted(ChangeType.BUILD);
        assertSame(model, history.apply(List.of(commit("update dependency vite to v5.1.0", 10)), List.of(model)).get(0));
    }

    @Test
    void commitsWithoutATimeGoInReverseListOrder() {
        List<CommitFacts> commits = List.of(commit("update dependency vite to v6", (Instant) null),
                commit("chore: update dependency vite to v5", (Instant) null));
        List<Prediction> applied = new DeclaredHistory(Map.of(), List.of()).apply(commits, List.of(predicted(ChangeType.BUILD), predicted(ChangeType.BUILD)));
        assertEquals(List.of(ChangeType.CHORE, ChangeType.BUILD), types(applied));
    }

    private static final Map<ChangeType, Double> EVEN_SHARES = evenShares();

    private static Map<ChangeType, Double> evenShares() {
        Map<ChangeType, Double> shares = new EnumMap<>(ChangeType.class);
        for (ChangeType type : ChangeType.values()) {
            shares.put(type, 1.0 / ChangeType.values().length);
        }
        return shares;
    }

    private static Prediction hesitant(double bugFix, double chore) {
        return hesitant(ChangeType.BUG_FIX, bugFix, ChangeType.CHORE, chore);
    }

    /** The model's answer between two types, the rest of the probability spread evenly over the other seven. */
    private static Prediction hesitant(ChangeType first, double p1, ChangeType second, double p2) {
        Map<ChangeType, Double> probabilities = new EnumMap<>(ChangeType.class);
        double rest = (1 - p1 - p2) / 7;
        for (ChangeType type : ChangeType.values()) {
            probabilities.put(type, type == first ? p1 : type == second ? p2 : rest);
        }
        return new Prediction(first, p1, second, p2, List.of(new Driver("s:handle", 0.4)), probabilities, MODEL);
    }

    /** A team that files nearly everything under chore, each commit of another template, none with a word of "handle the empty input". */
    private static DeclaredHistory choreTeam(Map<ChangeType, Double> trainingShares) {
        DeclaredHistory history = new DeclaredHistory(trainingShares, List.of());
        for (String thing : List.of("parser", "lexer", "reader", "writer", "cache", "index", "graph", "layout", "report", "hooks")) {
            history.add("chore: tidy " + thing);
        }
        return history;
    }

    @Test
    void theTeamsSharesTipAHesitantModelTowardsWhatTheTeamDeclares() {
        Prediction applied = choreTeam(EVEN_SHARES).apply(List.of(commit("handle the empty input", 10)), List.of(hesitant(0.45, 0.40))).get(0);
        assertEquals(ChangeType.CHORE, applied.type());
        assertEquals(ChangeType.BUG_FIX, applied.runnerUp(), "the model's type becomes the runner-up");
        assertEquals("100% of the team's recent declared commits are chore", applied.drivers().get(0).describe());
        // Weights: sqrt(((10 + 20/9) / 30) / (1/9)) for chore, sqrt(((0 + 20/9) / 30) / (1/9)) for the rest, then normalised.
        assertEquals(0.6099, applied.confidence(), 1e-4);
        assertEquals(0.2926, applied.runnerUpConfidence(), 1e-4);
    }

    @Test
    void aConfidentModelAnOlderModelFileOrASilentTeamKeepTheModelsAnswer() {
        Prediction confident = hesitant(0.90, 0.05);
        assertSame(confident, choreTeam(EVEN_SHARES).apply(List.of(commit("handle the empty input", 10)), List.of(confident)).get(0));
        Prediction hesitant = hesitant(0.45, 0.40);
        assertSame(hesitant, choreTeam(Map.of()).apply(List.of(commit("handle the empty input", 10)), List.of(hesitant)).get(0),
                "a model file without training shares");
        assertSame(hesitant, new DeclaredHistory(EVEN_SHARES, List.of()).apply(List.of(commit("handle the empty input", 10)), List.of(hesitant)).get(0),
                "a team that declared nothing");
    }

    @Test
    void aTemplateTheTeamDeclaredIsNotWeighedAway() {
        DeclaredHistory history = choreTeam(EVEN_SHARES);
        history.add("fix: handle the empty input");
        Prediction hesitant = hesitant(0.45, 0.40);
        assertSame(hesitant, history.apply(List.of(commit("handle the empty input", 10)), List.of(hesitant)).get(0),
                "the team declared this template a fix, as the model says: the team's chore habit does not override it");
    }

    @Test
    void theWordsTheTeamDeclaredATypeWithTipAHesitantModel() {
        DeclaredHistory history = new DeclaredHistory(EVEN_SHARES, List.of());
        for (String thing : List.of("upload", "retry", "login", "cache")) {
            history.add("test: " + thing + " is flaky");
            history.add("fix: " + thing + " crashes on start");
        }
        // As many tests as fixes: the shares favour neither, only "flaky" does.
        Prediction flaky = history.apply(List.of(commit("mark the download flaky", 10)),
                List.of(hesitant(ChangeType.BUG_FIX, 0.40, ChangeType.TEST, 0.38))).get(0);
        assertEquals(ChangeType.TEST, flaky.type());
        assertEquals(ChangeType.BUG_FIX, flaky.runnerUp());
        assertEquals(List.of("the team's earlier commits saying \"flaky\" were more often test"),
                flaky.drivers().stream().map(Driver::describe).toList());
        // "flaky": 4 of 8 commits, 4 of 4 tests, 0 of 4 fixes; rates smoothed by 10 commits of (4 + 0.5) / (8 + 1):
        // test  0.38 * ((4 + 5) / 14 / 0.5)^0.2, fix 0.40 * ((0 + 5) / 14 / 0.5)^0.2, each times the same share weight.
        double test = 0.38 * Math.pow(9.0 / 14 / 0.5, 0.2);
        double fix = 0.40 * Math.pow(5.0 / 14 / 0.5, 0.2);
        assertEquals(test / fix, flaky.confidence() / flaky.runnerUpConfidence(), 1e-9);

        Prediction withoutTheWord = hesitant(ChangeType.BUG_FIX, 0.40, ChangeType.TEST, 0.38);
        assertSame(withoutTheWord, history.apply(List.of(commit("mark the download slow", 10)), List.of(withoutTheWord)).get(0));
    }
}
