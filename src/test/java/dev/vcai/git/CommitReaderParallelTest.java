package dev.vcai.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vcai.testing.GitRepo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Diffing on several threads gives exactly what one thread gives, in git log's order. */
class CommitReaderParallelTest {
    @TempDir
    Path tmp;

    @Test
    void threadsChangeNothingButTheSpeed() throws Exception {
        GitRepo repo = GitRepo.init(tmp.resolve("r"));
        for (int i = 0; i < 60; i++) {
            repo.write("src/file" + (i % 7) + ".txt", "line " + i + "\n".repeat(i % 5 + 1));
            if (i % 9 == 0) {
                repo.write("docs/note" + i + ".md", "note\n");
            }
            repo.commit("Change " + i);
        }
        try (Repository repository = GitRepositories.open(repo.dir(), Map.of())) {
            RangeRead one;
            try (CommitReader reader = new CommitReader(repository, DiffLimits.DEFAULT, 1)) {
                one = reader.read(LogQuery.of("HEAD"), CommitReader.ReadProgress.NONE);
            }
            AtomicInteger calls = new AtomicInteger();
            List<Integer> totals = new ArrayList<>();
            RangeRead four;
            try (CommitReader reader = new CommitReader(repository, DiffLimits.DEFAULT, 4)) {
                four = reader.read(LogQuery.of("HEAD"), (done, total) -> {
                    calls.incrementAndGet();
                    synchronized (totals) {
                        totals.add(total);
                    }
                });
            }
            assertEquals(one, four);
            assertEquals(60, four.commits().size());
            assertEquals(60, calls.get(), "progress is told once per commit");
            assertEquals(List.of(60), totals.stream().distinct().toList());
            Map<String, List<GitOracle.Numstat>> git = GitOracle.numstat(repo, "HEAD");
            assertEquals(new ArrayList<>(git.keySet()), four.commits().stream().map(CommitDiff::id).toList());
            for (CommitDiff commit : four.commits()) {
                assertEquals(git.get(commit.id()), commit.files().stream().map(GitOracle.Numstat::of).toList());
            }
        }
    }

    /**
     * One thread diffs first and walks the older history only where the range's paths lie; four walk it whole while
     * they diff: the older commits' paths come out the same, through a rename, a file that was a directory, and paths
     * under a directory the range names as a file.
     */
    @Test
    void theOlderHistoryListsTheSamePathsWhetherItIsWalkedFilteredOrWhole() throws Exception {
        GitRepo repo = GitRepo.init(tmp.resolve("h"));
        repo.write("lib/a/inner.txt", "a directory\n");
        repo.write("lib/moved.txt", "one\ntwo\nthree\nfour\n");
        repo.write("other/untouched.txt", "x\n");
        repo.commit("Root");
        for (int i = 0; i < 5; i++) {
            repo.write("lib/a/inner.txt", "a directory " + i + "\n");
            repo.write("lib/moved.txt", "one\ntwo\nthree\nfour\n" + i + "\n");
            repo.write("other/untouched.txt", "x" + i + "\n");
            repo.commit("Older " + i);
        }
        repo.git("rm", "-q", "lib/a/inner.txt"); // and its directory with it
        repo.write("lib/a", "now a file\n");
        repo.commit("A directory becomes a file");
        repo.delete("lib/moved.txt");
        repo.write("lib/renamed.txt", "one\ntwo\nthree\nfour\n4\n");
        repo.commit("Rename");
        String start = repo.head();
        for (int i = 0; i < 20; i++) {
            repo.write(i % 2 == 0 ? "lib/a" : "lib/renamed.txt", "one\ntwo\nthree\nfour\n4\n" + i + "\n");
            repo.commit("In the range " + i);
        }
        try (Repository repository = GitRepositories.open(repo.dir(), Map.of())) {
            LogQuery query = LogQuery.of(start + "~1..HEAD");
            RangeRead filtered;
            try (CommitReader reader = new CommitReader(repository, DiffLimits.DEFAULT, 1)) {
                filtered = reader.read(query, CommitReader.ReadProgress.NONE);
            }
            RangeRead whole;
            try (CommitReader reader = new CommitReader(repository, DiffLimits.DEFAULT, 4)) {
                whole = reader.read(query, CommitReader.ReadProgress.NONE);
            }
            assertEquals(21, whole.commits().size());
            assertEquals(whole.history(), filtered.history());
            Map<String, List<String>> olderPaths = whole.history().stream().limit(7)
                    .collect(Collectors.toMap(HistoryEntry::subject, HistoryEntry::paths));
            assertEquals(List.of("lib/moved.txt"), olderPaths.get("Older 3"), "the renamed file's past; lib/a/inner.txt is not lib/a");
            assertTrue(whole.history().stream().noneMatch(entry -> entry.paths().contains("other/untouched.txt")));
        }
    }
}
