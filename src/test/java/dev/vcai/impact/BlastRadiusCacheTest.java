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
                assertTrue(name.endsWith(".facts.gz") || name.endsWith(".radii.gz") || name.endsWith(".graph.gz"), "no temporary file is left: " + file);
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
        assertTrue(result.restored(), "the graph starts at the first new commit's parent, the first range's tip, where it was left");
        assertEquals(2, result.filesParsed(), "only the new commits' files are parsed");
        assertEquals(measure(repo, false, later).byCommit(), result.byCommit(), "the same radii as measured from scratch");
        assertEquals(List.of("m2.py", "m3.py"), result.byCommit().get(d).dependentFiles());
        assertEquals(List.of(), result.byCommit().get(e).dependentFiles(), "m4, which imported m3, imports m0 since the first range");
    }

    @Test
    void aGraphLeftByOneRangeServesTheNextOneOfEveryLanguageAsIfBuilt() throws Exception {
        GitRepo repo = GitRepo.init(tmp.resolve("r"));
        repo.write("settings.gradle", "include 'core', 'app'\n");
        repo.write("core/build.gradle", "plugins { id 'java' }\n");
        repo.write("app/build.gradle", "dependencies { implementation project(':core') }\n");
        repo.write("core/src/main/java/a/Money.java", "package a;\npublic class Money {}\n");
        repo.write("app/src/main/java/b/Shop.java", "package b;\nimport a.Money;\nclass Shop { Money m; }\n");
        repo.write("app/src/test/java/b/ShopTest.java", "package b;\nclass ShopTest { Shop s; }\n");
        repo.write("web/package.json", "{\"name\": \"web\"}\n");
        repo.write("web/src/a.ts", "export const a = 1;\n");
        repo.write("web/src/b.ts", "import { a } from './a';\n");
        repo.write("py/m.py", "x = 1\n");
        repo.write("py/n.py", "from . import m\n");
        repo.commit("base");
        List<String> first = List.of(commit(repo, "core/src/main/java/a/Money.java", "package a;\npublic class Money { int cents; }\n"));
        assertFalse(measure(repo, true, first).restored(), "nothing to restore yet");
        List<String> next = List.of(
                commit(repo, "py/m.py", "x = 2\n"),
                commit(repo, "web/src/a.ts", "export const a = 2;\n"),
                commit(repo, "app/build.gradle", "dependencies { implementation project(':core') }\n// tuned\n"),
                commit(repo, "core/src/main/java/a/Money.java", "package a;\npublic class Money { long cents; }\n"));

        BlastRadiusAnalyzer.Result restored = measure(repo, true, next);
        assertTrue(restored.restored(), "the next range starts where the first one left the graph");
        assertEquals(3, restored.filesParsed(), "the tree is not read again: only the changed source files are parsed");
        BlastRadiusAnalyzer.Result built = measure(repo, false, next);
        assertFalse(built.restored());
        assertEquals(built.byCommit(), restored.byCommit(), "the same radii as from a graph built from the tree");
        assertEquals(List.of("app/src/main/java/b/Shop.java", "app/src/test/java/b/ShopTest.java"),
                restored.byCommit().get(next.get(3)).dependentFiles());
        assertTrue(restored.byCommit().get(next.get(3)).testsCover());
        assertEquals(List.of("web/src/b.ts"), restored.byCommit().get(next.get(1)).dependentFiles());
        assertEquals(List.of("py/n.py"), restored.byCommit().get(next.get(0)).dependentFiles());

        Path dir = repo.dir().resolve(".git/vcai/impact");
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".graph.gz")).toList()) {
                Files.write(file, new byte[] {31, -117, 8, 0, 1, 2, 3});
            }
        }
        Files.list(dir).filter(f -> f.getFileName().toString().endsWith(".radii.gz")).forEach(f -> f.toFile().delete());
        BlastRadiusAnalyzer.Result afterCorruption = measure(repo, true, next);
        assertFalse(afterCorruption.restored(), "a corrupt graph is built again");
        assertEquals(built.byCommit(), afterCorruption.byCommit());
    }

    @Test
    void aMergedInMaintenanceLineStillStartsAtTheGraphTheLastRangeLeft() throws Exception {
        GitRepo repo = GitRepo.init(tmp.resolve("r"));
        repo.write("a.py", "x = 0\n");
        repo.write("b.py", "import a\n");
        repo.write("c.py", "import b\n");
        String base = repo.commit("base");
        repo.git("branch", "maint");
        List<String> first = List.of(commit(repo, "c.py", "import b\ny = 1\n"));
        measure(repo, true, first); // leaves the graph at main's tip
        repo.git("checkout", "-q", "maint");
        String fix = commit(repo, "a.py", "x = 1\n");
        repo.git("checkout", "-q", "-");
        String merge = repo.gitCommit("merge", "-q", "--no-ff", "-m", "merge maint", "maint");
        List<String> next = List.of(merge, fix); // the fix comes first in the order the graph moves in; its parent is base

        BlastRadiusAnalyzer.Result result = measure(repo, true, next);
        assertTrue(result.restored(), "the merge's first parent is the last range's tip: the order starts there");
        assertEquals(measure(repo, false, next).byCommit(), result.byCommit(), "the same radii in any order");
        assertEquals(List.of("b.py", "c.py"), result.byCommit().get(fix).dependentFiles());
        assertEquals(List.of("b.py", "c.py"), result.byCommit().get(merge).dependentFiles(), "the merge brings the fix to main");
        assertEquals(base, repo.git("rev-parse", fix + "^"));

        List<String> after = List.of(commit(repo, "b.py", "import a\nz = 1\n"));
        assertTrue(measure(repo, true, after).restored(), "the graph was kept at the range's tip, the merge, though the fix was measured last");
    }

    @Test
    void oneBlobUnderTwoLanguagesStillRestores() throws Exception {
        GitRepo repo = GitRepo.init(tmp.resolve("r"));
        repo.write("pkg/__init__.py", ""); // the empty blob, also the content of empty.ts
        repo.write("pkg/m.py", "from . import n\n");
        repo.write("pkg/n.py", "x = 1\n");
        repo.write("web/empty.ts", "");
        repo.write("web/a.ts", "import './empty';\n");
        repo.commit("base");
        measure(repo, true, List.of(commit(repo, "pkg/n.py", "x = 2\n")));
        List<String> next = List.of(commit(repo, "web/a.ts", "import './empty';\nexport const a = 1;\n"),
                commit(repo, "pkg/n.py", "x = 3\n"));
        BlastRadiusAnalyzer.Result result = measure(repo, true, next);
        assertTrue(result.restored());
        assertEquals(measure(repo, false, next).byCommit(), result.byCommit());
        assertEquals(List.of("pkg/m.py"), result.byCommit().get(next.get(1)).dependentFiles());
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
