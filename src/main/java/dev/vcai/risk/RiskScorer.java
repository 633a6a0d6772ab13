package dev.vcai.risk;

import dev.vcai.analysis.ChangeMetrics;
import dev.vcai.analysis.ChangeType;
import dev.vcai.analysis.CommitFacts;
import dev.vcai.analysis.FileKind;
import dev.vcai.impact.BlastRadius;
import dev.vcai.model.Prediction;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The risk score: a sum of capped, documented terms drawn from just-in-time defect prediction (Kamei et al.
 * 2013; McIntosh and Kamei 2018), where larger, more scattered changes to frequently changed files by less
 * experienced authors, without tests, induce more defects. See README "Risk" for the table of terms.
 */
public final class RiskScorer {
    private RiskScorer() {
    }

    public static Risk score(CommitFacts commit, Prediction prediction, BlastRadius blastRadius) {
        ChangeMetrics m = commit.metrics();
        List<Risk.Factor> factors = new ArrayList<>();
        int churn = m.churn();
        // A capped commit's counts stop at the cap: it is too large to read whole, so it counts as the largest.
        add(factors, "size", commit.capped() ? 25 : 25 * saturate(Math.log10(1 + churn) / Math.log10(1 + 2000)),
                commit.capped() ? "too large to read whole: at least " + m.linesAdded() + " lines added, " + m.linesDeleted() + " deleted"
                        : m.linesAdded() + " lines added, " + m.linesDeleted() + " deleted");
        add(factors, "files", 10 * saturate(Math.log(1 + m.files()) / Math.log(1 + 50)), m.files() + " files changed");
        add(factors, "subsystems", 5 * saturate((m.subsystems() - 1) / 4.0), m.subsystems() + " top-level directories touched");
        add(factors, "entropy", 5 * m.entropy(), String.format("changed lines spread over files (entropy %.2f)", m.entropy()));
        if (m.codeChanged() && !m.testsChanged()) {
            add(factors, "untested", churn < 10 ? 5 : 10, "code changed, no test changed");
        }
        if (m.priorChanges() >= 0) {
            add(factors, "hot_files", 10 * saturate(Math.log(1 + m.priorChanges()) / Math.log(1 + 100)),
                    m.priorChanges() + " earlier changes to these files");
            add(factors, "many_authors", 5 * saturate((m.priorAuthors() - 1) / 9.0), m.priorAuthors() + " earlier authors of these files");
        }
        if (m.authorCommits() >= 0 && m.authorCommits() < 20) {
            add(factors, "new_author", m.authorCommits() < 5 ? 10 : 5, "author has " + m.authorCommits() + " earlier commits here");
        }
        if (prediction.type() == ChangeType.BUG_FIX) {
            add(factors, "fix", 5, "bug fixes are more often followed by fixes");
        } else if (prediction.type() == ChangeType.SECURITY) {
            add(factors, "security", 10, "security-relevant change");
        }
        if (blastRadius.computed()) {
            add(factors, "blast_radius", 20 * blastRadius.score() / 100.0, "blast radius " + blastRadius.score() + "/100");
        }
        double total = factors.stream().mapToDouble(Risk.Factor::points).sum();
        if (onlyDocsOrTests(commit)) {
            double discount = Math.round(total * 0.7 * 10) / 10.0;
            total -= discount;
            factors.add(new Risk.Factor("docs_or_tests_only", -discount, "only documentation, comments or tests changed"));
        }
        factors.sort(Comparator.comparingDouble((Risk.Factor f) -> -Math.abs(f.points())));
        int score = (int) Math.round(Math.min(100, Math.max(0, total)));
        return new Risk(score, RiskLevel.of(score), factors);
    }

    private static void add(List<Risk.Factor> factors, String name, double points, String evidence) {
        if (points > 0.05) {
            factors.add(new Risk.Factor(name, Math.round(points * 10) / 10.0, evidence));
        }
    }

    private static double saturate(double x) {
        return Math.max(0, Math.min(1, x));
    }

    /** Docs, tests and changelogs only; a source file whose comments alone changed counts as docs. */
    private static boolean onlyDocsOrTests(CommitFacts commit) {
        return !commit.files().isEmpty() && commit.files().stream().allMatch(f -> f.kind() == FileKind.DOCUMENTATION
                || f.kind() == FileKind.TEST || f.kind() == FileKind.CHANGELOG || f.kind() == FileKind.SOURCE && f.commentsOnly());
    }
}
