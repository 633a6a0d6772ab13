package dev.vcai.report;

import dev.vcai.impact.BlastRadius;
import dev.vcai.pipeline.CommitAnalysis;
import dev.vcai.pipeline.RangeAnalysis;
import dev.vcai.risk.Risk;
import java.util.List;

/** The report as GitHub-flavoured Markdown, for pull-request comments and job summaries. */
public final class MarkdownReport {
    private MarkdownReport() {
    }

    public static String render(RangeAnalysis analysis) {
        StringBuilder out = new StringBuilder();
        out.append("### vcai: ").append(analysis.verdict().name()).append("\n\n");
        out.append(escape(Cells.summary(analysis))).append("\n\n");
        out.append("| Commit | Subject | Type | Blast radius | Risk | Verdict | Why |\n");
        out.append("|---|---|---|---|---|---|---|\n");
        for (CommitAnalysis c : analysis.commits()) {
            out.append("| `").append(c.facts().shortId()).append("` | ").append(escape(c.facts().subject()))
                    .append(" | ").append(escape(Cells.changeType(c)))
                    .append(" | ").append(Cells.blastRadius(c))
                    .append(" | ").append(Cells.risk(c))
                    .append(" | **").append(c.decision().verdict().name()).append("**")
                    .append(" | ").append(escape(Cells.reasons(c))).append(" |\n");
        }
        out.append("\n<details><summary>Risk factors and model evidence</summary>\n\n");
        for (CommitAnalysis c : analysis.commits()) {
            out.append("- `").append(c.facts().shortId()).append("` risk ").append(c.risk().score()).append(": ");
            out.append(String.join("; ", c.risk().factors().stream().limit(3).map(MarkdownReport::factor).toList()));
            out.append(". Type ").append(c.prediction().type().id()).append(" because ");
            out.append(escape(String.join(", ", c.prediction().drivers().stream().limit(3).map(d -> d.describe()).toList())));
            out.append(".\n");
        }
        out.append("\n</details>\n");
        blastRadii(analysis, out);
        for (String warning : analysis.warnings()) {
            out.append("\n> **Warning:** ").append(escape(warning)).append('\n');
        }
        return out.toString();
    }

    /** The full blast radius of each commit that reaches anything: top modules with their paths, covering tests. */
    private static void blastRadii(RangeAnalysis analysis, StringBuilder out) {
        List<CommitAnalysis> reaching = analysis.commits().stream()
                .filter(c -> c.blastRadius().computed() && (c.blastRadius().dependentCount() > 0 || !c.blastRadius().topModules().isEmpty()))
                .toList();
        if (reaching.isEmpty()) {
            return;
        }
        out.append("\n<details><summary>Blast radius</summary>\n\n");
        for (CommitAnalysis c : reaching) {
            BlastRadius r = c.blastRadius();
            out.append("- `").append(c.facts().shortId()).append("` score ").append(r.score()).append(": ")
                    .append(r.dependentCount()).append(" dependent files of ").append(r.graphFiles()).append(", modules changed ")
                    .append(escape(String.join(", ", r.changedModules()))).append(r.testsCover()
                            ? ", covered by " + r.coveringTests().size() + " test files (" + escape(String.join(", ", r.coveringTests().stream().limit(3).toList())) + ")"
                            : ", no test depends on it").append('\n');
            for (BlastRadius.ModuleReach m : r.topModules()) {
                out.append("  - ").append(escape(m.module())).append(" (").append(m.files()).append(" files): `")
                        .append(escape(String.join(" -> ", m.path()))).append("`\n");
            }
        }
        out.append("\n</details>\n");
    }

    private static String factor(Risk.Factor f) {
        return escape(f.evidence()) + " (" + (f.points() > 0 ? "+" : "") + f.points() + ")";
    }

    /** Table cells must not break the table: pipes escaped, line breaks and HTML neutralised. */
    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\r", " ").replace("\n", " ");
    }
}
