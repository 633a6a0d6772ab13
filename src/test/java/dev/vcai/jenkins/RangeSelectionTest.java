package dev.vcai.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vcai.analysis.CommitFacts;
import dev.vcai.git.DiffLimits;
import dev.vcai.git.GitError;
import dev.vcai.git.GitRepositories;
import dev.vcai.pipeline.Analyzer;
import dev.vcai.testing.GitRepo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commits a build analyses, chosen from the Git plugin's environment, read back from a real repository. */
class RangeSelectionTest {
    @TempDir
    Path tmp;

    GitRepo repo;
    List<String> commits = new ArrayList<>();

    @BeforeEach
    void fiveCommits() {
        repo = GitRepo.init(tmp.resolve("repo"));
        for (int i = 1; i <= 5; i++) {
            repo.write("src/file" + i + ".txt", "content " + i + "\n");
            commits.add(repo.commit("Commit " + i));
        }
    }

    @Test
    void theCommitsSinceTheLastSuccessfulBuild() throws Exception {
        RangeSelection selection = select(Map.of("GIT_COMMIT", commits.get(4), "GIT_PREVIOUS_SUCCESSFUL_COMMIT", commits.get(1),
                "GIT_PREVIOUS_COMMIT", commits.get(3)), null);
        assertEquals(List.of(commits.get(4), commits.get(3), commits.get(2)), read(selection), "since the last success, not the last build");
        assertEquals(commits.get(1) + ".." + commits.get(4), selection.range());
        assertEquals(List.of(), selection.notes());
    }

    @Test
    void aFirstBuildAnalysesTheLastCommitsUpToTheLimit() throws Exception {
        RangeSelection selection = select(Map.of("GIT_COMMIT", commits.get(3)), null, 2);
        assertEquals(List.of(commits.get(3), commits.get(2)), read(selection));
        assertTrue(selection.notes().get(0).contains("no earlier build"), selection.notes().toString());
    }

    @Test
    void aRebuildOfTheSameCommitAnalysesThatCommitAlone() throws Exception {
        RangeSelection selection = select(Map.of("GIT_COMMIT", commits.get(4), "GIT_PREVIOUS_SUCCESSFUL_COMMIT", commits.get(4)), null);
        assertEquals(List.of(commits.get(4)), read(selection));
        assertTrue(selection.notes().get(0).startsWith("rebuild of " + commits.get(4)), selection.notes().toString());
    }

    @Test
    void aBuildOfAnOlderCommitAnalysesThatCommitAlone() throws Exception {
        RangeSelection selection = select(Map.of("GIT_COMMIT", commits.get(2), "GIT_PREVIOUS_SUCCESSFUL_COMMIT", commits.get(4)), null);
        assertEquals(List.of(commits.get(2)), read(selection));
        assertTrue(selection.notes().get(0).contains("is older than"), selection.notes().toString());
    }

    @Test
    void afterAForcePushThatKeptTheOldCommitOnlyTheNewSideIsAnalysed() throws Exception {
        repo.git("reset", "-q", "--hard", commits.get(2));
        repo.write("src/rewritten.txt", "new\n");
        String rewritten = repo.commit("Rewritten history");
        RangeSelection selection = select(Map.of("GIT_COMMIT", rewritten, "GIT_PREVIOUS_SUCCESSFUL_COMMIT", commits.get(4)), null);
        assertEquals(List.of(rewritten), read(selection), "git's a..b: the commits not reachable from the old tip");
    }

    @Test
    void afterAForcePushThatDroppedTheLastSuccessfulCommitThePreviousBuildIsTheBaseElseTheFirstBuildRule() throws Exception {
        repo.git("reset", "-q", "--hard", commits.get(1));
        repo.write("src/rewritten.txt", "new\n");
        String rewritten = repo.commit("Rewritten history");
        repo.write("src/rewritten.txt", "newer\n");
        String tip = repo.commit("More rewritten history");
        repo.git("reflog", "expire", "--expire=now", "--all");
        repo.git("gc", "-q", "--prune=now");
        assertTrue(repo.run(Map.of(), null, "cat-file", "-e", commits.get(4)).exitCode() != 0, "the old tip is gone");

        RangeSelection previous = select(Map.of("GIT_COMMIT", tip, "GIT_PREVIOUS_SUCCESSFUL_COMMIT", commits.get(4),
                "GIT_PREVIOUS_COMMIT", rewritten), null);
        assertEquals(List.of(tip), read(previous));
        assertTrue(previous.notes().get(0).startsWith("GIT_PREVIOUS_SUCCESSFUL_COMMIT " + commits.get(4) + " is no longer"),
                previous.notes().toString());

        RangeSelection none = select(Map.of("GIT_COMMIT", tip, "GIT_PREVIOUS_SUCCESSFUL_COMMIT", commits.get(4),
                "GIT_PREVIOUS_COMMIT", commits.get(3)), null, 3);
        assertEquals(List.of(tip, rewritten, commits.get(1)), read(none), "the first-build rule");
        assertEquals(3, none.notes().size(), none.notes().toString());
    }

    @Test
    void anExplicitRangeOverridesTheEnvironment() throws Exception {
        RangeSelection selection = select(Map.of("GIT_COMMIT", commits.get(4), "GIT_PREVIOUS_SUCCESSFUL_COMMIT", commits.get(3)),
                commits.get(0) + ".." + commits.get(2));
        assertEquals(List.of(commits.get(2), commits.get(1)), read(selection));
        assertEquals(commits.get(0) + ".." + commits.get(2), selection.range());
    }

    @Test
    void withoutGitCommitTheWorkspaceHeadIsAnalysedAndAnUnknownCommitIsAnError() throws Exception {
        RangeSelection selection = select(Map.of(), null, 1);
        assertEquals(List.of(commits.get(4)), read(selection));
        assertTrue(selection.notes().get(0).startsWith("GIT_COMMIT is not set"), selection.notes().toString());

        GitError error = assertThrows(GitError.class, () -> select(Map.of("GIT_COMMIT", "1234567890abcdef1234567890abcdef12345678"), null));
        assertEquals(GitError.Kind.UNKNOWN_REVISION, error.kind());
    }

    /** The ref is read as CiRef reads it (CiRefTest), with this repository's remotes: GIT_BRANCH's remote need not be origin. */
    @Test
    void theGatesJudgeTheRefTheBuildNamesWithThisRepositorysRemote() throws GitError {
        repo.git("remote", "add", "upstream", "https://example.com/x.git");
        String head = repo.head();
        assertEquals("refs/heads/release/1.x", select(Map.of("GIT_COMMIT", head, "GIT_BRANCH", "upstream/release/1.x"), null).ref());
        assertEquals("refs/heads/main", select(Map.of("GIT_COMMIT", head, "GIT_BRANCH", "upstream/x", "CHANGE_TARGET", "main"), null).ref(),
                "a pull request is judged as going into its target");
        assertNull(select(Map.of("GIT_COMMIT", head), null).ref());
    }

    private RangeSelection select(Map<String, String> env, String range) throws GitError {
        return select(env, range, RangeSelection.FIRST_BUILD_COMMITS);
    }

    private RangeSelection select(Map<String, String> env, String range, int firstBuildCommits) throws GitError {
        try (Repository repository = open()) {
            return RangeSelection.select(repository, env, range, firstBuildCommits);
        }
    }

    private Repository open() throws GitError {
        return GitRepositories.open(repo.dir(), Map.of());
    }

    private List<String> read(RangeSelection selection) throws GitError {
        try (Repository repository = open()) {
            return Analyzer.read(repository, selection.query(), DiffLimits.DEFAULT, null, Analyzer.Progress.NONE).facts().stream()
                    .map(CommitFacts::id).toList();
        }
    }
}
