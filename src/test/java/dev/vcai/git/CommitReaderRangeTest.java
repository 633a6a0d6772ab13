package dev.vcai.git;

import static dev.vcai.git.GitOracle.ids;
import static dev.vcai.git.GitOracle.read;
import static dev.vcai.git.GitOracle.revList;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vcai.testing.GitRepo;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which commits a {@link LogQuery} selects, and in which order: the same as {@code git rev-list} with the same
 * arguments, on a history with a side branch, a merge and three authors.
 */
class CommitReaderRangeTest {
    @TempDir
    static Path tmp;

    static GitRepo repo;
    static String c1;
    static String c2;
    static String c3;
    static String s1;
    static String s2;
    static String c4;
    static String merge;
    static String c5;
    static String s3;

    @BeforeAll
    static void history() {
        repo = GitRepo.init(tmp.resolve("repo"));
        repo.as("Alice", "alice@example.com").write("a.txt", "a1\n");
        c1 = repo.commit("c1");
        repo.as("Bob", "bob@example.org").write("b.txt", "b1\n");
        c2 = repo.commit("c2");
        repo.as("Alice", "alice@example.com").write("a.txt", "a1\na2\n");
        c3 = repo.commit("c3");
        repo.git("checkout", "-q", "-b", "side", c2);
        repo.as("Carol", "carol@example.net").write("docs/x.md", "x\n");
        s1 = repo.commit("s1");
        repo.as("Bob", "bob@example.org").write("b.txt", "b1\nb2\n");
        s2 = repo.commit("s2");
        repo.git("checkout", "-q", "main");
        repo.as("Alice", "alice@example.com").write("c.txt", "c1\n");
        c4 = repo.commit("c4");
        merge = repo.gitCommit("merge", "-q", "--no-ff", "-m", "merge side", "side");
        repo.as("Bob", "bob@example.org").write("a.txt", "a1\na2\na3\n");
        c5 = repo.commit("c5");
        repo.git("checkout", "-q", "side");
        repo.as("Carol", "carol@example.net").write("docs/x.md", "x\ny\n");
        s3 = repo.commit("s3");
        repo.git("checkout", "-q", "main");
    }

    private static LogQuery query(List<String> revisions, int maxCount, Instant since, String author, List<String> paths) {
        return new LogQuery(revisions, maxCount, since, null, author, paths);
    }

    @Test
    void noRevisionMeansHeadNewestFirst() throws GitError {
        List<String> expected = revList(repo, "HEAD");
        assertEquals(List.of(c5, merge, c4, s2, s1, c3, c2, c1), expected, "the scripted history itself");
        assertEquals(expected, ids(read(repo, LogQuery.of())));
    }

    @Test
    void singleRevision() throws GitError {
        assertEquals(revList(repo, "side"), ids(read(repo, LogQuery.of("side"))));
        assertEquals(List.of(c3, c2, c1), ids(read(repo, LogQuery.of(c3))));
    }

    @Test
    void tagsAndAncestrySyntax() throws GitError {
        repo.git("tag", "light", c2);
        repo.run(repo.dateEnv(), null, "tag", "-a", "-m", "release", "v1", c3).requireSuccess();
        String tree = repo.git("rev-parse", c3 + "^{tree}");
        repo.git("tag", "treetag", tree);
        try {
            assertEquals(List.of(c3, c2, c1), ids(read(repo, LogQuery.of("v1"))));
            assertEquals(revList(repo, "v1..HEAD"), ids(read(repo, LogQuery.of("v1..HEAD"))));
            assertEquals(revList(repo, "light..v1"), ids(read(repo, LogQuery.of("light..v1"))));
            assertEquals(revList(repo, "HEAD~1^2"), ids(read(repo, LogQuery.of("HEAD~1^2"))));
            assertEquals(revList(repo, "HEAD~1^2..HEAD~1"), ids(read(repo, LogQuery.of("HEAD~1^2..HEAD~1"))));
            assertEquals(List.of(c4, c3), ids(read(repo, LogQuery.of("HEAD~1^2..HEAD~1^1"))));
            GitError error = assertThrows(GitError.class, () -> read(repo, LogQuery.of("treetag")));
            assertEquals(GitError.Kind.UNKNOWN_REVISION, error.kind());
        } finally {
            repo.git("tag", "-d", "light", "v1", "treetag");
        }
    }

    /** The range a developer analyses before pushing: what the branch has that its upstream has not. */
    @Test
    void upstreamShorthandAsGitTakesIt() throws GitError {
        repo.git("config", "remote.origin.url", "https://example.com/repo.git");
        repo.git("config", "remote.origin.fetch", "+refs/heads/*:refs/remotes/origin/*");
        repo.git("update-ref", "refs/remotes/origin/main", c2);
        repo.git("branch", "--set-upstream-to=origin/main");
        try {
            List<String> expected = revList(repo, "@{u}..HEAD");
            assertEquals(expected, ids(read(repo, LogQuery.of("@{u}..HEAD"))));
            assertEquals(expected, ids(read(repo, LogQuery.of("@{U}..HEAD"))));
            assertEquals(expected, ids(read(repo, LogQuery.of("@{upstream}..HEAD"))));
            assertEquals(revList(repo, "main@{u}"), ids(read(repo, LogQuery.of("main@{u}"))));
            assertEquals(expected, ids(read(repo, LogQuery.of("HEAD@{u}..HEAD"))));
            repo.git("checkout", "-q", "--detach");
            GitError detached = CommitReaderErrorsTest.assertGitError(GitError.Kind.UNKNOWN_REVISION, () -> read(repo, LogQuery.of("@{u}..HEAD")));
            assertTrue(detached.getMessage().contains("HEAD is not on a branch"), detached.getMessage());
            repo.git("checkout", "-q", "main");
        } finally {
            repo.git("branch", "--unset-upstream");
            repo.git("update-ref", "-d", "refs/remotes/origin/main");
            repo.git("remote", "remove", "origin");
        }
        GitError error = CommitReaderErrorsTest.assertGitError(GitError.Kind.UNKNOWN_REVISION, () -> read(repo, LogQuery.of("@{u}..HEAD")));
        assertTrue(error.getMessage().contains("branch 'main' has no upstream"), error.getMessage());
    }

    @Test
    void twoDotRange() throws GitError {
        assertEquals(revList(repo, c2 + "..HEAD"), ids(read(repo, LogQuery.of(c2 + "..HEAD"))));
        assertEquals(List.of(c5, merge, c4, s2, s1, c3), ids(read(repo, LogQuery.of(c2 + "..HEAD"))));
        assertEquals(revList(repo, "main..side"), ids(read(repo, LogQuery.of("main..side"))));
        assertEquals(List.of(s3), ids(read(repo, LogQuery.of("main..side"))));
    }

    @Test
    void twoDotRangeWithAnOmittedEndMeansHead() throws GitError {
        assertEquals(revList(repo, c4 + "..HEAD"), ids(read(repo, LogQuery.of(c4 + ".."))));
        assertEquals(revList(repo, "HEAD..side"), ids(read(repo, LogQuery.of("..side"))));
    }

    @Test
    void caretExcludes() throws GitError {
        assertEquals(revList(repo, "^" + c2, "HEAD"), ids(read(repo, LogQuery.of("^" + c2, "HEAD"))));
        assertEquals(revList(repo, "side", "^" + c3), ids(read(repo, LogQuery.of("side", "^" + c3))));
        assertEquals(List.of(s3, s2, s1), ids(read(repo, LogQuery.of("side", "^" + c3))));
    }

    @Test
    void threeDotRangeIsTheSymmetricDifference() throws GitError {
        assertEquals(revList(repo, "main...side"), ids(read(repo, LogQuery.of("main...side"))));
        assertEquals(List.of(s3, c5, merge, c4, c3), ids(read(repo, LogQuery.of("main...side"))));
        assertEquals(revList(repo, c3 + "..." + s2), ids(read(repo, LogQuery.of(c3 + "..." + s2))));
        assertEquals(revList(repo, "HEAD...side"), ids(read(repo, LogQuery.of("...side"))));
    }

    @Test
    void maxCount() throws GitError {
        assertEquals(revList(repo, "-n", "3", "HEAD"), ids(read(repo, LogQuery.of().withMaxCount(3))));
        assertEquals(List.of(c5, merge, c4), ids(read(repo, LogQuery.of().withMaxCount(3))));
        assertEquals(revList(repo, "-n", "2", c2 + "..side"), ids(read(repo, LogQuery.of(c2 + "..side").withMaxCount(2))));
    }

    @Test
    void sinceKeepsCommitsAtOrAfterTheCommitterDate() throws GitError {
        // c4 is the fifth commit made: one hour per commit from the epoch.
        Instant c4Time = GitRepo.EPOCH.plusSeconds(5 * 3600);
        List<String> expected = revList(repo, "--since=@" + c4Time.getEpochSecond(), "HEAD");
        assertEquals(List.of(c5, merge, c4), expected);
        assertEquals(expected, ids(read(repo, query(List.of(), -1, c4Time, null, List.of()))));
        assertEquals(List.of(c5, merge), ids(read(repo, query(List.of(), -1, c4Time.plusSeconds(1), null, List.of()))));
        Instant after2038 = Instant.parse("2099-01-01T00:00:00Z");
        assertEquals(List.of(), revList(repo, "--since=@" + after2038.getEpochSecond(), "HEAD"));
        GitError none = assertThrows(GitError.class, () -> read(repo, query(List.of(), -1, after2038, null, List.of())));
        assertEquals(GitError.Kind.EMPTY_RANGE, none.kind(), "a date past 2038 selects nothing, as in git, never everything");
    }

    @Test
    void untilKeepsCommitsAtOrBeforeTheCommitterDateAsGitDoes() throws GitError {
        Instant c4Time = GitRepo.EPOCH.plusSeconds(5 * 3600);
        for (Instant until : List.of(c4Time, c4Time.minusSeconds(1), c4Time.plusSeconds(1))) {
            List<String> expected = revList(repo, "--until=@" + until.getEpochSecond(), "HEAD");
            assertEquals(expected, ids(read(repo, new LogQuery(List.of(), -1, null, until, null, List.of()))), "until " + until);
        }
        Instant c2Time = GitRepo.EPOCH.plusSeconds(3 * 3600);
        assertEquals(revList(repo, "--since=@" + c2Time.getEpochSecond(), "--until=@" + c4Time.getEpochSecond(), "HEAD"),
                ids(read(repo, new LogQuery(List.of(), -1, c2Time, c4Time, null, List.of()))));
        Instant after2038 = Instant.parse("2099-01-01T00:00:00Z");
        assertEquals(revList(repo, "HEAD"), ids(read(repo, new LogQuery(List.of(), -1, null, after2038, null, List.of()))),
                "every commit is before a date past 2038");
    }

    @Test
    void authorIsARegexOverNameAndEmail() throws GitError {
        for (String author : List.of("Bob", "bob@example\\.org", "^Carol", "^Car", "net>$", "example\\.(net|org)>", "ali",
                "C.rol")) {
            List<String> expected = revList(repo, "-E", "--author=" + author, "main", "side");
            assertTrue(!expected.isEmpty(), author);
            assertEquals(expected, ids(read(repo, query(List.of("main", "side"), -1, null, author, List.of()))), author);
        }
        assertEquals(List.of(c5, s2, c2), ids(read(repo, query(List.of(), -1, null, "Bob", List.of()))));
        assertEquals(List.of(s3, s1), ids(read(repo, query(List.of("side"), -1, null, "^Carol <", List.of()))));
    }

    @Test
    void authorIsCaseSensitiveLikeGit() {
        assertEquals(List.of(), revList(repo, "--author=CAROL", "main", "side"));
        GitError error = assertThrows(GitError.class,
                () -> read(repo, query(List.of("main", "side"), -1, null, "CAROL", List.of())));
        assertEquals(GitError.Kind.EMPTY_RANGE, error.kind());
    }

    @Test
    void pathsSelectTheCommitsThatTouchThem() throws GitError {
        assertEquals(revList(repo, "HEAD", "--", "a.txt"), ids(read(repo, query(List.of(), -1, null, null, List.of("a.txt")))));
        assertEquals(List.of(c5, c3, c1), ids(read(repo, query(List.of(), -1, null, null, List.of("a.txt")))));
        assertEquals(revList(repo, "HEAD", "--", "docs"), ids(read(repo, query(List.of(), -1, null, null, List.of("docs")))));
        assertEquals(revList(repo, "--all", "--", "b.txt", "docs/x.md"),
                ids(read(repo, query(List.of("main", "side"), -1, null, null, List.of("b.txt", "docs/x.md")))));
    }

    @Test
    void pathSpellingsGitAccepts() throws GitError {
        assertEquals(revList(repo, "side", "--", "docs/"), ids(read(repo, query(List.of("side"), -1, null, null, List.of("docs/")))));
        assertEquals(revList(repo, "side", "--", "./docs"), ids(read(repo, query(List.of("side"), -1, null, null, List.of("./docs")))));
        assertEquals(revList(repo, "HEAD", "--", "."), ids(read(repo, query(List.of(), -1, null, null, List.of(".")))));
        assertEquals(revList(repo, "HEAD", "--", "./"), ids(read(repo, query(List.of(), -1, null, null, List.of("./")))));
    }

    @Test
    void wholeTreePathspecLeavesOutEmptyCommits(@TempDir Path dir) throws GitError {
        GitRepo withEmpty = GitRepo.init(dir);
        withEmpty.write("a.txt", "a\n");
        String first = withEmpty.commit("first");
        withEmpty.gitCommit("commit", "-q", "--allow-empty", "-m", "empty");
        withEmpty.write("a.txt", "b\n");
        String third = withEmpty.commit("third");

        assertEquals(List.of(third, first), revList(withEmpty, "HEAD", "--", "."));
        assertEquals(List.of(third, first), ids(read(withEmpty, query(List.of(), -1, null, null, List.of(".")))));
        assertEquals(3, ids(read(withEmpty, LogQuery.of())).size());
    }

    @Test
    void pathsThroughAMergeChangedOnBothSides(@TempDir Path dir) throws GitError {
        GitRepo both = GitRepo.init(dir);
        both.write("shared.txt", "1\n2\n3\n4\n5\n");
        both.write("other.txt", "o\n");
        both.commit("base");
        both.git("checkout", "-q", "-b", "topic");
        both.write("shared.txt", "1 topic\n2\n3\n4\n5\n");
        both.commit("topic edits shared");
        both.write("other.txt", "o topic\n");
        both.commit("topic edits other");
        both.git("checkout", "-q", "main");
        both.write("shared.txt", "1\n2\n3\n4\n5 main\n");
        both.commit("main edits shared");
        both.gitCommit("merge", "-q", "--no-ff", "-m", "merge topic", "topic");
        both.write("other.txt", "o main\n");
        both.commit("main edits other");

        for (String path : List.of("shared.txt", "other.txt")) {
            assertEquals(revList(both, "HEAD", "--", path), ids(read(both, query(List.of(), -1, null, null, List.of(path)))), path);
        }
    }

    @Test
    void filtersCombine() throws GitError {
        assertEquals(revList(repo, "-n", "1", "--author=Bob", "HEAD", "--", "b.txt"),
                ids(read(repo, query(List.of(), 1, null, "Bob", List.of("b.txt")))));
        assertEquals(List.of(s2), ids(read(repo, query(List.of(), 1, null, "Bob", List.of("b.txt")))));
    }

    @Test
    void historyIsTheRangePlusOlderCommitsOldestFirst() throws GitError {
        List<String> all = new ArrayList<>(revList(repo, "HEAD"));
        Collections.reverse(all);

        RangeRead whole = read(repo, LogQuery.of(c4 + "..HEAD"));
        assertEquals(all, whole.history().stream().map(HistoryEntry::id).toList());

        // The range is c5, merge, s2, s1; c4 lies between them; c3 and c2 are the two older commits looked back on.
        RangeRead bounded = read(repo, LogQuery.of(c4 + "..HEAD"), DiffLimits.DEFAULT.withHistoryLookback(2));
        assertEquals(List.of(c2, c3, s1, s2, c4, merge, c5), bounded.history().stream().map(HistoryEntry::id).toList());
        RangeRead none = read(repo, LogQuery.of(c4 + "..HEAD"), DiffLimits.DEFAULT.withHistoryLookback(0));
        assertEquals(List.of(s1, s2, c4, merge, c5), none.history().stream().map(HistoryEntry::id).toList());

        HistoryEntry mergeEntry = whole.history().stream().filter(h -> h.id().equals(merge)).findFirst().orElseThrow();
        assertEquals(List.of("b.txt", "docs/x.md"), mergeEntry.paths());
        assertEquals("alice@example.com", mergeEntry.authorEmail());
        HistoryEntry root = whole.history().get(0);
        assertEquals(c1, root.id());
        assertEquals(List.of("a.txt"), root.paths());
        assertEquals(GitRepo.EPOCH, root.time());
    }

    @Test
    void olderCommitsListOnlyThePathsTheRangeTouchesARenamesOldNameIncluded(@TempDir Path dir) throws GitError {
        GitRepo renamed = GitRepo.init(dir);
        renamed.write("old/name.txt", "one\ntwo\nthree\nfour\n");
        renamed.write("src/kept.txt", "k\n");
        renamed.write("src/other.txt", "o\n");
        renamed.write("elsewhere/z.txt", "z\n");
        String root = renamed.commit("root");
        renamed.write("old/name.txt", "one\ntwo\nthree\nfour\nfive\n");
        renamed.write("src/other.txt", "o2\n");
        renamed.write("elsewhere/z.txt", "z2\n");
        String older = renamed.commit("older");
        renamed.delete("old/name.txt");
        renamed.write("new/name.txt", "one\ntwo\nthree\nfour\nfive\n");
        renamed.write("src/kept.txt", "k2\n");
        String range = renamed.commit("range");

        RangeRead read = read(renamed, LogQuery.of(older + "..HEAD"));
        assertEquals(List.of(root, older, range), read.history().stream().map(HistoryEntry::id).toList());
        assertEquals(List.of("new/name.txt", "old/name.txt", "src/kept.txt"),
                read.history().get(2).paths().stream().sorted().toList());
        assertEquals(List.of("old/name.txt"), read.history().get(1).paths());
        assertEquals(List.of("old/name.txt", "src/kept.txt"), read.history().get(0).paths());
    }

    @Test
    void progressIsToldEachCommit() throws GitError {
        List<String> calls = new ArrayList<>();
        try (var repository = GitRepositories.open(repo.dir(), Map.of());
             CommitReader reader = new CommitReader(repository, DiffLimits.DEFAULT)) {
            reader.read(LogQuery.of(c4 + "..HEAD"), (done, total) -> calls.add(done + "/" + total));
        }
        assertEquals(List.of("1/4", "2/4", "3/4", "4/4"), calls);
    }

    @Test
    void commitsWithEqualDatesAreOrderedLikeGit(@TempDir Path dir) throws GitError {
        GitRepo same = GitRepo.init(dir);
        Instant now = Instant.parse("2024-06-01T12:00:00Z");
        same.on(now).write("a.txt", "1\n");
        same.commit("one");
        same.git("checkout", "-q", "-b", "topic");
        for (int i = 0; i < 3; i++) {
            same.on(now).write("t" + i + ".txt", "t\n");
            same.commit("topic " + i);
        }
        same.git("checkout", "-q", "main");
        for (int i = 0; i < 3; i++) {
            same.on(now).write("m" + i + ".txt", "m\n");
            same.commit("main " + i);
        }
        same.on(now);
        same.gitCommit("merge", "-q", "--no-ff", "-m", "merge", "topic");

        List<String> expected = revList(same, "HEAD");
        assertEquals(8, expected.size());
        assertTrue(same.git("log", "--format=%ct").lines().allMatch(t -> t.equals(String.valueOf(now.getEpochSecond()))));
        assertEquals(expected, ids(read(same, LogQuery.of())));
    }
}
