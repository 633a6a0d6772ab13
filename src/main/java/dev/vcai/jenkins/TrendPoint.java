package dev.vcai.jenkins;

import dev.vcai.policy.Verdict;
import dev.vcai.report.Summary;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One build in the trend: how many of its commits got each verdict and each change type, and its highest and mean
 * risk.
 *
 * @param verdicts    commits per verdict, every verdict present (zero when none)
 * @param changeTypes commits per predicted change type
 */
public record TrendPoint(int build, Map<Verdict, Integer> verdicts, int maxRisk, double meanRisk, Map<String, Integer> changeTypes) {
    public TrendPoint {
        verdicts = Collections.unmodifiableMap(new EnumMap<>(verdicts));
        changeTypes = Collections.unmodifiableSortedMap(new TreeMap<>(changeTypes));
    }

    /** The build's point, or empty when its analysis failed (a failed analysis has nothing to plot). */
    public static Optional<TrendPoint> of(int build, JenkinsResult result) {
        if (!result.analysed()) {
            return Optional.empty();
        }
        Map<Verdict, Integer> verdicts = new EnumMap<>(Verdict.class);
        for (Verdict verdict : Verdict.values()) {
            verdicts.put(verdict, 0);
        }
        int max = 0;
        long sum = 0;
        for (Summary.Row row : result.summary().commits()) {
            verdicts.merge(row.verdict(), 1, Integer::sum);
            max = Math.max(max, row.riskScore());
            sum += row.riskScore();
        }
        int commits = result.summary().commits().size();
        return Optional.of(new TrendPoint(build, verdicts, max, commits == 0 ? 0 : (double) sum / commits,
                result.summary().changeTypes()));
    }
}
