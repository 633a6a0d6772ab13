package dev.vcai.git;

import static dev.vcai.git.GitOracle.ids;
import static dev.vcai.git.GitOracle.read;
import static dev.vcai.git.GitOracle.revList;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vcai.testing.GitRepo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** Each way a read can fail maps to its {@link GitError.Kind}, with a one-line message. */
class CommitReaderErrorsTest {
    @TempDir
    Path tmp;

    GitRepo repo;

    @BeforeEach
    void init() {
        repo = GitRepo.init(tmp.resolve("repo"));
    }

    static GitError assertGitError(GitError.Kind kind, Executable action) {
        GitError error = assertThrows(GitError.class, action);
        assertAll(
                () -> assertEquals(kind, error.kind(), error.getMessage()),
                () -> assertFalse(error.getMessage().isBlank()),
                () -> assertFalse(error.getMessage().contains("\n"), "one line: " + error.getMessage()));
        return error;
    }

    private void history(int commits) {
        for (int i = 1; i <= commits; i++) {
            repo.write("f.txt", "version " + i + "\n");
            repo.write("file" + i + ".txt", "new " + i + "\n");
            repo.commit("commit " + i);
        }
    }

    @Test
    void notARepository() throws IOException {
        Path plain = Files.createDirectories(tmp.resolve("plain"));
        GitError error = assertGitError(GitError.Kind.NOT_A_REPOSITORY, () -> GitRepositories.open(plain, Map.of()));
        assertTrue(error.getMessage().contains(plain.toString()), error.getMessage());
        assertGitError(GitError.Kind.NOT_A_REPOSITORY, () -> GitRepositories.open(tmp.resolve("missing"), Map.of()));
        assertGitError(GitError.Kind.NOT_A_REPOSITORY, () -> GitRepositories.open(tmp, Map.of("GIT_DIR", "plain")));
    }

    @Test
    void unknownRevision() {
        history(2);
        for (String revision : List.of("nope", "nope..HEAD", "HEAD..nope", "^nope", "nope...HEAD", "HEAD~5")) {
            GitError error = assertGitError(GitError.Kind.UNKNOWN_REVISION, () -> read(repo, LogQuery.of(revision)));
            assertTrue(error.getMessage().contains("'"), error.getMessage());
        }
        assertEquals(128, repo.run(Map.of(), null, "rev-list", "nope").exitCode());
    }

    @Test
    void unknownCommitIdIsAnUnknownRevision() {
        history(1);
        String missing = "0123456789abcdef0123456789abcdef01234567";
        assertGitError(GitError.Kind.UNKNOWN_REVISION, () -> read(repo, LogQuery.of(missing)));
        assertGitError(GitError.Kind.UNKNOWN_REVISION, () -> read(repo, LogQuery.of(missing + "..HEAD")));
    }

    @Test
    void emptyRange() {
        history(2);
        assertEquals(List.of(), revList(repo, "HEAD..HEAD"));
        GitError error = assertGitError(GitError.Kind.EMPTY_RANGE, () -> read(repo, LogQuery.of("HEAD..HEAD")));
        assertTrue(error.getMessage().contains("HEAD..HEAD"), error.getMessage());
        assertGitError(GitError.Kind.EMPTY_RANGE, () -> read(repo, LogQuery.of("HEAD", "^HEAD")));
        assertGitError(GitError.Kind.EMPTY_RANGE, () -> read(repo, LogQuery.of().withMaxCount(0)));
        assertGitError(GitError.Kind.EMPTY_RANGE,
                () -> read(repo, new LogQuery(List.of(), -1, null, null, null, List.of("no/such/path"))));
    }

    @Test
    void repositoryWithNoCommitsYet() {
        GitError error = assertGitError(GitError.Kind.EMPTY_RANGE, () -> read(repo, LogQuery.of()));
        assertTrue(error.getMessage().contains("no commits yet"), error.getMessage());
    }

    @Test
    void shallowCloneOfOneCommitStopsAtTheBoundary() {
        history(3);
        GitRepo clone = clone("--depth", "1");
        assertEquals(repo.head() + "\n", clone.git("rev-parse", "HEAD") + "\n");
        assertEquals(1, revList(clone, "HEAD").size());

        GitError error = assertGitError(GitError.Kind.SHALLOW_BOUNDARY, () -> read(clone, LogQuery.of()));
        assertTrue(error.getMessage().contains(repo.head().substring(0, 10)), error.getMessage());
    }

    @Test
    void shallowBoundaryCommitIsSkippedAndReported() throws GitError {
        history(5);
        List<String> all = revList(repo, "HEAD");
        GitRepo clone = clone("--depth", "3");
        assertEquals(all.get(2), clone.git("rev-parse", "HEAD~2"));
        assertEquals("true", clone.git("rev-parse", "--is-shallow-repository"));

        RangeRead range = read(clone, LogQuery.of());

        assertEquals(all.subList(0, 2), ids(range));
        assertEquals(List.of(all.get(2)), range.shallowBoundary());
        assertEquals(List.of(all.get(2), all.get(1), all.get(0)), range.history().stream().map(HistoryEntry::id).toList());
        assertEquals(List.of(), range.history().get(0).paths());
        assertEquals(GitOracle.numstatOf(repo, all.get(1)), GitOracle.numstatOf(range.commits().get(1)));
    }

    private GitRepo clone(String... options) {
        Path target = tmp.resolve("clone");
        String[] args = new String[options.length + 4];
        args[0] = "clone";
        args[1] = "-q";
        System.arraycopy(options, 0, args, 2, options.length);
        args[options.length + 2] = repo.dir().toUri().toString();
        args[options.length + 3] = target.toString();
        GitRepo.run(tmp, Map.of(), null, args).requireSuccess();
        return GitRepo.at(target);
    }

    private Path looseObject(String id) {
        return repo.dir().resolve(".git/objects").resolve(id.substring(0, 2)).resolve(id.substring(2));
    }

    @Test
    void deletedObjectIsCorrupt() throws IOException {
        history(2);
        Path blob = looseObject(repo.git("rev-parse", "HEAD:file2.txt"));
        Files.delete(blob);
        assertTrue(repo.run(Map.of(), null, "fsck").exitCode() != 0);

        GitError error = assertGitError(GitError.Kind.CORRUPT_OBJECT, () -> read(repo, LogQuery.of()));
        assertTrue(error.getMessage().contains("git fsck"), error.getMessage());
    }

    /** A blobless clone (--filter=blob:none) has its commits and trees, not the files: vcai says so instead of "damaged". */
    @Test
    void aPartialCloneSaysWhatToFetch() throws Exception {
        history(2);
        repo.git("config", "uploadpack.allowFilter", "true");
        Path partial = repo.dir().resolveSibling("partial");
        repo.git("clone", "-q", "--no-checkout", "--filter=blob:none", "file://" + repo.dir(), partial.toString());
        GitRepo clone = GitRepo.at(partial);
        assertEquals("true", clone.git("config", "remote.origin.promisor").strip());

        GitError error = assertGitError(GitError.Kind.CORRUPT_OBJECT, () -> read(clone, LogQuery.of()));
        assertTrue(error.getMessage().contains("partial clone (its remote 'origin'"), error.getMessage());
        assertTrue(error.getMessage().contains("git log -p"), error.getMessage());

        clone.git("log", "-p", "--format=", "HEAD"); // git fetches the blobs a diff needs
        assertEquals(2, read(clone, LogQuery.of()).commits().size());
    }

    @Test
    void truncatedObjectIsCorrupt() throws IOException {
        history(2);
        Path blob = looseObject(repo.git("rev-parse", "HEAD:f.txt"));
        byte[] bytes = Files.readAllBytes(blob);
        blob.toFile().setWritable(true);
        Files.write(blob, java.util.Arrays.copyOf(bytes, bytes.length / 2));

        assertGitError(GitError.Kind.CORRUPT_OBJECT, () -> read(repo, LogQuery.of()));
    }

    @Test
    void missingCommitOfABranchIsCorrupt() throws IOException {
        history(3);
        Files.delete(looseObject(repo.git("rev-parse", "HEAD~1")));

        assertGitError(GitError.Kind.CORRUPT_OBJECT, () -> read(repo, LogQuery.of()));
    }

    @Test
    void unreadableConfigIsInvalidConfig() throws IOException {
        history(1);
        Files.writeString(repo.dir().resolve(".git/config"), "[core\n\tbare = \"unterminated\n[[[garbage\n");
        assertTrue(repo.run(Map.of(), null, "status").exitCode() != 0, "git itself refuses the config");

        GitError error = assertGitError(GitError.Kind.INVALID_CONFIG, () -> GitRepositories.open(repo.dir(), Map.of()));
        assertTrue(error.getMessage().contains("config"), error.getMessage());
    }

    @Test
    void aConfigValueGitWouldRefuseIsInvalidConfigToo() throws IOException {
        history(1);
        Path config = repo.dir().resolve(".git/config");
        String valid = Files.readString(config);
        Files.writeString(config, valid.replace("bare = false", "bare = maybe"));
        assertTrue(repo.run(Map.of(), null, "status").exitCode() != 0, "git itself refuses the value");
        GitError bare = assertGitError(GitError.Kind.INVALID_CONFIG, () -> GitRepositories.open(repo.dir(), Map.of()));
        assertTrue(bare.getMessage().contains("maybe") && bare.getMessage().endsWith("; fix it with 'git config --edit'"), bare.getMessage());

        Files.writeString(config, valid.replace("repositoryformatversion = 0", "repositoryformatversion = 9"));
        assertTrue(repo.run(Map.of(), null, "status").exitCode() != 0, "git itself refuses the format");
        GitError format = assertGitError(GitError.Kind.INVALID_CONFIG, () -> GitRepositories.open(repo.dir(), Map.of()));
        assertTrue(format.getMessage().contains("9"), format.getMessage());
    }
}
