package dev.vcai.git;

import static dev.vcai.git.CommitReaderErrorsTest.assertGitError;
import static dev.vcai.git.GitOracle.ids;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vcai.git.GitOracle.Numstat;
import dev.vcai.testing.GitRepo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opening a repository the way git finds it: from a subdirectory, through GIT_DIR and GIT_WORK_TREE relative to
 * the working directory, and inside a pre-receive hook's quarantine (GIT_OBJECT_DIRECTORY plus
 * GIT_ALTERNATE_OBJECT_DIRECTORIES), where the pushed objects exist nowhere else.
 */
class GitRepositoriesTest {
    @TempDir
    Path tmp;

    GitRepo origin;

    @BeforeEach
    void init() {
        origin = GitRepo.init(tmp.resolve("origin"));
        origin.write("a.txt", "a\n");
        origin.commit("first");
        origin.write("src/b.txt", "b\n");
        origin.commit("second");
    }

    private static RangeRead read(Path workingDirectory, Map<String, String> env, LogQuery query) throws GitError {
        try (Repository repository = GitRepositories.open(workingDirectory, env);
             CommitReader reader = new CommitReader(repository, DiffLimits.DEFAULT)) {
            return reader.read(query, CommitReader.ReadProgress.NONE);
        }
    }

    @Test
    void findsTheRepositoryFromASubdirectory() throws Exception {
        try (Repository repository = GitRepositories.open(origin.dir().resolve("src"), Map.of())) {
            assertEquals(origin.dir().resolve(".git").toRealPath(), repository.getDirectory().toPath().toRealPath());
        }
        assertEquals(List.of(origin.head()), ids(read(origin.dir().resolve("src"), Map.of(), LogQuery.of().withMaxCount(1))));
    }

    @Test
    void gitDirAndWorkTreeAreRelativeToTheWorkingDirectory() throws Exception {
        Map<String, String> env = Map.of("GIT_DIR", "origin/.git", "GIT_WORK_TREE", "origin", "UNRELATED", "x");
        try (Repository repository = GitRepositories.open(tmp, env)) {
            assertEquals(origin.dir().resolve(".git").toRealPath(), repository.getDirectory().toPath().toRealPath());
            assertEquals(origin.dir().toRealPath(), repository.getWorkTree().toPath().toRealPath());
        }
        assertEquals(GitOracle.revList(origin, "HEAD"), ids(read(tmp, env, LogQuery.of())));
    }

    @Test
    void aSha256RepositoryIsNamedAsOneJGitCannotRead() throws Exception {
        GitRepo sha256 = GitRepo.init(tmp.resolve("sha256"), "--object-format=sha256");
        sha256.write("a.txt", "a\n");
        sha256.commit("first");
        GitError error = CommitReaderErrorsTest.assertGitError(GitError.Kind.NOT_A_REPOSITORY,
                () -> GitRepositories.open(sha256.dir(), Map.of()));
        assertTrue(error.getMessage().contains("names its objects with SHA256 (extensions.objectFormat)"), error.getMessage());
    }

    @Test
    void emptyVariablesAreIgnored() throws Exception {
        Map<String, String> env = Map.of("GIT_DIR", "", "GIT_OBJECT_DIRECTORY", "", "GIT_ALTERNATE_OBJECT_DIRECTORIES", "");
        assertEquals(List.of(origin.head()), ids(read(origin.dir(), env, LogQuery.of().withMaxCount(1))));
    }

    @Test
    void linkedWorktreeAndItsGitFile() throws Exception {
        Path worktree = tmp.resolve("linked");
        origin.git("worktree", "add", "-q", "-b", "feature", worktree.toString());
        GitRepo linked = GitRepo.at(worktree);
        linked.write("feature.txt", "f\n");
        String feature = linked.commit("feature work");
        assertTrue(Files.isRegularFile(worktree.resolve(".git")), "a linked worktree has a .git file");

        assertEquals(List.of(feature), ids(read(worktree, Map.of(), LogQuery.of().withMaxCount(1))));
        assertEquals(List.of(feature), ids(read(tmp, Map.of("GIT_DIR", "linked/.git"), LogQuery.of().withMaxCount(1))));
        assertEquals(List.of(origin.head()), ids(read(origin.dir(), Map.of(), LogQuery.of().withMaxCount(1))));
        Files.writeString(tmp.resolve("not-a-gitfile"), "hello\n");
        assertGitError(GitError.Kind.NOT_A_REPOSITORY, () -> GitRepositories.open(tmp, Map.of("GIT_DIR", "not-a-gitfile")));
    }

    @Test
    void submoduleCheckoutWithItsGitFile() throws Exception {
        GitRepo app = GitRepo.init(tmp.resolve("app"));
        app.write("app.txt", "app\n");
        app.commit("app");
        app.git("submodule", "add", "-q", origin.dir().toUri().toString(), "deps/origin");
        app.commit("add submodule");
        Path checkout = app.dir().resolve("deps/origin");
        assertTrue(Files.isRegularFile(checkout.resolve(".git")));

        assertEquals(GitOracle.revList(origin, "HEAD"), ids(read(checkout, Map.of(), LogQuery.of())));
    }

    /** A bare repository and a commit whose objects were written only into a quarantine directory inside it. */
    private record Quarantine(Path bare, Path objects, String parent, String commit) {
    }

    private Quarantine pushIntoQuarantine() throws Exception {
        Path bare = tmp.resolve("bare.git");
        GitRepo.run(tmp, Map.of(), null, "clone", "-q", "--bare", origin.dir().toString(), bare.toString()).requireSuccess();
        Path objects = Files.createDirectories(bare.resolve("objects/incoming-test"));
        GitRepo git = GitRepo.at(bare);
        Map<String, String> env = new HashMap<>(Map.of(
                "GIT_DIR", bare.toString(),
                "GIT_OBJECT_DIRECTORY", objects.toString(),
                "GIT_ALTERNATE_OBJECT_DIRECTORIES", bare.resolve("objects").toString(),
                "GIT_INDEX_FILE", tmp.resolve("quarantine-index").toString()));
        git.run(env, null, "read-tree", "HEAD").requireSuccess();
        String blob = git.run(env, "pushed\nlines\n".getBytes(StandardCharsets.UTF_8), "hash-object", "-w", "--stdin")
                .requireSuccess().stdout();
        git.run(env, null, "update-index", "--add", "--cacheinfo", "100644," + blob + ",pushed.txt").requireSuccess();
        String tree = git.run(env, null, "write-tree").requireSuccess().stdout();
        String parent = git.git("rev-parse", "HEAD");
        env.putAll(git.dateEnv());
        String commit = git.run(env, "pushed: add a file\n".getBytes(StandardCharsets.UTF_8), "commit-tree", tree, "-p", parent)
                .requireSuccess().stdout();

        assertTrue(Files.exists(objects.resolve(commit.substring(0, 2)).resolve(commit.substring(2))));
        assertNotEquals(0, git.run(Map.of(), null, "cat-file", "-e", commit).exitCode(), "the commit is only in the quarantine");
        return new Quarantine(bare, objects, parent, commit);
    }

    @Test
    void quarantineObjectsAreSeenThroughTheHookEnvironment() throws Exception {
        Quarantine q = pushIntoQuarantine();
        Map<String, String> hook = Map.of(
                "GIT_DIR", q.bare().toString(),
                "GIT_OBJECT_DIRECTORY", q.objects().toString(),
                "GIT_ALTERNATE_OBJECT_DIRECTORIES", q.bare().resolve("objects").toString());

        RangeRead range = read(tmp, hook, LogQuery.of(q.parent() + ".." + q.commit()));

        assertEquals(List.of(q.commit()), ids(range));
        CommitDiff pushed = range.commits().get(0);
        assertEquals("pushed: add a file", pushed.subject());
        assertEquals(List.of(new Numstat("pushed.txt", null, 2, 0)), GitOracle.numstatOf(pushed));
        assertEquals(3, range.history().size());
    }

    @Test
    void quarantinePathsMayBeRelativeToTheWorkingDirectory() throws Exception {
        Quarantine q = pushIntoQuarantine();
        Map<String, String> hook = Map.of(
                "GIT_DIR", ".",
                "GIT_OBJECT_DIRECTORY", "objects/incoming-test",
                "GIT_ALTERNATE_OBJECT_DIRECTORIES", "objects");

        assertEquals(List.of(q.commit()), ids(read(q.bare(), hook, LogQuery.of(q.parent() + ".." + q.commit()))));
    }

    @Test
    void withoutTheHookEnvironmentTheQuarantinedCommitIsUnknown() throws Exception {
        Quarantine q = pushIntoQuarantine();

        assertGitError(GitError.Kind.UNKNOWN_REVISION, () -> read(q.bare(), Map.of(), LogQuery.of(q.commit())));
        assertGitError(GitError.Kind.UNKNOWN_REVISION,
                () -> read(q.bare(), Map.of("GIT_DIR", q.bare().toString()), LogQuery.of(q.parent() + ".." + q.commit())));
        // The bare repository itself still reads as before.
        assertEquals(List.of(q.parent()), ids(read(q.bare(), Map.of(), LogQuery.of().withMaxCount(1))));
    }

    @Test
    void quarantineWithoutTheAlternatesCannotReachTheParent() throws Exception {
        Quarantine q = pushIntoQuarantine();
        Map<String, String> objectsOnly = Map.of("GIT_DIR", q.bare().toString(), "GIT_OBJECT_DIRECTORY", q.objects().toString());

        GitError error = assertGitError(GitError.Kind.CORRUPT_OBJECT, () -> read(tmp, objectsOnly, LogQuery.of(q.commit())));
        assertFalse(error.getMessage().isEmpty());
    }
}
