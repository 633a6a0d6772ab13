package dev.vcai.impact;

import java.util.List;

/**
 * What in the repository depends on what a commit changed, from {@link BlastRadiusAnalyzer}. A commit whose radius
 * was not computed (no repository at hand) carries {@link #NOT_COMPUTED}, which reports, the risk score and the gates
 * treat as "unknown" rather than as zero.
 *
 * @param score           0..100 (README "Blast radius" gives the formula), or -1 when not computed
 * @param dependentFiles  files that depend on the changed ones, directly or transitively, nearest first (at most
 *                        {@link #LISTED}; {@code dependentCount} has the full number)
 * @param affectedModules modules that contain changed or dependent files, or use a changed build file
 * @param testsCover      whether test files depend on the changed code
 * @param dependentCount  the number of dependent files
 * @param changedModules  modules that contain the changed files
 * @param topModules      the most affected other modules, each with the dependency path that reaches it
 * @param coveringTests   test files that depend on the changed code (at most {@link #LISTED})
 * @param graphFiles      source files in the graph (what the score relates the dependents to)
 */
public record BlastRadius(boolean computed, int score, List<String> dependentFiles, List<String> affectedModules,
                          boolean testsCover, int dependentCount, List<String> changedModules, List<ModuleReach> topModules,
                          List<String> coveringTests, int graphFiles) {
    public static final int LISTED = 50;
    public static final BlastRadius NOT_COMPUTED = new BlastRadius(false, -1, List.of(), List.of(), false, 0, List.of(), List.of(),
            List.of(), 0);

    /**
     * A module reached by the change.
     *
     * @param files files of the module that depend on the change (for a module reached through a build file: its
     *              source files)
     * @param path  how it is reached: file paths from a changed file to the module's first dependent file, or a
     *              build file then {@code module NAME} steps
     */
    public record ModuleReach(String module, int files, List<String> path) {
        public ModuleReach {
            path = List.copyOf(path);
        }
    }

    /** The radius of a change that reaches no other file (one of comments only): the changed modules, nothing else. */
    public BlastRadius reachingNothing() {
        return new BlastRadius(computed, 0, List.of(), changedModules, false, 0, changedModules, List.of(), List.of(), graphFiles);
    }

    public BlastRadius {
        dependentFiles = List.copyOf(dependentFiles);
        affectedModules = List.copyOf(affectedModules);
        changedModules = List.copyOf(changedModules);
        topModules = List.copyOf(topModules);
        coveringTests = List.copyOf(coveringTests);
    }
}
