package dev.vcai.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vcai.policy.Decision;
import dev.vcai.policy.Verdict;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The promotion decision table with the default gates. */
class PromotionGatesTest {
    @ParameterizedTest(name = "acc {0} p99 {1} err {2} gain {3} rps {4} blacklisted {5} -> {6}")
    @CsvSource({
            // accuracy, p99 ms, error rate, gain over production, throughput, blacklisted techniques, decision
            "0.95, 40,  0.00, 0.10, 900, 0, APPROVED",
            "0.92, 500, 0.02, 0.05, 100, 0, APPROVED",   // every threshold exactly met
            "0.95, 40,  0.00, 0.10, 50,  0, APPROVED",   // throughput is advisory
            "0.95, 40,  0.00, 0.02, 900, 0, CONDITIONAL", // not 5% better than production
            "0.91, 40,  0.00, 0.10, 900, 0, REJECTED",
            "0.95, 501, 0.00, 0.10, 900, 0, REJECTED",
            "0.95, 40,  0.03, 0.10, 900, 0, REJECTED",
            "0.91, 40,  0.00, 0.02, 900, 0, REJECTED",   // REJECTED outranks CONDITIONAL
            "0.95, 40,  0.00, 0.10, 900, 1, BLOCKED",
            "0.50, 900, 0.50, -0.5, 1,   2, BLOCKED",    // BLOCKED outranks everything
    })
    void decides(double accuracy, double p99, double errorRate, double gain, double throughput, double blacklisted, Verdict expected) {
        Map<String, Double> metrics = new HashMap<>();
        metrics.put("accuracy", accuracy);
        metrics.put("latency_p99_ms", p99);
        metrics.put("error_rate", errorRate);
        metrics.put(PromotionGates.GAIN, gain);
        metrics.put("throughput_rps", throughput);
        metrics.put(PromotionGates.BLACKLISTED, blacklisted);
        Decision decision = PromotionGates.DEFAULTS.decide(metrics);
        assertEquals(expected, decision.verdict(), decision.results().toString());
        assertEquals(6, decision.results().size());
    }
}
