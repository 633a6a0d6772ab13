package dev.vcai.service.quarantine;

import java.util.Map;

/**
 * A guess at why an experiment failed and how hard the fix is, from documented rules over the evidence (the README's
 * "Quarantine" table). The first rule that matches wins.
 *
 * @param complexity LOW (a setting or a re-run), MEDIUM (data or features), HIGH (a different architecture) or
 *                   IMPOSSIBLE (no change to this experiment can meet the gate)
 */
public record RootCause(String guess, Complexity complexity) {

    public enum Complexity { LOW, MEDIUM, HIGH, IMPOSSIBLE }

    /** Number of change types: an accuracy at or below 1/9 is what guessing gives. */
    private static final double CHANCE = 1.0 / 9;

    /**
     * @param metrics the evaluation's metrics ({@code accuracy}, {@code macro_f1}, {@code latency_p99_ms},
     *                {@code error_rate}, {@code model_size_bytes}, {@code training_commits}, {@code invalid_answer_rate})
     * @param gate    the threshold the metric broke (NaN for a crash)
     * @param error   the failure message for a crash, else null
     */
    public static RootCause of(Trigger trigger, Map<String, Double> metrics, double gate, String error) {
        return switch (trigger) {
            case RUN_CRASHED -> crash(error == null ? "" : error);
            case ACCURACY_BELOW_GATE -> accuracy(metrics, gate);
            case LATENCY_ABOVE_GATE -> latency(metrics, gate);
            case ERROR_RATE_ABOVE_GATE -> new RootCause("the model raised errors on " + percent(metrics.get("error_rate"))
                    + " of the evaluation commits: inputs it cannot process (see the run's errors)", Complexity.MEDIUM);
            case INVALID_LLM_ANSWERS -> metrics.getOrDefault("invalid_answer_rate", 1.0) < 0.1
                    ? new RootCause("a few answers did not parse: tighten the prompt or the answer parser", Complexity.LOW)
                    : new RootCause("most answers were unusable: the model does not follow the answer format", Complexity.HIGH);
        };
    }

    private static RootCause crash(String error) {
        String e = error.toLowerCase(java.util.Locale.ROOT);
        if (e.contains("triton")) {
            return new RootCause("no served-model backend could run it: " + error, Complexity.LOW);
        }
        if (e.contains("restart") || e.contains("stopped")) {
            return new RootCause("the service stopped while the run was in progress; run it again", Complexity.LOW);
        }
        if (e.contains("outofmemory") || e.contains("heap")) {
            return new RootCause("the run ran out of memory: lower training_settings.max_commits or raise min_commits", Complexity.MEDIUM);
        }
        if (e.contains("no labelled commits") || e.contains("dataset")) {
            return new RootCause("the configured data is missing or empty: " + error, Complexity.LOW);
        }
        return new RootCause("an unexpected error: " + error, Complexity.MEDIUM);
    }

    private static RootCause accuracy(Map<String, Double> m, double gate) {
        double accuracy = m.getOrDefault("accuracy", 0.0);
        double gap = gate - accuracy;
        if (accuracy <= CHANCE) {
            return new RootCause("accuracy " + round(accuracy) + " is no better than guessing: the model learned nothing "
                    + "(learning rate, epochs or a broken feature set)", Complexity.MEDIUM);
        }
        if (m.getOrDefault("training_commits", Double.MAX_VALUE) < 1000) {
            return new RootCause("trained on only " + m.get("training_commits").intValue() + " commits: too little data", Complexity.LOW);
        }
        if (gap > 0.30) {
            return new RootCause("accuracy " + round(accuracy) + " is " + round(gap) + " below the gate: beyond what tuning this "
                    + "architecture can recover", Complexity.IMPOSSIBLE);
        }
        if (gap > 0.15) {
            return new RootCause("accuracy " + round(accuracy) + " is " + round(gap) + " below the gate: the architecture is too weak "
                    + "for the task", Complexity.HIGH);
        }
        if (m.getOrDefault("macro_f1", accuracy) < accuracy - 0.15) {
            return new RootCause("macro-F1 " + round(m.get("macro_f1")) + " is far below accuracy: the rarer change types are "
                    + "poorly recognised (class balance, more data of those types)", Complexity.MEDIUM);
        }
        return new RootCause("accuracy " + round(accuracy) + " is " + round(gap) + " short of the gate: tune the hyperparameters",
                gap > 0.05 ? Complexity.MEDIUM : Complexity.LOW);
    }

    private static RootCause latency(Map<String, Double> m, double gate) {
        double p99 = m.getOrDefault("latency_p99_ms", Double.NaN);
        if (m.getOrDefault("model_size_bytes", 0.0) > 100e6) {
            return new RootCause("the model (" + Math.round(m.get("model_size_bytes") / 1e6) + " MB) is too large for the latency "
                    + "budget: quantize or prune it", Complexity.HIGH);
        }
        if (p99 > 10 * gate) {
            return new RootCause("p99 " + round(p99) + " ms is over ten times the gate: the architecture is too slow for it",
                    Complexity.HIGH);
        }
        return new RootCause("p99 " + round(p99) + " ms is above the gate: load on the host or a cold start; measure again",
                Complexity.LOW);
    }

    private static String round(Double value) {
        return value == null ? "?" : String.format(java.util.Locale.ROOT, "%.3f", value);
    }

    private static String percent(Double value) {
        return value == null ? "?" : String.format(java.util.Locale.ROOT, "%.1f%%", value * 100);
    }
}
