package dev.vcai.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class McNemarTest {
    @Test
    void smallDiscordantCountsUseTheExactBinomialTest() {
        McNemar allOneWay = McNemar.of(0, 10);
        assertEquals("exact_binomial", allOneWay.method());
        assertEquals(2 * Math.pow(0.5, 10), allOneWay.pValue(), 1e-12);
        assertTrue(allOneWay.significant(0.05));
        // b=3, c=7: 2 * P(X <= 3), X ~ Bin(10, 1/2) = 2 * 176/1024.
        assertEquals(2 * 176.0 / 1024, McNemar.of(3, 7).pValue(), 1e-12);
        assertEquals(1.0, McNemar.of(5, 5).pValue(), 1e-12);
        assertEquals(1.0, McNemar.of(0, 0).pValue());
    }

    @Test
    void largeCountsUseTheCorrectedChiSquare() {
        McNemar test = McNemar.of(30, 10);
        assertEquals("chi_square_corrected", test.method());
        assertEquals(19.0 * 19 / 40, test.statistic(), 1e-12);
        // P(chi2(1) > 9.025) = 0.002663 (R: pchisq(9.025, 1, lower.tail = FALSE)).
        assertEquals(0.002663, test.pValue(), 1e-5);
        assertFalse(McNemar.of(20, 18).significant(0.05));
    }
}
