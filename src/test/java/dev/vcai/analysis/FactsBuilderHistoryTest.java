package dev.vcai.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vcai.analysis.FactsBuilder.HistoryMetrics;
import dev.vcai.git.CommitReader;
import dev.vcai.git.DiffLimits;
import dev.vcai.git.GitError;
import dev.vcai.git.GitRepositories;
import dev.vcai.git.LogQuery;
import dev.vcai.git.RangeRead;
import dev.vcai.testing.GitRepo;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * History metrics (file age, prior changes, prior authors, author experience) on a scripted history with fixed
 * dates, replayed oldest first:
 *
 * <pre>
 * c1 day 0  alice  add a.txt, b.txt
 * c2 day 2  bob    modify a.txt
 * c3 day 5  alice  modify a.txt, b.txt; add c.txt
 * c4 day 6  carol  modify b.txt
 * c5 day 10 ALICE  modify a.txt, c.txt      (same author, e-mail in other case)
 * </pre>
 */
class FactsBuilderHistoryTest {
    private static final Instant DAY0 = Instant.parse("2024-03-01T09:00:00Z");

    @TempDir
    static Path tmp;

    static GitRepo repo;
    static String c1;
    static String c2;
    static String c3;
    static String c4;
    static String c5;

    @BeforeAll
    static void history() {
        repo = GitRepo.init(tmp.resolve("repo"));
        repo.as("Alice", "alice@example.com").on(day(0));
        repo.write("a.txt", "a1\n");
        repo.write("b.txt", "b1\n");
        c1 = repo.commit("c1");
        repo.as("Bob", "bob@example.com").on(day(2)).write("a.txt", "a1\na2\n");
        c2 = repo.commit("c2");
        repo.as("Alice", "alice@example.com").on(day(5));
        repo.write("a.txt", "a1\na2\na3\n");
        repo.write("b.txt", "b1\nb2\n");
        repo.write("c.txt", "c1\n");
        c3 = repo.commit("c3");
        repo.as("Carol", "carol@example.com").on(day(6)).write("b.txt", "b1\nb2\nb3\n");
        c4 = repo.commit("c4");
        repo.as("Alice", "ALICE@Example.com").on(day(10));
        repo.write("a.txt", "a1\na2\na3\na4\n");
        repo.write("c.txt", "c1\nc2\n");
        c5 = repo.commit("c5");
    }

    private static Instant day(int day) {
        return DAY0.plusSeconds(day * 86_400L);
    }

    private static List<CommitFacts> facts(LogQuery query, DiffLimits limits) throws GitError {
        try (Repository repository = GitRepositories.open(repo.dir(), Map.of());
             CommitReader reader = new CommitReader(repository, limits)) {
            RangeRead range = reader.read(query, CommitReader.ReadProgress.NONE);
            return FactsBuilder.build(range);
        }
    }

    private static HistoryMetrics history(CommitFacts facts) {
        ChangeMetrics m = facts.metrics();
        return new HistoryMetrics(m.meanFileAgeDays(), m.priorChanges(), m.priorAuthors(), m.authorCommits());
    }

    @Test
    void wholeHistory() throws GitError {
        List<CommitFacts> facts = facts(LogQuery.of(), DiffLimits.DEFAULT);

        assertEquals(List.of(c5, c4, c3, c2, c1), facts.stream().map(CommitFacts::id).toList());
        assertEquals(List.of(
                new HistoryMetrics(5.0, 4, 2, 2),
                new HistoryMetrics(1.0, 2, 1, 0),
                new HistoryMetrics(4.0, 3, 2, 1),
                new HistoryMetrics(2.0, 1, 1, 0),
                HistoryMetrics.NONE), facts.stream().map(FactsBuilderHistoryTest::history).toList());
    }

    /**
     * Commits made within one second (a script, a rebase) tie on time; a path filter starts the history walk from
     * other commits. Neither may put a commit's descendants among its "earlier" commits.
     */
    @Test
    void commitsOfTheSameSecondAreReplayedParentsFirstWithOrWithoutAPathFilter(@TempDir Path dir) throws GitError {
        GitRepo same = GitRepo.init(dir.resolve("same-second"));
        java.util.List<String> ids = new java.util.ArrayList<>();
        same.on(DAY0).write("a.txt", "1\n");
        ids.add(same.commit("first a"));
        for (int i = 1; i <= 4; i++) {
            same.on(DAY0).write("b" + i + ".txt", i + "\n");
            ids.add(same.commit("b " + i));
        }
        same.on(DAY0).write("a.txt", "1\n2\n");
        ids.add(same.commit("second a"));
        for (LogQuery query : List.of(LogQuery.of(), new LogQuery(List.of(), -1, null, null, null, List.of("a.txt")))) {
            Map<String, Integer> authorCommits = new java.util.HashMap<>();
            try (Repository repository = GitRepositories.open(same.dir(), Map.of());
                 CommitReader reader = new CommitReader(repository, DiffLimits.DEFAULT)) {
                FactsBuilder.build(reader.read(query, CommitReader.ReadProgress.NONE))
                        .forEach(f -> authorCommits.put(f.id(), f.metrics().authorCommits()));
            }
            assertEquals(HistoryMetrics.NONE.authorCommits(), authorCommits.get(ids.get(0)), "nothing before the root commit: " + query);
            assertEquals(5, authorCommits.get(ids.get(5)), "the five before it: " + query);
        }
    }

    @Test
    void aNarrowRangeStillSeesTheOlderHistory() throws GitError {
        List<CommitFacts> facts = facts(LogQuery.of(c4 + "..HEAD"), DiffLimits.DEFAULT);

        assertEquals(List.of(c5), facts.stream().map(CommitFacts::id).toList());
        assertEquals(new HistoryMetrics(5.0, 4, 2, 2), history(facts.get(0)));
        assertEquals(2, facts.get(0).metrics().files());
        assertEquals(2, facts.get(0).metrics().linesAdded());
    }

    /** With a lookback of n, only the n commits before the range count: c4 alone, then c3 and c4, then nothing. */
    @Test
    void theLookbackBoundsWhatIsKnown() throws GitError {
        assertEquals(new HistoryMetrics(0.0, 0, 0, 0),
                history(facts(LogQuery.of(c4 + "..HEAD"), DiffLimits.DEFAULT.withHistoryLookback(1)).get(0)));
        assertEquals(new HistoryMetrics(5.0, 2, 1, 1),
                history(facts(LogQuery.of(c4 + "..HEAD"), DiffLimits.DEFAULT.withHistoryLookback(2)).get(0)));
        assertEquals(HistoryMetrics.NONE,
                history(facts(LogQuery.of(c4 + "..HEAD"), DiffLimits.DEFAULT.withHistoryLookback(0)).get(0)));
    }
    /** The older commits are read for the range's paths only: nested ones, and non-ASCII names matched as decoded. */
    @Test
    void olderCommitsCountForTheRangesPathsWhereverTheyLive() throws GitError {
        GitRepo nested = GitRepo.init(tmp.resolve("nested"));
        nested.as("Alice", "alice@example.com").on(day(0)).write("src/main/App.java", "class App {}\n");
        nested.write("docs/caf\u00e9.md", "one\n");
        nested.write("other/Unrelated.java", "class Unrelated {}\n");
        nested.commit("start");
        nested.as("Bob", "bob@example.com").on(day(1)).write("other/Unrelated.java", "class Unrelated { int x; }\n");
        nested.commit("unrelated");
        nested.on(day(2)).write("docs/caf\u00e9.md", "one\ntwo\n");
        String docs = nested.commit("docs");
        nested.as("Carol", "carol@example.com").on(day(4)).write("src/main/App.java", "class App { int y; }\n");
        nested.commit("app");
        String base = nested.git("rev-parse", "HEAD").strip();
        nested.on(day(6)).write("src/main/App.java", "class App { int z; }\n");
        nested.write("docs/caf\u00e9.md", "one\ntwo\nthree\n");
        nested.commit("both");

        try (Repository repository = GitRepositories.open(nested.dir(), Map.of());
             CommitReader reader = new CommitReader(repository, DiffLimits.DEFAULT)) {
            List<CommitFacts> facts = FactsBuilder.build(reader.read(LogQuery.of(base + "..HEAD"), CommitReader.ReadProgress.NONE));
            // App.java: changed at days 0 and 4 (last 2 days ago); cafe.md: days 0 and 2 (last 4 days ago).
            assertEquals(new HistoryMetrics(3.0, 4, 3, 1), history(facts.get(0)));
            // The commit "app" alone touches only ASCII paths: App.java was changed at day 0, by Alice.
            List<CommitFacts> app = FactsBuilder.build(reader.read(LogQuery.of(docs + ".." + base), CommitReader.ReadProgress.NONE));
            assertEquals(new HistoryMetrics(4.0, 1, 1, 0), history(app.get(0)));
        }
    }
}
