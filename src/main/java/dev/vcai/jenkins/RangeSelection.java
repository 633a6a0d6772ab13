package dev.vcai.jenkins;

import dev.vcai.git.CiRef;
import dev.vcai.git.GitError;
import dev.vcai.git.LogQuery;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Which commits a build analyses and which ref the gates judge, from the environment the Git plugin gives a build.
 *
 * <p>By default the commits new since the last successful build: {@code GIT_PREVIOUS_SUCCESSFUL_COMMIT..GIT_COMMIT}.
 * When that commit is no longer in the repository (history rewritten by a force-push and collected, or a shallow
 * clone), {@code GIT_PREVIOUS_COMMIT} (the previous build, successful or not) is tried, then the first-build rule:
 * the last {@code firstBuildCommits} commits of {@code GIT_COMMIT}, as a whole history would be too long to be
 * useful. A rebuild of the commit last built successfully, or a build of an older commit, analyses that one commit,
 * so every build has a verdict. An explicit range (as {@code git log} takes it) overrides all of this.
 *
 * @param tip   the commit built (the range's newest), or null for an explicit range
 * @param range the range in git's words, as reports show it
 * @param ref   the ref the gates judge ({@code refs/heads/main}), or null when the environment does not name one
 * @param notes how the range was chosen, when it was not the plain default: for the build log and the summary
 */
public record RangeSelection(LogQuery query, String tip, String range, String ref, List<String> notes) {
    public static final int FIRST_BUILD_COMMITS = 20;

    public RangeSelection {
        notes = List.copyOf(notes);
    }

    public static RangeSelection select(Repository repository, Map<String, String> env, String explicitRange, int firstBuildCommits)
            throws GitError {
        String ref = CiRef.of(env, repository.getRemoteNames());
        if (present(explicitRange)) {
            return new RangeSelection(LogQuery.of(explicitRange.trim().split("\\s+")), null, explicitRange.trim(), ref, List.of());
        }
        List<String> notes = new ArrayList<>();
        String head = present(env.get("GIT_COMMIT")) ? env.get("GIT_COMMIT").trim() : "HEAD";
        if (head.equals("HEAD")) {
            notes.add("GIT_COMMIT is not set (no Git checkout in this build's environment): HEAD of the workspace is analysed");
        }
        try (RevWalk walk = new RevWalk(repository)) {
            RevCommit tip = parse(walk, repository, head);
            if (tip == null) {
                throw new GitError(GitError.Kind.UNKNOWN_REVISION, "the commit being built (" + head + ") is not in the workspace's repository");
            }
            for (String variable : List.of("GIT_PREVIOUS_SUCCESSFUL_COMMIT", "GIT_PREVIOUS_COMMIT")) {
                String previous = env.get(variable);
                if (!present(previous)) {
                    continue;
                }
                RevCommit base = parse(walk, repository, previous.trim());
                if (base == null) {
                    notes.add(variable + " " + previous.trim() + " is no longer in the repository (rewritten by a force-push, or "
                            + "beyond a shallow clone)");
                    continue;
                }
                if (base.equals(tip)) {
                    notes.add("rebuild of " + tip.name() + ", already built: that commit alone is analysed");
                    return single(tip, ref, notes);
                }
                if (walk.isMergedInto(tip, base)) {
                    notes.add(tip.name() + " is older than " + variable + " " + base.name() + ": that commit alone is analysed");
                    return single(tip, ref, notes);
                }
                return new RangeSelection(LogQuery.of("^" + base.name(), tip.name()), tip.name(), base.name() + ".." + tip.name(), ref, notes);
            }
            notes.add("no earlier build to compare with: the last " + firstBuildCommits + " commits are analysed");
            return new RangeSelection(LogQuery.of(tip.name()).withMaxCount(firstBuildCommits), tip.name(), tip.name(), ref, notes);
        } catch (IOException e) {
            throw new GitError(GitError.Kind.IO, "cannot read the workspace's repository: " + e.getMessage(), e);
        }
    }

    private static RangeSelection single(RevCommit commit, String ref, List<String> notes) {
        return new RangeSelection(LogQuery.of(commit.name()).withMaxCount(1), commit.name(), commit.name(), ref, notes);
    }

    /** The commit a revision names, or null when the repository does not have it. */
    private static RevCommit parse(RevWalk walk, Repository repository, String revision) throws IOException {
        try {
            ObjectId id = repository.resolve(revision + "^{commit}");
            return id == null ? null : walk.parseCommit(id);
        } catch (MissingObjectException | org.eclipse.jgit.errors.RevisionSyntaxException e) {
            return null;
        }
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
