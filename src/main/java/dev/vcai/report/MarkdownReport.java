package dev.vcai.report;

import dev.vcai.pipeline.CommitAnalysis;
import dev.vcai.pipeline.RangeAnalysis;
import dev.vcai.risk.Risk;

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
        for (String warning : Cells.warnings(analysis)) {
            out.append("\n> **Warning:** ").append(escape(warning)).append('\n');
        }
        return out.toString();
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
