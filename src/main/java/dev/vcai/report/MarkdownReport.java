package dev.vcai.report;

import dev.vcai.pipeline.RangeAnalysis;
import dev.vcai.risk.Risk;
import java.util.List;
import java.util.regex.Pattern;

/** The report as GitHub-flavoured Markdown, for pull-request comments and job summaries. */
public final class MarkdownReport {
    private static final Pattern MARKDOWN_PUNCTUATION = Pattern.compile("[\\\\`*_\\[\\]|~]");

    private MarkdownReport() {
    }

    public static String render(RangeAnalysis analysis) {
        return render(Summary.of(analysis));
    }

    public static String render(Summary analysis) {
        StringBuilder out = new StringBuilder();
        out.append("### vcai: ").append(analysis.verdict().name()).append("\n\n");
        out.append(escape(analysis.text())).append("\n\n");
        out.append("| Commit | Subject | Type | Blast radius | Risk | Verdict | Why |\n");
        out.append("|---|---|---|---|---|---|---|\n");
        for (Summary.Row c : analysis.commits()) {
            out.append("| `").append(c.shortId()).append("` | ").append(subject(c.subject()))
                    .append(" | ").append(escape(c.typeCell()))
                    .append(" | ").append(c.blastCell())
                    .append(" | ").append(c.riskCell())
                    .append(" | **").append(c.verdict().name()).append("**")
                    .append(" | ").append(escape(c.reasons())).append(" |\n");
        }
        out.append("\n<details><summary>Risk factors and model evidence</summary>\n\n");
        for (Summary.Row c : analysis.commits()) {
            out.append("- `").append(c.shortId()).append("` risk ").append(c.riskScore()).append(": ");
            out.append(String.join("; ", c.factors().stream().limit(3).map(MarkdownReport::factor).toList()));
            out.append(". Type ").append(c.type()).append(" because ");
            out.append(escape(String.join(", ", c.drivers().stream().limit(3).toList())));
            out.append(".\n");
        }
        out.append("\n</details>\n");
        blastRadii(analysis, out);
        for (String warning : analysis.warnings()) {
            out.append("\n> **Warning:** ").append(escape(warning)).append('\n');
        }
        return out.toString();
    }

    /** The full blast radius of each commit that reaches anything: top modules with their paths, covering tests, dependent files. */
    private static void blastRadii(Summary analysis, StringBuilder out) {
        List<Summary.Row> reaching = analysis.commits().stream().filter(c -> !c.blastDetails().isEmpty()).toList();
        if (reaching.isEmpty()) {
            return;
        }
        out.append("\n<details><summary>Blast radius</summary>\n\n");
        for (Summary.Row c : reaching) {
            out.append("- `").append(c.shortId()).append("` ").append(escape(c.blastDetails().get(0))).append('\n');
            for (String module : c.blastDetails().subList(1, c.blastDetails().size())) {
                out.append("  - `").append(module.replace('`', '\'').replace('\n', ' ')).append("`\n"); // a code span shows '->' as is
            }
        }
        out.append("\n</details>\n");
    }

    private static String factor(Risk.Factor f) {
        return escape(f.evidence()) + " (" + (f.points() > 0 ? "+" : "") + f.points() + ")";
    }

    /**
     * Text shown as written, never as Markdown: a subject is the committer's, and in a pull request's comment
     * {@code **x**}, {@code [x](url)} or {@code `x`} would render, a pipe would break the table.
     */
    private static String escape(String text) {
        return MARKDOWN_PUNCTUATION.matcher(text).replaceAll("\\\\$0").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\r", " ").replace("\n", " ");
    }

    /** A subject as written: besides {@link #escape}, an @name would notify that user; a word joiner after the @ does not show. */
    private static String subject(String text) {
        return escape(text).replaceAll("@(?=[A-Za-z0-9])", "@\u2060");
    }
}
