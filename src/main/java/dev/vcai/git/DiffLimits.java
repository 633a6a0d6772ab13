package dev.vcai.git;

/**
 * Bounds on how much of one commit's patch is read, so that a huge commit costs a bounded amount of time and
 * memory and is reported as capped instead of failing.
 *
 * @param maxPatchBytes   patch text produced per commit before the remaining files are left uncounted
 * @param maxFiles        changed files whose contents are diffed per commit; the rest are listed only
 * @param sampleChars     characters of the patch kept for the model (the training data keeps 4,000)
 * @param historyLookback commits older than the range read by name only, for the age and churn of files
 */
public record DiffLimits(int maxPatchBytes, int maxFiles, int sampleChars, int historyLookback) {
    public static final DiffLimits DEFAULT = new DiffLimits(4 << 20, 3000, 4000, 1000);

    public DiffLimits {
        if (maxPatchBytes <= 0 || maxFiles <= 0 || sampleChars < 0 || historyLookback < 0) {
            throw new IllegalArgumentException("diff limits must be positive");
        }
    }

    public DiffLimits withMaxPatchBytes(int bytes) {
        return new DiffLimits(bytes, maxFiles, sampleChars, historyLookback);
    }

    public DiffLimits withHistoryLookback(int commits) {
        return new DiffLimits(maxPatchBytes, maxFiles, sampleChars, commits);
    }
}
