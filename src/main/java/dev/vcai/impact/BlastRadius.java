package dev.vcai.impact;

import java.util.List;

/**
 * What in the repository depends on what a commit changed. The dependency graph that computes it is issue #4;
 * until then every commit carries {@link #NOT_COMPUTED}, which reports, the risk score and the gates treat as
 * "unknown" rather than as zero.
 *
 * @param score           0..100, or -1 when not computed
 * @param dependentFiles  files that depend on the changed ones, directly or transitively
 * @param affectedModules modules that contain changed or dependent files
 * @param testsCover      whether test files depend on the changed code
 */
public record BlastRadius(boolean computed, int score, List<String> dependentFiles, List<String> affectedModules,
                          boolean testsCover) {
    public static final BlastRadius NOT_COMPUTED = new BlastRadius(false, -1, List.of(), List.of(), false);

    public BlastRadius {
        dependentFiles = List.copyOf(dependentFiles);
        affectedModules = List.copyOf(affectedModules);
    }
}
