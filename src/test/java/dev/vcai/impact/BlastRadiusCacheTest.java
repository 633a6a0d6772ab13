package dev.vcai.impact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vcai.git.GitRepositories;
import dev.vcai.testing.GitRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The graph is built once per range and moved commit by commit; parsed facts are cached by the range's start tree. */
class BlastRadiusCacheTest {
    @TempDir
    Path tmp;

    private List<String> range(GitRepo repo) {
        for (int i = 0; i < 5; i++) {
            repo.write("m" + i + ".py", i == 0 ? "x = 0\n" : "import m" + (i - 1) + "\n");
        }
        repo.write("README.md", "not source\n");
        repo.commit("base");
        String a = commit(repo, "m0.py", "x = 1\n");
        String b = commit(repo, "m2.py", "import m1\ny = 2\n");
        String c = commit(repo, "m4.py", "import m0\nz = 4\n");
        return List.of(c, b, a); // newest first, as git log gives them
    }

    private static String commit(GitRepo repo, String path, String content) {
        repo.write(path, content);
        return repo.commit("change " + path);
    }

    private static BlastRadiusAnalyzer.Result measure(GitRepo repo, boolean cache, List<String> commits) throws Exception {
        try (Repository repository = GitRepositories.open(repo.dir(), Map.of())) {
            return BlastRadiusAnalyzer.builder().cache(cache).build().measure(repository, commits);
        }
    }

    @Test
    void onlyTheChangedFilesAreParsedAlongTheRange() throws Exception {
        GitRepo repo = GitRepo.init(tmp.resolve("r"));
        List<String> commits = range(repo);
        BlastRadiusAnalyzer.Result result = measure(repo, false, commits);
        assertEquals(5 + 3, result.filesParsed(), "the five source files at the start, then one file per commit");
        assertEquals(List.of("m1.py", "m2.py", "m3.py", "m4.py"), result.byCommit().get(commits.get(2)).dependentFiles());
        assertEquals(List.of("m3.py", "m4.py"), result.byCommit().get(commits.get(1)).dependentFiles());
        assertEquals(List.of(), result.byCommit().get(commits.get(0)).dependentFiles(), "m4 imports m0 now, nothing imports m4");
    }

    @Test
    void aPartialCloneWithoutTheGraphsFilesSaysSo() throws Exception {
        GitRepo repo = GitRepo.init(tmp.resolve("r"));
        List<String> commits = range(repo);
        repo.git("config", "uploadpack.allowFilter", "true");
        GitRepo partial = GitRepo.at(tmp.resolve("partial"));
        repo.git("clone", "-q", "--no-checkout", "--filter=blob:none", "file://" + repo.dir(), partial.dir().toString());
        partial.git("log", "-p", "-1", "--format="); // the newest commit's files only: the graph's tree lacks the others
        java.io.IOException error = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                () -> measure(partial, false, commits.subList(0, 1)));
        assertTrue(error.getMessage().contains("this partial clone's remote 'origin' left out files the dependency graph reads"), error.getMessage());
    }

    @Test
    void aSecondRunParsesNothingAndACorruptCacheIsRebuilt() throws Exception {
        GitRepo repo = GitRepo.init(tmp.resolve("r"));
        List<String> commits = range(repo);
        BlastRadiusAnalyzer.Result first = measure(repo, true, commits);
        assertEquals(8, first.filesParsed());
        assertEquals(3, first.measured());
        BlastRadiusAnalyzer.Result second = measure(repo, true, commits);
        assertEquals(0, second.filesParsed());
        assertEquals(0, second.measured(), "the same range again: every radius is in the cache");
        assertEquals(first.byCommit(), second.byCommit());
        BlastRadiusAnalyzer.Result shorter = measure(repo, true, commits.subList(0, 1));
        assertEquals(0, shorter.measured(), "a shorter range starts at another tree, but its commit was measured in the longer range");
        assertEquals(first.byCommit().get(commits.get(0)), shorter.byCommit().get(commits.get(0)));

        Path dir = repo.dir().resolve(".git/vcai/impact");
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                assertTrue(name.endsWith(".facts.gz") || name.endsWith(".radii.gz"), "no temporary file is left: " + file);
                Files.write(file, new byte[] {31, -117, 8, 0, 1, 2, 3});
            }
        }
        BlastRadiusAnalyzer.Result third = measure(repo, true, commits);
        assertEquals(8, third.filesParsed(), "a corrupt cache is ignored and written again");
        assertEquals(3, third.measured());
        assertEquals(first.byCommit(), third.byCommit());
        assertEquals(0, measure(repo, true, commits).filesParsed());
    }

    @Test
    void theSameHistoryAFewCommitsOnMeasuresOnlyTheNewCommits() throws Exception {
        GitRepo repo = GitRepo.init(tmp.resolve("r"));
        List<String> commits = range(repo);
        assertEquals(3, measure(repo, true, commits).measured());
        String d = commit(repo, "m1.py", "import m0\nw = 1\n");
        String e = commit(repo, "m3.py", "x = 3\n");
        List<String> later = List.of(e, d, commits.get(0), commits.get(1)); // the range of -n 4 two commits on

        BlastRadiusAnalyzer.Result result = measure(repo, true, later);
        assertEquals(2, result.measured(), "the two older commits' radii are the first range's");
        assertEquals(2, result.filesParsed(), "the graph is built at the first new commit's parent, from known facts, and moved through the new ones");
        assertEquals(measure(repo, false, later).byCommit(), result.byCommit(), "the same radii as measured from scratch");
        assertEquals(List.of("m2.py", "m3.py"), result.byCommit().get(d).dependentFiles());
        assertEquals(List.of(), result.byCommit().get(e).dependentFiles(), "m4, which imported m3, imports m0 since the first range");
    }

    @Test
    void aWriterThatNeverFinishedLeavesNoTemporaryFileBehindForLong() throws Exception {
        GitRepo repo = GitRepo.init(tmp.resolve("r"));
        List<String> commits = range(repo);
        Path dir = repo.dir().resolve(".git/vcai/impact");
        Files.createDirectories(dir);
        Path abandoned = Files.writeString(dir.resolve("abc.facts.gz123.tmp"), "half a file");
        Files.setLastModifiedTime(abandoned, FileTime.fromMillis(System.currentTimeMillis() - 2 * 3_600_000));
        Path recent = Files.writeString(dir.resolve("def.radii.gz456.tmp"), "a writer at work");
        measure(repo, true, commits);
        assertFalse(Files.exists(abandoned), "a temporary file two hours old is an abandoned write");
        assertTrue(Files.exists(recent), "a fresh one may be another process's write in progress");
    }

    @Test
    void radiiMeasuredWithOtherIgnoredPathsAreNotServed() throws Exception {
        GitRepo repo = GitRepo.init(tmp.resolve("r"));
        repo.write("a.py", "x = 0\n");
        repo.write("gen/b.py", "import a\n");
        repo.write("c.py", "import b\n");
        repo.commit("base");
        List<String> commits = List.of(commit(repo, "a.py", "x = 1\n"));
        assertEquals(List.of("gen/b.py", "c.py"), measure(repo, true, commits).byCommit().get(commits.get(0)).dependentFiles());
        try (Repository repository = GitRepositories.open(repo.dir(), Map.of())) {
            BlastRadiusAnalyzer ignoringGen = BlastRadiusAnalyzer.builder().ignore(List.of("gen")).build();
            BlastRadiusAnalyzer.Result result = ignoringGen.measure(repository, commits);
            assertEquals(1, result.measured());
            assertEquals(List.of(), result.byCommit().get(commits.get(0)).dependentFiles(), "c.py is reached only through gen/b.py");
            assertEquals(0, ignoringGen.measure(repository, commits).measured());
        }
        assertEquals(1, measure(repo, true, commits).measured(), "the cache holds the radii of the last ignored paths");
    }
}
