package dev.vcai.git;

import static dev.vcai.git.GitOracle.numstatOf;
import static dev.vcai.git.GitOracle.read;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vcai.git.GitOracle.Numstat;
import dev.vcai.testing.GitRepo;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link DiffLimits}: a commit too big to diff whole is returned capped, never thrown, and the next one is exact. */
class CommitReaderLimitsTest {
    @TempDir
    Path tmp;

    GitRepo repo;

    @BeforeEach
    void init() {
        repo = GitRepo.init(tmp.resolve("repo"));
    }

    private static String lines(String prefix, int count) {
        return GitOracle.lines(prefix, count);
    }

    @Test
    void patchOverTheByteBudgetIsCappedNotThrown() throws GitError {
        repo.write("a.txt", "a\n");
        repo.write("b.txt", "b\n");
        repo.write("c.txt", "c\n");
        repo.commit("base");
        repo.write("a.txt", "a\nsmall change\n");
        // Each file is below the 400-byte budget (so none counts as too large to diff), but the patch of the
        // second one takes the commit's patch past the budget part way through its five added lines.
        repo.write("b.txt", "b\n" + lines("an added line of about fifty bytes, give or take", 5));
        repo.write("c.txt", "c\nnever diffed\n");
        String big = repo.commit("big");
        repo.write("a.txt", "a\nsmall change\nafter\n");
        String after = repo.commit("after the big one");

        DiffLimits limits = new DiffLimits(400, 100, 4000, 10);
        RangeRead range = read(repo, LogQuery.of(), limits);

        CommitDiff next = range.commits().get(0);
        CommitDiff capped = range.commits().get(1);
        assertEquals(after, next.id());
        assertEquals(big, capped.id());
        FileDiff a = capped.files().get(0);
        FileDiff b = capped.files().get(1);
        FileDiff c = capped.files().get(2);
        assertAll(
                () -> assertTrue(capped.capped()),
                () -> assertEquals(List.of("a.txt", "b.txt", "c.txt"), capped.files().stream().map(FileDiff::path).toList()),
                () -> assertEquals(List.of('M', 'M', 'M'), capped.files().stream().map(FileDiff::status).toList()),
                () -> assertEquals(new Numstat("a.txt", null, 1, 0), Numstat.of(a)),
                () -> assertFalse(a.capped()),
                () -> assertTrue(b.capped()),
                () -> assertFalse(b.binary()),
                () -> assertTrue(b.added() >= 0 && b.added() < 5, "b.txt was not counted whole: " + b.added()),
                () -> assertTrue(c.capped()),
                () -> assertEquals(-1, c.added()),
                () -> assertEquals(-1, c.deleted()),
                () -> assertTrue(capped.patchSample().length() <= 4000),
                () -> assertFalse(next.capped()),
                () -> assertEquals(numstatOf(repo, after), numstatOf(next)));
    }

    /** A file past the model's sample, counted without its patch text, spends the budget line by line all the same. */
    @Test
    void budgetSpentPastTheSampleCountsTheFileInPart() throws GitError {
        repo.write("a.txt", "a\n");
        repo.write("b.txt", "b\n");
        repo.write("c.txt", "c\n");
        repo.commit("base");
        repo.write("a.txt", "a\nfills the 20 characters of the sample\n");
        // b.txt is below the 1,000-byte budget (so not too large to diff), but its lines take the commit past it.
        repo.write("b.txt", "b\n" + lines("an added line of about fifty bytes, give or take", 18));
        repo.write("c.txt", "c\nnever diffed\n");
        repo.commit("big");

        CommitDiff capped = read(repo, LogQuery.of(), new DiffLimits(1000, 100, 20, 10)).commits().get(0);

        FileDiff b = capped.files().get(1);
        FileDiff c = capped.files().get(2);
        assertAll(
                () -> assertEquals(20, capped.patchSample().length()),
                () -> assertTrue(capped.capped()),
                () -> assertFalse(capped.files().get(0).capped()),
                () -> assertTrue(b.capped()),
                () -> assertFalse(b.binary()),
                () -> assertTrue(b.added() > 0 && b.added() < 18, "b.txt was counted in part: " + b.added()),
                () -> assertTrue(c.capped()),
                () -> assertEquals(-1, c.added()));
    }

    @Test
    void fileLargerThanTheBudgetIsCappedAndNotCalledBinaryUnlessItIs() throws GitError {
        repo.write("small.txt", "x\n");
        repo.commit("base");
        repo.write("huge.txt", lines("text line", 100));
        repo.commit("huge text file");
        byte[] bytes = new byte[2000];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i % 7 == 0 ? 0 : 'x');
        }
        repo.write("huge.bin", bytes);
        repo.commit("huge binary file");

        DiffLimits limits = new DiffLimits(300, 100, 4000, 10);
        List<CommitDiff> commits = read(repo, LogQuery.of().withMaxCount(2), limits).commits();
        FileDiff bin = commits.get(0).files().get(0);
        FileDiff text = commits.get(1).files().get(0);

        assertAll(
                () -> assertTrue(commits.get(0).capped()),
                () -> assertEquals("huge.bin", bin.path()),
                () -> assertTrue(bin.binary()),
                () -> assertTrue(bin.capped()),
                () -> assertEquals(-1, bin.added()),
                () -> assertTrue(commits.get(1).capped()),
                () -> assertEquals("huge.txt", text.path()),
                () -> assertTrue(text.capped()),
                () -> assertFalse(text.binary(), "a text file too large to diff is not binary (git counts its lines)"),
                () -> assertEquals(-1, text.added()),
                () -> assertEquals(-1, text.deleted()));
    }

    @Test
    void filesBeyondMaxFilesAreListedButNotCounted() throws GitError {
        for (int i = 1; i <= 4; i++) {
            repo.write("f" + i + ".txt", lines("f" + i, i));
        }
        String id = repo.commit("four files");

        CommitDiff commit = read(repo, LogQuery.of(), new DiffLimits(1 << 20, 2, 4000, 10)).commits().get(0);

        assertEquals(id, commit.id());
        assertTrue(commit.capped());
        assertEquals(List.of(new Numstat("f1.txt", null, 1, 0), new Numstat("f2.txt", null, 2, 0),
                new Numstat("f3.txt", null, -1, -1), new Numstat("f4.txt", null, -1, -1)), numstatOf(commit));
        assertEquals(List.of(false, false, true, true), commit.files().stream().map(FileDiff::capped).toList());
        assertEquals(List.of('A', 'A', 'A', 'A'), commit.files().stream().map(FileDiff::status).toList());
        assertFalse(commit.patchSample().contains("f3.txt"), commit.patchSample());
    }

    @Test
    void defaultLimitsDoNotCapAnOrdinaryCommit() throws GitError {
        repo.write("f.txt", lines("f", 1000));
        repo.commit("a thousand lines");

        CommitDiff commit = read(repo, LogQuery.of()).commits().get(0);

        assertFalse(commit.capped());
        assertEquals(List.of(new Numstat("f.txt", null, 1000, 0)), numstatOf(commit));
        assertEquals(4000, commit.patchSample().length());
    }
}
