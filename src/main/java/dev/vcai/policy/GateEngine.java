package dev.vcai.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Decides a verdict from named metrics and gates. It knows nothing of commits or models: the same engine judges a
 * commit (metrics such as {@code risk.score}) and a model promotion (metrics such as {@code accuracy}).
 */
public final class GateEngine {
    private GateEngine() {
    }

    /**
     * @param ref       the ref being judged (e.g. {@code refs/heads/main}), or null when there is none; gates limited
     *                  to some branches are skipped without one
     * @param protectedBranches the patterns that {@code protected} in a gate's branches stands for
     */
    public static Decision decide(List<Gate> gates, Map<String, Double> metrics, String ref, List<String> protectedBranches) {
        Verdict verdict = Verdict.APPROVED;
        List<Decision.GateResult> results = new ArrayList<>();
        for (Gate gate : gates) {
            if (!applies(gate, ref, protectedBranches)) {
                continue;
            }
            Double value = metrics.get(gate.metric());
            if (value == null || value.isNaN()) {
                results.add(new Decision.GateResult(gate.name(), gate.metric(), Double.NaN, Decision.GateResult.Outcome.SKIPPED,
                        Verdict.APPROVED, gate.mustPass(), gate.metric() + " is not known"));
                continue;
            }
            boolean passed = gate.op().holds(value, gate.threshold());
            Verdict effect = passed || !gate.mustPass() ? Verdict.APPROVED : gate.onFail();
            verdict = verdict.worst(effect);
            String message = passed ? gate.metric() + " " + format(value) + " " + gate.op().symbol() + " " + format(gate.threshold())
                    : (gate.description().isEmpty() ? gate.metric() + " " + format(value) + " fails " + gate.op().symbol() + " "
                    + format(gate.threshold()) : gate.description() + " (" + gate.metric() + " " + format(value) + ")");
            results.add(new Decision.GateResult(gate.name(), gate.metric(), value,
                    passed ? Decision.GateResult.Outcome.PASSED : Decision.GateResult.Outcome.FAILED, effect, gate.mustPass(), message));
        }
        return new Decision(verdict, results);
    }

    private static boolean applies(Gate gate, String ref, List<String> protectedBranches) {
        if (gate.branches().isEmpty()) {
            return true;
        }
        if (ref == null) {
            return false;
        }
        return RefPatterns.matchesAny(gate.branches(), protectedBranches, ref);
    }

    static String format(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : String.format("%.3f", value);
    }
}
