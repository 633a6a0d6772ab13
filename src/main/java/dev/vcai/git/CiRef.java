package dev.vcai.git;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jgit.lib.Constants;

/**
 * The ref a CI job says it builds, from its environment: CI checks out a detached HEAD, so the repository alone
 * cannot tell which branch the gates judge. A pull or merge request is judged as going into its target.
 */
public final class CiRef {
    private CiRef() {
    }

    /**
     * In this order: the target of a pull or merge request (Jenkins' CHANGE_TARGET, GitLab's
     * CI_MERGE_REQUEST_TARGET_BRANCH_NAME, GitHub's GITHUB_BASE_REF), a tag's build (Jenkins' TAG_NAME, GitLab's
     * CI_COMMIT_TAG), GitHub's GITHUB_REF, Jenkins' BRANCH_NAME (multibranch) and GIT_BRANCH (the Git plugin's
     * {@code origin/main}, whose remote is dropped), GitLab's CI_COMMIT_REF_NAME. Null when none is set.
     *
     * @param remotes the repository's remote names, to drop from GIT_BRANCH ({@code origin} when none are known)
     */
    public static String of(Map<String, String> env, Set<String> remotes) {
        for (String target : List.of("CHANGE_TARGET", "CI_MERGE_REQUEST_TARGET_BRANCH_NAME", "GITHUB_BASE_REF")) {
            if (present(env.get(target))) {
                return Constants.R_HEADS + env.get(target).trim();
            }
        }
        for (String tag : List.of("TAG_NAME", "CI_COMMIT_TAG")) {
            if (present(env.get(tag))) {
                return Constants.R_TAGS + env.get(tag).trim();
            }
        }
        String githubRef = env.get("GITHUB_REF");
        if (present(githubRef) && (githubRef.startsWith(Constants.R_HEADS) || githubRef.startsWith(Constants.R_TAGS))) {
            return githubRef.trim();
        }
        if (present(env.get("BRANCH_NAME"))) {
            return Constants.R_HEADS + env.get("BRANCH_NAME").trim();
        }
        String branch = env.get("GIT_BRANCH");
        if (present(branch)) {
            branch = branch.trim();
            if (branch.startsWith("refs/")) {
                return branch;
            }
            int slash = branch.indexOf('/');
            String remote = slash > 0 ? branch.substring(0, slash) : null;
            if (remote != null && (remotes.isEmpty() ? remote.equals("origin") : remotes.contains(remote))) {
                branch = branch.substring(slash + 1);
            }
            return Constants.R_HEADS + branch;
        }
        if (present(env.get("CI_COMMIT_REF_NAME"))) {
            return Constants.R_HEADS + env.get("CI_COMMIT_REF_NAME").trim();
        }
        return null;
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
