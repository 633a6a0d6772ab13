package dev.vcai.report;

import dev.vcai.analysis.ChangeType;
import dev.vcai.impact.BlastRadius;
import dev.vcai.pipeline.CommitAnalysis;
import dev.vcai.pipeline.RangeAnalysis;
import dev.vcai.policy.Decision;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The short texts of a {@link Summary}, which every human-readable report shows. */
final class Cells {
    private Cells() {
    }

    /** {@code feature 0.82}, with {@code (declared fix)} when the declared type disagrees. */
    static String changeType(CommitAnalysis c) {
        String text = c.prediction().type().id() + " " + String.format("%.2f", c.prediction().confidence());
        if (c.facts().declared() != null) {
            ChangeType declared = c.facts().declared().changeType().orElse(null);
            if (declared != null && declared != c.prediction().type()) {
                text += " (declared " + declared.id() + ")";
            }
        }
        return text;
    }

    /**
     * The full blast radius in a few lines (empty when it reaches nothing or was not computed): the counts, modules
     * changed and covering tests, then each most affected module with the path that reaches it.
     */
    static List<String> blastDetails(CommitAnalysis c) {
        BlastRadius r = c.blastRadius();
        if (!r.computed() || (r.dependentCount() == 0 && r.topModules().isEmpty())) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        lines.add("score " + r.score() + ": " + r.dependentCount() + " dependent files of " + r.graphFiles() + ", modules changed "
                + String.join(", ", r.changedModules()) + (r.testsCover() ? ", covered by " + r.coveringTests().size() + " test files ("
                + String.join(", ", r.coveringTests().stream().limit(3).toList()) + ")" : ", no test depends on it"));
        for (BlastRadius.ModuleReach m : r.topModules()) {
            lines.add(m.module() + " (" + m.files() + " files): " + String.join(" -> ", m.path()));
        }
        if (!r.dependentFiles().isEmpty()) {
            int more = r.dependentCount() - r.dependentFiles().size();
            lines.add("dependent files: " + String.join(", ", r.dependentFiles()) + (more > 0 ? " and " + more + " more" : ""));
        }
        return lines;
    }

    /** The failed gates, must-pass first: why the verdict is what it is. */
    static String reasons(CommitAnalysis c) {
        return c.decision().failures().stream()
                .sorted((a, b) -> Boolean.compare(b.mustPass(), a.mustPass()))
                .map(r -> r.mustPass() ? r.gate() : r.gate() + " (advisory)")
                .collect(Collectors.joining(", "));
    }

    static String summary(RangeAnalysis analysis) {
        Map<String, Integer> types = new TreeMap<>();
        Map<String, Integer> failures = new TreeMap<>();
        for (CommitAnalysis c : analysis.commits()) {
            types.merge(c.prediction().type().id(), 1, Integer::sum);
            for (Decision.GateResult r : c.decision().failures()) {
                if (r.mustPass()) {
                    failures.merge(r.gate(), 1, Integer::sum);
                }
            }
        }
        String text = analysis.commits().size() + (analysis.commits().size() == 1 ? " commit: " : " commits: ")
                + types.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", "));
        text += ". Verdict: " + analysis.verdict().name();
        if (!failures.isEmpty()) {
            text += " (" + failures.entrySet().stream().map(e -> e.getKey() + " x" + e.getValue()).collect(Collectors.joining(", ")) + ")";
        }
        // Said only when the model is not the in-process one, which is what a reader assumes.
        long onTriton = analysis.commits().stream().filter(c -> c.prediction().model().backend().equals("triton")).count();
        if (onTriton > 0) {
            text += ". Model: triton" + (onTriton < analysis.commits().size() ? " (" + onTriton + " of " + analysis.commits().size() + " commits)" : "");
        }
        return text;
    }

    /** The range's warnings, and a failover from Triton to the embedded model if there was one. */
    static java.util.List<String> warnings(RangeAnalysis analysis) {
        String fallback = Fallback.of(analysis).warning();
        if (fallback == null) {
            return analysis.warnings();
        }
        java.util.List<String> warnings = new java.util.ArrayList<>(analysis.warnings());
        warnings.add(fallback);
        return warnings;
    }
}
