package dev.vcai.report;

import dev.vcai.pipeline.CommitAnalysis;
import dev.vcai.pipeline.RangeAnalysis;

/**
 * Whether the configured model (Triton) failed over to the embedded one for some commits of a range: how many, and
 * the first reason given.
 *
 * @param reason null when every commit was answered by the configured model
 */
record Fallback(String reason, int commits) {
    static Fallback of(RangeAnalysis analysis) {
        String reason = null;
        int commits = 0;
        for (CommitAnalysis c : analysis.commits()) {
            String why = c.prediction().model().fallback();
            if (why != null) {
                commits++;
                reason = reason == null ? why : reason;
            }
        }
        return new Fallback(reason, commits);
    }

    /** The line a human report shows, or null. */
    String warning() {
        return reason == null ? null : "the embedded model answered " + commits + " commit(s) in place of Triton: " + reason;
    }
}
