package dev.vcai.report;

import dev.vcai.model.Driver;
import dev.vcai.pipeline.CommitAnalysis;
import dev.vcai.pipeline.RangeAnalysis;
import dev.vcai.policy.Verdict;
import dev.vcai.risk.Risk;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * What the human-readable reports show of a range analysis, without the diffs: small enough to travel from a Jenkins
 * agent to the controller and to be kept with a build, and the one input of the HTML and Markdown renderings, so a
 * report rendered later from a kept summary reads the same as one rendered at analysis time.
 *
 * @param text        the one-line summary ("3 commits: 2 feature, 1 test. Verdict: ...")
 * @param changeTypes commits per predicted change type
 * @param riskLevels  commits per risk level
 * @param modelSha256 the model's SHA-256, or null when there were no commits
 * @param commits     newest first
 */
public record Summary(String repository, String range, String ref, Verdict verdict, String text,
                      Map<String, Integer> changeTypes, Map<String, Integer> riskLevels, List<String> warnings,
                      String modelSha256, List<Row> commits) {
    public Summary {
        changeTypes = Collections.unmodifiableSortedMap(new TreeMap<>(changeTypes));
        riskLevels = Collections.unmodifiableSortedMap(new TreeMap<>(riskLevels));
        warnings = List.copyOf(warnings);
        commits = List.copyOf(commits);
    }

    /**
     * One commit.
     *
     * @param typeCell   {@code feature 0.82}, with the declared type when it disagrees
     * @param blastScore 0..100, or null when the blast radius was not computed
     * @param reasons    the failed gates, must-pass first
     * @param drivers    why the model chose the type, in words
     * @param blastFiles   files depending on the change (0 when the blast radius was not computed)
     * @param blastDetails the blast radius in lines for the Markdown details: counts, then the most affected modules
     *                     with their paths, then the dependent files; empty when it reaches nothing
     * @param commentsOnly the commit changed comments and blank lines only (so its blast radius is 0)
     */
    public record Row(String id, String shortId, String subject, String type, String typeCell, Integer blastScore,
                      int riskScore, String riskLevel, Verdict verdict, String reasons, List<Risk.Factor> factors,
                      List<String> drivers, int blastFiles, List<String> blastDetails, boolean commentsOnly) {
        public Row {
            factors = List.copyOf(factors);
            drivers = List.copyOf(drivers);
            blastDetails = blastDetails == null ? List.of() : List.copyOf(blastDetails); // null in a summary kept before they existed
        }

        /** {@code 42 (17 files)}: the score and the number of dependent files, {@code 0 (comments only)}, or {@code n/a}. */
        String blastCell() {
            if (blastScore == null) {
                return "n/a";
            }
            return blastScore + (commentsOnly ? " (comments only)" : " (" + blastFiles + (blastFiles == 1 ? " file)" : " files)"));
        }

        String riskCell() {
            return riskLevel + " " + riskScore;
        }
    }

    public static Summary of(RangeAnalysis analysis) {
        List<Row> rows = analysis.commits().stream().map(Summary::row).toList();
        return new Summary(analysis.repository(), analysis.range(), analysis.ref(), analysis.verdict(), Cells.summary(analysis),
                count(analysis, c -> c.prediction().type().id()), count(analysis, c -> c.risk().level().id()), Cells.warnings(analysis),
                analysis.commits().isEmpty() ? null : analysis.commits().get(0).prediction().model().sha256(), rows);
    }

    private static Row row(CommitAnalysis c) {
        return new Row(c.facts().id(), c.facts().shortId(), c.facts().subject(), c.prediction().type().id(), Cells.changeType(c),
                c.blastRadius().computed() ? c.blastRadius().score() : null, c.risk().score(), c.risk().level().id(),
                c.decision().verdict(), Cells.reasons(c), c.risk().factors(),
                c.prediction().drivers().stream().map(Driver::describe).distinct().toList(), // two features can read alike
                c.blastRadius().dependentCount(), Cells.blastDetails(c), c.facts().commentsOnly());
    }

    private static Map<String, Integer> count(RangeAnalysis analysis, Function<CommitAnalysis, String> key) {
        Map<String, Integer> counts = new TreeMap<>();
        analysis.commits().forEach(c -> counts.merge(key.apply(c), 1, Integer::sum));
        return counts;
    }
}
