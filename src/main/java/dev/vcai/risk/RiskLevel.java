package dev.vcai.risk;

import java.util.Locale;

/** Bands of the 0-100 risk score: below 25 low, below 50 medium, below 75 high, else critical. */
public enum RiskLevel {
    LOW, MEDIUM, HIGH, CRITICAL;

    public static RiskLevel of(int score) {
        return score < 25 ? LOW : score < 50 ? MEDIUM : score < 75 ? HIGH : CRITICAL;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
