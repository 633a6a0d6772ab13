package dev.vcai.risk;

import java.util.List;

/**
 * How likely a commit is to break something, 0-100, with the factors that added to it, largest first.
 */
public record Risk(int score, RiskLevel level, List<Factor> factors) {
    public Risk {
        factors = List.copyOf(factors);
    }

    /** One term of the score: a name, how many points it added and the evidence in words. */
    public record Factor(String name, double points, String evidence) {
    }
}
