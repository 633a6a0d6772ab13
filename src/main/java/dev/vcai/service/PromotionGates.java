package dev.vcai.service;

import dev.vcai.policy.Decision;
import dev.vcai.policy.Gate;
import dev.vcai.policy.GateEngine;
import dev.vcai.service.quarantine.Quarantine;
import dev.vcai.service.quarantine.Trigger;
import dev.vcai.service.store.Records;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The promotion gates, judged by the core's {@link GateEngine}, and the quarantine triggers that share their
 * thresholds. Must-pass: accuracy, p99 latency and error rate (REJECTED when failed), accuracy relative to the
 * production model on the same commits (CONDITIONAL: a model no better needs a person's judgement) and no blacklisted
 * technique (BLOCKED). Advisory: throughput.
 *
 * @param minGain the least relative accuracy gain over production, e.g. 0.05 for "5% above"
 */
public record PromotionGates(double minAccuracy, double maxP99Ms, double maxErrorRate, double minGain, double minThroughput) {
    public static final PromotionGates DEFAULTS = new PromotionGates(0.92, 500, 0.02, 0.05, 100);

    public static final String GAIN = "accuracy_gain_over_production";
    public static final String BLACKLISTED = "blacklisted_techniques";

    public List<Gate> gates() {
        return List.of(
                new Gate("accuracy", "accuracy", Gate.Operator.GE, minAccuracy, dev.vcai.policy.Verdict.REJECTED, true, List.of(),
                        "accuracy below the promotion gate"),
                new Gate("latency", "latency_p99_ms", Gate.Operator.LE, maxP99Ms, dev.vcai.policy.Verdict.REJECTED, true, List.of(),
                        "p99 latency above the promotion gate"),
                new Gate("error-rate", "error_rate", Gate.Operator.LE, maxErrorRate, dev.vcai.policy.Verdict.REJECTED, true, List.of(),
                        "error rate above the promotion gate"),
                new Gate("better-than-production", GAIN, Gate.Operator.GE, minGain, dev.vcai.policy.Verdict.CONDITIONAL, true,
                        List.of(), "not clearly more accurate than the production model on the same commits"),
                new Gate("throughput", "throughput_rps", Gate.Operator.GE, minThroughput, dev.vcai.policy.Verdict.APPROVED, false,
                        List.of(), "throughput below the advisory level"),
                new Gate("blacklist", BLACKLISTED, Gate.Operator.EQ, 0, dev.vcai.policy.Verdict.BLOCKED, true, List.of(),
                        "uses a blacklisted technique"));
    }

    public Decision decide(Map<String, Double> metrics) {
        return GateEngine.decide(gates(), metrics, null, List.of());
    }

    /** The quarantine records an evaluation's metrics call for (triggers that are off give none). */
    List<Quarantine.Pending> breaches(Quarantine quarantine, Records.Experiment experiment, Map<String, Double> m) {
        List<Quarantine.Pending> out = new ArrayList<>();
        if (m.get("accuracy") < minAccuracy) {
            out.add(quarantine.failure(experiment, Trigger.ACCURACY_BELOW_GATE, m, minAccuracy, null));
        }
        if (m.get("latency_p99_ms") > maxP99Ms) {
            out.add(quarantine.failure(experiment, Trigger.LATENCY_ABOVE_GATE, m, maxP99Ms, null));
        }
        if (m.get("error_rate") > maxErrorRate) {
            out.add(quarantine.failure(experiment, Trigger.ERROR_RATE_ABOVE_GATE, m, maxErrorRate, null));
        }
        Double invalid = m.get("invalid_answer_rate");
        if (invalid != null && invalid > 0) {
            out.add(quarantine.failure(experiment, Trigger.INVALID_LLM_ANSWERS, m, 0, null));
        }
        out.removeIf(java.util.Objects::isNull);
        return out;
    }
}
