package dev.vcai.policy;

import java.util.List;

/** The verdict of a set of gates and what each gate found. */
public record Decision(Verdict verdict, List<GateResult> results) {
    public Decision {
        results = List.copyOf(results);
    }

    /** The gates that failed, must-pass and advisory: the reasons for the verdict. */
    public List<GateResult> failures() {
        return results.stream().filter(r -> r.outcome() == GateResult.Outcome.FAILED).toList();
    }

    /**
     * @param value the metric's value, or NaN when it was unknown and the gate skipped
     */
    public record GateResult(String gate, String metric, double value, Outcome outcome, Verdict effect, boolean mustPass,
                             String message) {
        public enum Outcome { PASSED, FAILED, SKIPPED }
    }
}
