package dev.vcai.git;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vcai.testing.GitRepo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
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
}
