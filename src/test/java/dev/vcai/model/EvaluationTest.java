package dev.vcai.model;

import static dev.vcai.analysis.ChangeType.BUG_FIX;
import static dev.vcai.analysis.ChangeType.DOCUMENTATION;
import static dev.vcai.analysis.ChangeType.FEATURE;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class EvaluationTest {
    @Test
    void metricsByHand() {
        // declared: F F F B B D ; predicted: F F B B F D
        Evaluation e = Evaluation.of(List.of(FEATURE, FEATURE, FEATURE, BUG_FIX, BUG_FIX, DOCUMENTATION),
                List.of(FEATURE, FEATURE, BUG_FIX, BUG_FIX, FEATURE, DOCUMENTATION));
        assertEquals(4 / 6.0, e.accuracy(), 1e-9);
        // feature: P 2/3 R 2/3 F1 2/3; bug_fix: P 1/2 R 1/2 F1 1/2; documentation: 1,1,1
        assertEquals(2 / 3.0, e.perType().get(FEATURE).precision(), 1e-9);
        assertEquals(0.5, e.perType().get(BUG_FIX).recall(), 1e-9);
        assertEquals((2 / 3.0 + 0.5 + 1) / 3, e.macroF1(), 1e-9);
        assertEquals(3, e.perType().get(FEATURE).support());
        assertEquals(1, e.confusion()[FEATURE.ordinal()][BUG_FIX.ordinal()]);
        assertEquals(3, e.perType().size(), "types absent from both sides do not count in macro-F1");
    }
}
