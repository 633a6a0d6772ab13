package dev.vcai.service.quarantine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RootCauseTest {
    private static RootCause.Complexity accuracy(double accuracy, double macroF1, double trainingCommits) {
        return RootCause.of(Trigger.ACCURACY_BELOW_GATE, Map.of("accuracy", accuracy, "macro_f1", macroF1,
                "training_commits", trainingCommits), 0.92, null).complexity();
    }

    @Test
    void accuracyRulesInOrder() {
        assertEquals(RootCause.Complexity.MEDIUM, accuracy(0.10, 0.05, 50_000), "no better than guessing");
        assertEquals(RootCause.Complexity.LOW, accuracy(0.60, 0.5, 300), "too little data");
        assertEquals(RootCause.Complexity.IMPOSSIBLE, accuracy(0.55, 0.5, 50_000));
        assertEquals(RootCause.Complexity.HIGH, accuracy(0.70, 0.6, 50_000));
        assertEquals(RootCause.Complexity.MEDIUM, accuracy(0.85, 0.60, 50_000), "rare types poorly recognised");
        assertEquals(RootCause.Complexity.MEDIUM, accuracy(0.80, 0.78, 50_000));
        assertEquals(RootCause.Complexity.LOW, accuracy(0.90, 0.88, 50_000));
    }

    @Test
    void crashesLatencyErrorsAndLlmAnswers() {
        RootCause triton = RootCause.of(Trigger.RUN_CRASHED, Map.of(), Double.NaN, "no Triton endpoint is configured");
        assertEquals(RootCause.Complexity.LOW, triton.complexity());
        assertTrue(triton.guess().contains("Triton"));
        assertEquals(RootCause.Complexity.MEDIUM, RootCause.of(Trigger.RUN_CRASHED, Map.of(), Double.NaN, "NullPointerException").complexity());
        assertEquals(RootCause.Complexity.HIGH, RootCause.of(Trigger.LATENCY_ABOVE_GATE, Map.of("latency_p99_ms", 6000.0), 500, null).complexity());
        assertEquals(RootCause.Complexity.HIGH, RootCause.of(Trigger.LATENCY_ABOVE_GATE,
                Map.of("latency_p99_ms", 600.0, "model_size_bytes", 4e9), 500, null).complexity());
        assertEquals(RootCause.Complexity.LOW, RootCause.of(Trigger.LATENCY_ABOVE_GATE, Map.of("latency_p99_ms", 600.0), 500, null).complexity());
        assertEquals(RootCause.Complexity.MEDIUM, RootCause.of(Trigger.ERROR_RATE_ABOVE_GATE, Map.of("error_rate", 0.1), 0.02, null).complexity());
        assertEquals(RootCause.Complexity.LOW, RootCause.of(Trigger.INVALID_LLM_ANSWERS, Map.of("invalid_answer_rate", 0.05), 0, null).complexity());
        assertEquals(RootCause.Complexity.HIGH, RootCause.of(Trigger.INVALID_LLM_ANSWERS, Map.of("invalid_answer_rate", 0.5), 0, null).complexity());
    }
}
