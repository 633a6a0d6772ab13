package dev.vcai.analysis;

/**
 * The just-in-time defect-prediction metrics of one commit (after Kamei et al., 2013), as far as they can be
 * read from the repository. History metrics look back over a bounded window (see the git package's
 * {@code DiffLimits.historyLookback}); a value of -1 means no history was available (a dataset row, or a root
 * commit).
 *
 * @param linesAdded       LA
 * @param linesDeleted     LD
 * @param files            NF, the number of changed files
 * @param directories      ND, distinct parent directories
 * @param subsystems       NS, distinct top-level directories
 * @param entropy          spread of the changed lines over the files, normalised to 0..1
 * @param testsChanged     whether tests changed: a test file, or tests among a source file's code ({@link ChangedFile#touchesTests})
 * @param codeChanged      whether a source file changed
 * @param meanFileAgeDays  AGE, mean days since the changed files were last touched
 * @param priorChanges     NUC, earlier commits that touched the changed files
 * @param priorAuthors     NDEV, distinct authors who touched the changed files before
 * @param authorCommits    EXP, earlier commits of this commit's author
 */
public record ChangeMetrics(int linesAdded, int linesDeleted, int files, int directories, int subsystems, double entropy,
                            boolean testsChanged, boolean codeChanged, double meanFileAgeDays, int priorChanges,
                            int priorAuthors, int authorCommits) {

    public int churn() {
        return linesAdded + linesDeleted;
    }
}
