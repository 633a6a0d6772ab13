package dev.vcai.git;

import static dev.vcai.git.GitOracle.numstatOf;
import static dev.vcai.git.GitOracle.readOne;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vcai.git.GitOracle.Numstat;
import dev.vcai.testing.GitRepo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How one commit is diffed: against which parent, with which statuses and counts; git's numstat is the oracle. */
class CommitReaderDiffTest {
    /** An AWS access key id, split so that vcai's own hook does not take this file for a committed credential. */
    private static final String AWS_KEY = "AKIA" + "IOSFODNN7EXAMPLE";

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

    private static List<Numstat> sorted(List<Numstat> files) {
        return files.stream().sorted(Comparator.comparing(Numstat::path)).toList();
    }

    private static FileDiff file(CommitDiff commit, String path) {
        return commit.files().stream().filter(f -> f.path().equals(path)).findFirst()
                .orElseThrow(() -> new AssertionError(path + " not among " + commit.files()));
    }

    private void assertSameNumstatAsGit(CommitDiff commit) {
        assertEquals(sorted(numstatOf(repo, commit.id())), sorted(numstatOf(commit)), "numstat of " + commit.id());
    }

    @Test
    void rootCommitIsDiffedAgainstTheEmptyTree() throws GitError {
        repo.write("a.txt", lines("a", 3));
        repo.write("dir/b.txt", lines("b", 2));
        String id = repo.as("Root Author", "root@example.com").commit("feat: first\n\nThe body.\nSecond line.");

        CommitDiff commit = readOne(repo, "HEAD");

        assertAll(
                () -> assertEquals(id, commit.id()),
                () -> assertEquals(0, commit.parentCount()),
                () -> assertEquals("feat: first", commit.subject()),
                () -> assertEquals("The body.\nSecond line.", commit.body()),
                () -> assertEquals("Root Author", commit.authorName()),
                () -> assertEquals("root@example.com", commit.authorEmail()),
                () -> assertEquals(GitRepo.EPOCH, commit.authorTime()),
                () -> assertEquals(GitRepo.EPOCH, commit.commitTime()),
                () -> assertFalse(commit.capped()),
                () -> assertEquals(List.of(new Numstat("a.txt", null, 3, 0), new Numstat("dir/b.txt", null, 2, 0)),
                        sorted(numstatOf(commit))),
                () -> assertEquals(List.of('A', 'A'), commit.files().stream().map(FileDiff::status).toList()));
        assertSameNumstatAsGit(commit);
    }

    @Test
    void plainModification() throws GitError {
        repo.write("f.txt", lines("line", 10));
        repo.commit("base");
        repo.write("f.txt", lines("line", 10).replace("line 3\n", "changed 3\n").replace("line 7\n", "") + "line 11\n");
        repo.commit("modify");

        CommitDiff commit = readOne(repo, "HEAD");

        FileDiff f = file(commit, "f.txt");
        assertAll(
                () -> assertEquals(1, commit.parentCount()),
                () -> assertEquals(1, commit.files().size()),
                () -> assertEquals('M', f.status()),
                () -> assertNull(f.oldPath()),
                () -> assertEquals(2, f.added()),
                () -> assertEquals(2, f.deleted()),
                () -> assertFalse(f.binary()),
                () -> assertFalse(f.submodule()),
                () -> assertFalse(f.capped()),
                () -> assertEquals(0, f.credentials()));
        assertSameNumstatAsGit(commit);
    }

    @Test
    void addedAndDeletedFiles() throws GitError {
        repo.write("keep.txt", "keep\n");
        repo.write("old/gone.txt", lines("gone", 4));
        repo.commit("base");
        repo.delete("old/gone.txt");
        repo.write("new/born.txt", lines("born", 5));
        repo.commit("add and delete");

        CommitDiff commit = readOne(repo, "HEAD");

        FileDiff gone = file(commit, "old/gone.txt");
        FileDiff born = file(commit, "new/born.txt");
        assertAll(
                () -> assertEquals(2, commit.files().size()),
                () -> assertEquals('D', gone.status()),
                () -> assertNull(gone.oldPath()),
                () -> assertEquals(0, gone.added()),
                () -> assertEquals(4, gone.deleted()),
                () -> assertEquals('A', born.status()),
                () -> assertNull(born.oldPath()),
                () -> assertEquals(5, born.added()),
                () -> assertEquals(0, born.deleted()));
        assertSameNumstatAsGit(commit);
    }

    @Test
    void emptyCommitHasNoFiles() throws GitError {
        repo.write("a.txt", "a\n");
        repo.commit("base");
        String empty = repo.gitCommit("commit", "-q", "--allow-empty", "-m", "chore: nothing");

        CommitDiff commit = readOne(repo, "HEAD");

        assertEquals(empty, commit.id());
        assertEquals("chore: nothing", commit.subject());
        assertEquals("", commit.body());
        assertEquals(List.of(), commit.files());
        assertFalse(commit.capped());
        assertEquals(List.of(), numstatOf(repo, empty));
    }

    @Test
    void mergeCommitIsDiffedAgainstItsFirstParentOnly() throws GitError {
        repo.write("main.txt", lines("main", 3));
        repo.write("side.txt", lines("side", 3));
        repo.commit("base");
        repo.git("checkout", "-q", "-b", "side");
        repo.write("side.txt", lines("side", 5));
        repo.write("new.txt", lines("new", 2));
        repo.commit("side work");
        repo.git("checkout", "-q", "main");
        repo.write("main.txt", lines("main", 4));
        repo.commit("main work");
        String merge = repo.gitCommit("merge", "-q", "--no-ff", "-m", "Merge branch 'side'", "side");

        CommitDiff commit = readOne(repo, "HEAD");

        assertAll(
                () -> assertEquals(merge, commit.id()),
                () -> assertEquals(2, commit.parentCount()),
                () -> assertEquals(List.of(new Numstat("new.txt", null, 2, 0), new Numstat("side.txt", null, 2, 0)),
                        sorted(numstatOf(commit))));
        assertSameNumstatAsGit(commit);
    }

    @Test
    void renameWithEditsKeepsTheOldPathAndGitsCounts() throws GitError {
        repo.write("src/Old.java", lines("statement", 20));
        repo.commit("base");
        repo.write("lib/.keep", "");
        repo.delete("lib/.keep");
        repo.git("mv", "src/Old.java", "lib/New.java");
        repo.write("lib/New.java", lines("statement", 20).replace("statement 5\n", "edited 5\n") + "statement 21\n");
        repo.commit("rename");

        CommitDiff commit = readOne(repo, "HEAD");

        assertEquals(1, commit.files().size(), () -> commit.files().toString());
        FileDiff renamed = commit.files().get(0);
        assertAll(
                () -> assertEquals('R', renamed.status()),
                () -> assertEquals("lib/New.java", renamed.path()),
                () -> assertEquals("src/Old.java", renamed.oldPath()),
                () -> assertEquals(2, renamed.added()),
                () -> assertEquals(1, renamed.deleted()));
        assertSameNumstatAsGit(commit);
    }

    @Test
    void pureRenameCountsNothing() throws GitError {
        repo.write("a.txt", lines("a", 8));
        repo.commit("base");
        repo.git("mv", "a.txt", "b.txt");
        repo.commit("rename");

        CommitDiff commit = readOne(repo, "HEAD");

        assertEquals(List.of(new Numstat("b.txt", "a.txt", 0, 0)), numstatOf(commit));
        assertEquals('R', commit.files().get(0).status());
        assertSameNumstatAsGit(commit);
    }

    @Test
    void binaryFileHasNoLineCounts() throws GitError {
        repo.write("img.bin", new byte[] {1, 2, 0, 3, 4, '\n', 5});
        repo.commit("add binary");
        CommitDiff added = readOne(repo, "HEAD");
        repo.write("img.bin", new byte[] {1, 2, 0, 3, 4, '\n', 6, 7});
        repo.commit("change binary");
        CommitDiff modified = readOne(repo, "HEAD");

        FileDiff a = file(added, "img.bin");
        FileDiff m = file(modified, "img.bin");
        assertAll(
                () -> assertEquals('A', a.status()),
                () -> assertTrue(a.binary()),
                () -> assertEquals(-1, a.added()),
                () -> assertEquals(-1, a.deleted()),
                () -> assertFalse(a.capped()),
                () -> assertEquals('M', m.status()),
                () -> assertTrue(m.binary()),
                () -> assertEquals(-1, m.added()),
                () -> assertEquals(-1, m.deleted()));
        assertSameNumstatAsGit(added);
        assertSameNumstatAsGit(modified);
    }

    @Test
    void submoduleAddAndBumpAreGitlinks() throws GitError {
        GitRepo library = GitRepo.init(tmp.resolve("library"));
        library.write("lib.txt", "v1\n");
        library.commit("v1");
        repo.write("app.txt", "app\n");
        repo.commit("base");
        repo.git("submodule", "add", "-q", library.dir().toUri().toString(), "deps/lib");
        repo.commit("add submodule");
        CommitDiff add = readOne(repo, "HEAD");

        GitRepo checkout = GitRepo.at(repo.dir().resolve("deps/lib"));
        checkout.write("lib.txt", "v2\n");
        String v2 = checkout.commit("v2");
        repo.commit("bump lib");
        CommitDiff bump = readOne(repo, "HEAD");

        FileDiff link = file(add, "deps/lib");
        FileDiff modules = file(add, ".gitmodules");
        FileDiff bumped = file(bump, "deps/lib");
        assertAll(
                () -> assertEquals('A', link.status()),
                () -> assertTrue(link.submodule()),
                () -> assertFalse(link.binary()),
                () -> assertFalse(modules.submodule()),
                () -> assertEquals(1, bump.files().size()),
                () -> assertEquals('M', bumped.status()),
                () -> assertTrue(bumped.submodule()),
                () -> assertEquals(1, bumped.added()),
                () -> assertEquals(1, bumped.deleted()),
                () -> assertTrue(bump.patchSample().contains("+Subproject commit " + v2), bump.patchSample()));
        assertSameNumstatAsGit(add);
        assertSameNumstatAsGit(bump);
    }

    @Test
    void nonUtf8PathAndContentDoNotBreakTheReader() throws GitError {
        repo.write("plain.txt", "plain\n");
        repo.commit("base");
        byte[] latin1 = "caf\u00e9 cr\u00e8me\nna\u00efve\n".getBytes(StandardCharsets.ISO_8859_1);
        repo.write("plain.txt", latin1);
        // A file name that is not UTF-8 cannot be made portably through java.nio; git takes raw bytes on stdin.
        String blob = repo.run(Map.of(), latin1, "hash-object", "-w", "--stdin").requireSuccess().stdout();
        byte[] entry = concat("100644 " + blob + "\t", "r\u00e9sum\u00e9.txt".getBytes(StandardCharsets.ISO_8859_1), "\n");
        repo.run(Map.of(), entry, "update-index", "--index-info").requireSuccess();
        repo.git("add", "plain.txt");
        repo.gitCommit("commit", "-q", "-m", "latin-1");

        CommitDiff commit = readOne(repo, "HEAD");

        assertEquals(2, commit.files().size(), () -> commit.files().toString());
        for (FileDiff f : commit.files()) {
            assertNotNull(f.path());
            assertFalse(f.binary(), f.path());
        }
        FileDiff named = commit.files().stream().filter(f -> !f.path().equals("plain.txt")).findFirst().orElseThrow();
        assertAll(
                () -> assertEquals("r\u00e9sum\u00e9.txt", named.path()),
                () -> assertEquals('A', named.status()),
                () -> assertEquals(2, named.added()),
                () -> assertEquals(2, file(commit, "plain.txt").added()),
                () -> assertEquals(1, file(commit, "plain.txt").deleted()));
        assertSameNumstatAsGit(commit);
    }

    private static byte[] concat(String head, byte[] middle, String tail) {
        byte[] a = head.getBytes(StandardCharsets.US_ASCII);
        byte[] c = tail.getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[a.length + middle.length + c.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(middle, 0, all, a.length, middle.length);
        System.arraycopy(c, 0, all, a.length + middle.length, c.length);
        return all;
    }

    @Test
    void missingTrailingNewlineIsCountedLikeGit() throws GitError {
        repo.write("f.txt", "one\ntwo");
        repo.commit("no newline at end");
        CommitDiff root = readOne(repo, "HEAD");
        repo.write("f.txt", "one\nthree");
        repo.commit("change last line");
        CommitDiff change = readOne(repo, "HEAD");
        repo.write("f.txt", "one\nthree\n");
        repo.commit("add the newline");
        CommitDiff newline = readOne(repo, "HEAD");

        assertEquals(List.of(new Numstat("f.txt", null, 2, 0)), numstatOf(root));
        assertEquals(List.of(new Numstat("f.txt", null, 1, 1)), numstatOf(change));
        assertEquals(List.of(new Numstat("f.txt", null, 1, 1)), numstatOf(newline));
        assertTrue(change.patchSample().contains("\\ No newline at end of file"), change.patchSample());
        assertSameNumstatAsGit(root);
        assertSameNumstatAsGit(change);
        assertSameNumstatAsGit(newline);
    }

    @Test
    void modeChangeAndSymlinkTypeChange() throws GitError {
        repo.write("run.sh", "#!/bin/sh\necho hi\n");
        repo.write("target.txt", "target\n");
        repo.write("link", "a regular file\n");
        repo.commit("base");
        repo.git("update-index", "--chmod=+x", "run.sh");
        repo.gitCommit("commit", "-q", "-m", "make executable");
        CommitDiff chmod = readOne(repo, "HEAD");

        String blob = repo.run(Map.of(), "target.txt".getBytes(StandardCharsets.US_ASCII), "hash-object", "-w", "--stdin")
                .requireSuccess().stdout();
        repo.git("update-index", "--cacheinfo", "120000," + blob + ",link");
        repo.gitCommit("commit", "-q", "-m", "file becomes a symlink");
        CommitDiff typeChange = readOne(repo, "HEAD");

        assertEquals(List.of(new Numstat("run.sh", null, 0, 0)), numstatOf(chmod));
        assertEquals('M', chmod.files().get(0).status());
        assertEquals(1, typeChange.files().size(), () -> typeChange.files().toString());
        assertEquals('T', typeChange.files().get(0).status());
        assertEquals(List.of(new Numstat("link", null, 1, 1)), numstatOf(typeChange));
        assertSameNumstatAsGit(chmod);
        assertSameNumstatAsGit(typeChange);
    }

    @Test
    void patchSampleIsTheStartOfTheUnifiedPatch() throws GitError {
        repo.write("f.txt", lines("x", 50));
        repo.commit("base");
        repo.write("f.txt", lines("x", 50).replace("x 25\n", "y 25\n"));
        repo.commit("one line");

        CommitDiff full = readOne(repo, "HEAD");
        CommitDiff shortSample;
        try (var repository = GitRepositories.open(repo.dir(), Map.of());
             CommitReader reader = new CommitReader(repository, new DiffLimits(1 << 20, 100, 12, 0))) {
            shortSample = reader.read(LogQuery.of("HEAD").withMaxCount(1), CommitReader.ReadProgress.NONE).commits().get(0);
        }

        assertTrue(full.patchSample().startsWith("diff --git a/f.txt b/f.txt\n"), full.patchSample());
        assertTrue(full.patchSample().contains("@@ -24,3 +24,3 @@\n x 24\n-x 25\n+y 25\n x 26\n"), full.patchSample());
        assertEquals("diff --git a", shortSample.patchSample());
        assertEquals(List.of(new Numstat("f.txt", null, 1, 1)), numstatOf(shortSample));
    }

    /**
     * The model's sample is the patch git prints with one line of context, index lines and modes included: what the
     * data set's diffs are. A small repository's seven-digit ids are unique, as git abbreviates them.
     */
    @Test
    void theSampleIsGitsPatchText() throws GitError {
        String numbers = lines("", 12).replace(" ", ""); // lines git gives no function name in a hunk's header
        repo.write("changed.txt", numbers);
        repo.write("run.sh", "echo one\n");
        repo.commit("base");
        repo.write("changed.txt", numbers.replace("\n4\n", "\nfour\n") + "13\n");
        repo.write("added.txt", "new\n");
        repo.write("run.sh", "echo two\n");
        repo.git("add", "-A");
        repo.git("update-index", "--chmod=+x", "run.sh");
        repo.git("commit", "-q", "-m", "a change, an addition and a mode change");

        CommitDiff commit = readOne(repo, "HEAD");

        assertEquals(new String(repo.run(Map.of(), null, "show", "--format=", "-U1", "--no-color", "--abbrev=7", "-M", "HEAD")
                .requireSuccess().output(), StandardCharsets.UTF_8), commit.patchSample());
        assertTrue(commit.patchSample().contains("old mode 100644\nnew mode 100755\nindex "), commit.patchSample());
    }

    /**
     * Past the model's sample the files are counted from their edit lists, without patch text: still git's counts,
     * git's binary rule (a NUL in the first 8,000 bytes; a lone CR is text), renames, deletions and credentials.
     */
    @Test
    void filesPastTheSampleAreCountedLikeGit() throws GitError {
        repo.write("a-first.txt", "a\n");
        repo.write("b.txt", lines("b", 40));
        repo.write("c.bin", new byte[] {1, 2, 0, 3, '\n'});
        repo.write("e-old.txt", lines("e", 30));
        repo.write("f-mac.txt", "one\rtwo\rthree\n");
        repo.write("g.txt", lines("g", 7));
        repo.commit("base");
        repo.write("a-first.txt", "a\n" + lines("a line long enough to fill the model's sample of the patch", 120));
        repo.write("b.txt", lines("b", 40).replace("b 10\n", "B 10\n").replace("b 30\n", "") + "b 41\n");
        repo.write("c.bin", new byte[] {1, 2, 0, 3, '\n', 4});
        repo.delete("e-old.txt");
        repo.write("e-new.txt", lines("e", 30).replace("e 15\n", "E 15\n"));
        repo.write("f-mac.txt", "one\rtwo\rthree\nfour\n");
        repo.delete("g.txt");
        repo.write("h.txt", "aws_key = " + AWS_KEY + "\nplain\n");
        repo.commit("many kinds of change");

        CommitDiff commit = readOne(repo, "HEAD");

        assertFalse(commit.patchSample().contains("b.txt"), "b.txt and the rest come after the sample");
        assertAll(
                () -> assertSameNumstatAsGit(commit),
                () -> assertFalse(commit.capped()),
                () -> assertEquals(new Numstat("b.txt", null, 2, 2), Numstat.of(file(commit, "b.txt"))),
                () -> assertTrue(file(commit, "c.bin").binary()),
                () -> assertFalse(file(commit, "f-mac.txt").binary(), "a lone CR is text to git"),
                () -> assertEquals('R', file(commit, "e-new.txt").status()),
                () -> assertEquals("e-old.txt", file(commit, "e-new.txt").oldPath()),
                () -> assertEquals('D', file(commit, "g.txt").status()),
                () -> assertEquals(1, file(commit, "h.txt").credentials()),
                () -> assertEquals(0, file(commit, "b.txt").credentials()));
    }

    /** A credential is looked for alike in a file whose text the sample holds and in one counted past the sample. */
    @Test
    void credentialsAreFoundAlikeInAndPastTheSample() throws GitError {
        String secrets = "key = " + AWS_KEY + "\n" + "x".repeat(600) + " " + AWS_KEY + "\nplain\n";
        repo.write("a-fill.txt", lines("a line long enough to fill the model's sample of the patch", 120));
        repo.write("z-past.txt", secrets);
        repo.commit("past the sample");
        CommitDiff past = readOne(repo, "HEAD");
        repo.write("z-alone.txt", secrets);
        repo.commit("in the sample");
        CommitDiff alone = readOne(repo, "HEAD");

        assertFalse(past.patchSample().contains("z-past.txt"));
        assertTrue(alone.patchSample().contains("z-alone.txt"));
        assertEquals(file(alone, "z-alone.txt").credentials(), file(past, "z-past.txt").credentials());
        assertEquals(1, file(past, "z-past.txt").credentials(), "the first 511 bytes of a line are searched");
    }

    /**
     * A source file whose comments and blank lines alone changed is told apart from one whose code changed, alike in
     * the sample and past it; a rename, an added file and a file of a language vcai does not read comments of never are.
     */
    @Test
    void changesOfCommentsOnlyAreToldApartFromChangesOfCode() throws GitError {
        String java = "package a;\n\n/** Old words. */\nclass A {\n    int x = 1;\n}\n";
        String javadoc = java.replace("Old words.", "New, better words.");
        String commented = java.replace("    int x = 1;", "    // int x = 1;");
        String python = "def f():\n    return 1  # one\n";
        repo.write("src/Doc.java", java);
        repo.write("src/Off.java", java);
        repo.write("src/f.py", python);
        repo.write("src/Moved.java", java);
        repo.write("notes.txt", "# old\n");
        repo.commit("base");
        repo.write("src/Doc.java", javadoc);
        repo.write("src/Off.java", commented);
        repo.write("src/f.py", python.replace("# one", "# the first") + "\n");
        repo.delete("src/Moved.java");
        repo.write("src/Renamed.java", javadoc);
        repo.write("src/New.java", "// only a comment\n");
        repo.write("notes.txt", "# new\n");
        repo.commit("in the sample");
        CommitDiff sampled = readOne(repo, "HEAD");

        repo.write("a-fill.txt", lines("a line long enough to fill the model's sample of the patch", 120));
        repo.write("src/Doc.java", java);
        repo.write("src/Off.java", java);
        repo.commit("past the sample");
        CommitDiff past = readOne(repo, "HEAD");

        assertTrue(sampled.patchSample().contains("Doc.java"));
        assertFalse(past.patchSample().contains("Doc.java"));
        for (CommitDiff commit : List.of(sampled, past)) {
            assertAll(commit.subject(),
                    () -> assertTrue(file(commit, "src/Doc.java").commentsOnly(), "a doc comment reworded"),
                    () -> assertFalse(file(commit, "src/Off.java").commentsOnly(), "a line of code commented out (or back in)"));
        }
        assertAll(
                () -> assertTrue(file(sampled, "src/f.py").commentsOnly(), "a Python comment and a blank line"),
                () -> assertFalse(file(sampled, "src/Renamed.java").commentsOnly(), "a rename moves a class"),
                () -> assertFalse(file(sampled, "src/New.java").commentsOnly(), "an added file"),
                () -> assertFalse(file(sampled, "notes.txt").commentsOnly(), "not a source file"),
                () -> assertFalse(file(past, "a-fill.txt").commentsOnly()));
        assertSameNumstatAsGit(sampled);
        assertSameNumstatAsGit(past);
    }

    /** Rust keeps its unit tests in the file they test: a changed test attribute there is a change of tests. */
    @Test
    void testsWrittenAmongTheCodeAreToldApartFromTheCode() throws GitError {
        String code = "pub fn add(a: i32, b: i32) -> i32 {\n    a + b\n}\n";
        String tested = code + "\n#[cfg(test)]\nmod tests {\n    use super::*;\n\n    #[test]\n    fn adds() {\n"
                + "        assert_eq!(add(1, 2), 3);\n    }\n}\n";
        String moreTests = tested.replace("    #[test]\n    fn adds", "    #[tokio::test(flavor = \"multi_thread\")]\n"
                + "    async fn adds_later() {}\n\n    #[test]\n    fn adds");
        repo.write("src/lib.rs", code);
        repo.write("src/more.rs", tested);
        repo.write("src/other.rs", code);
        repo.write("src/gone.rs", tested);
        repo.write("src/edited.rs", tested);
        repo.commit("base");
        repo.write("src/lib.rs", tested);
        repo.write("src/more.rs", moreTests);
        repo.write("src/other.rs", code.replace("a + b", "b + a"));
        repo.write("tests/README.md", "#[test] in a text file is no Rust\n");
        repo.delete("src/gone.rs");
        repo.write("src/edited.rs", tested.replace("assert_eq!(add(1, 2), 3)", "assert_eq!(add(2, 2), 4)"));
        repo.commit("in the sample");
        CommitDiff sampled = readOne(repo, "HEAD");

        repo.write("a-fill.txt", lines("a line long enough to fill the model's sample of the patch", 120));
        repo.write("src/lib.rs", code);
        repo.write("src/more.rs", tested);
        repo.write("src/other.rs", code);
        repo.write("src/gone.rs", tested);
        repo.write("src/edited.rs", tested.replace("assert_eq!(add(1, 2), 3)", "assert_eq!(add(2, 2), 4)").replace("a + b", "b + a"));
        repo.commit("past the sample");
        CommitDiff past = readOne(repo, "HEAD");

        assertFalse(past.patchSample().contains("src/lib.rs"));
        for (CommitDiff commit : List.of(sampled, past)) {
            assertAll(commit.subject(),
                    () -> assertTrue(file(commit, "src/lib.rs").changesTests(), "a test module added, or removed"),
                    () -> assertTrue(file(commit, "src/more.rs").changesTests(), "an async test added, or removed"),
                    () -> assertFalse(file(commit, "src/other.rs").changesTests(), "the code alone"),
                    () -> assertTrue(file(commit, "src/gone.rs").changesTests(), "a file with tests deleted, or added back"));
        }
        assertTrue(file(sampled, "src/edited.rs").changesTests(), "an assertion inside a test module");
        assertFalse(file(past, "src/edited.rs").changesTests(), "the code above the test module");
        assertFalse(file(sampled, "tests/README.md").changesTests());
        assertSameNumstatAsGit(sampled);
        assertSameNumstatAsGit(past);
    }
}
