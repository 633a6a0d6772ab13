package dev.vcai.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CiRefTest {
    @Test
    void jenkins() {
        assertEquals("refs/heads/main", CiRef.of(Map.of("GIT_BRANCH", "origin/main"), Set.of()));
        assertEquals("refs/heads/main", CiRef.of(Map.of("GIT_BRANCH", "upstream/main"), Set.of("upstream")), "the repository's own remote");
        assertEquals("refs/heads/feature/x", CiRef.of(Map.of("BRANCH_NAME", "feature/x", "GIT_BRANCH", "origin/other"), Set.of()));
        assertEquals("refs/heads/main", CiRef.of(Map.of("BRANCH_NAME", "PR-7", "CHANGE_TARGET", "main"), Set.of()), "a pull request goes into its target");
        assertEquals("refs/tags/v2", CiRef.of(Map.of("TAG_NAME", "v2", "BRANCH_NAME", "v2"), Set.of()));
    }

    @Test
    void gitHubAndGitLab() {
        assertEquals("refs/heads/dev", CiRef.of(Map.of("GITHUB_REF", "refs/heads/dev"), Set.of()));
        assertEquals("refs/heads/main", CiRef.of(Map.of("GITHUB_REF", "refs/pull/1/merge", "GITHUB_BASE_REF", "main"), Set.of()));
        assertNull(CiRef.of(Map.of("GITHUB_REF", "refs/pull/1/merge"), Set.of()));
        assertEquals("refs/heads/main", CiRef.of(Map.of("CI_COMMIT_REF_NAME", "main"), Set.of()));
        assertEquals("refs/tags/v1", CiRef.of(Map.of("CI_COMMIT_REF_NAME", "v1", "CI_COMMIT_TAG", "v1"), Set.of()));
        assertEquals("refs/heads/main", CiRef.of(Map.of("CI_COMMIT_REF_NAME", "topic", "CI_MERGE_REQUEST_TARGET_BRANCH_NAME", "main"), Set.of()));
        assertNull(CiRef.of(Map.of("GITHUB_BASE_REF", " "), Set.of()), "blank is unset");
    }
}
