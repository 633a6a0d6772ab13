package dev.vcai.hooks;

import dev.vcai.pipeline.RangeAnalysis;
import dev.vcai.policy.Verdict;

/**
 * What the pre-receive hook decided for one ref.
 *
 * @param analysis   the new commits' analysis, or null when nothing was analysed (a deletion, a ref to a tree)
 * @param reason     why the verdict is what it is, in a few words
 * @param overridden the verdict would refuse the ref, but the pusher overrode it as the policy allows
 * @param dropped    commits a force push removes from the ref
 */
record RefResult(RefChange change, RangeAnalysis analysis, Verdict verdict, String reason, boolean overridden, int dropped) {

    boolean refused() {
        return !overridden && (verdict == Verdict.REJECTED || verdict == Verdict.BLOCKED);
    }
}
