package dev.vcai.report;

import dev.vcai.pipeline.RangeAnalysis;
import dev.vcai.risk.Risk;
import java.util.Map;

/**
 * The report as one self-contained HTML page (styles inline, no scripts, nothing fetched), for Jenkins'
 * {@code publishHTML} or {@code archiveArtifacts}: readable where the build runs without network access.
 */
public final class HtmlReport {
    private HtmlReport() {
    }

    public static String render(RangeAnalysis analysis) {
        return page(Summary.of(analysis));
    }

    /** The whole page: the {@link #fragment(Summary)} under a heading, and each commit's evidence. */
    public static String page(Summary summary) {
        StringBuilder out = new StringBuilder(16_384);
        out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>vcai: ")
                .append(summary.verdict().name()).append("</title>\n<style>\n").append(STYLE).append("</style></head>\n<body>\n");
        out.append("<h1>vcai <span class=\"verdict ").append(summary.verdict().name()).append("\">")
                .append(summary.verdict().name()).append("</span></h1>\n");
        out.append(fragment(summary));
        out.append("<h2>Evidence</h2>\n");
        for (Summary.Row c : summary.commits()) {
            out.append("<details><summary><span class=\"id\">").append(c.shortId()).append("</span> ")
                    .append(escape(c.subject())).append("</summary>\n<ul>\n");
            for (Risk.Factor f : c.factors()) {
                out.append("<li>risk ").append(f.points() > 0 ? "+" : "").append(f.points()).append(": ").append(escape(f.evidence()))
                        .append("</li>\n");
            }
            for (String driver : c.drivers()) {
                out.append("<li>").append(c.type()).append(" because ").append(escape(driver)).append("</li>\n");
            }
            out.append("</ul></details>\n");
        }
        out.append("<p class=\"meta\">model ").append(summary.modelSha256() == null ? "" : summary.modelSha256().substring(0, 12))
                .append("</p>\n</body></html>\n");
        return out.toString();
    }

    /**
     * The summary, counts, warnings and per-commit table as one {@code <div class="vcai-summary">}, with no styles or
     * scripts of its own: the body of {@link #page(Summary)}, and what a host page (the Jenkins build page) embeds.
     * Every text from the repository is escaped.
     */
    public static String fragment(Summary summary) {
        StringBuilder out = new StringBuilder(8_192);
        out.append("<div class=\"vcai-summary\">\n<p class=\"summary\">").append(escape(summary.text())).append("</p>\n");
        out.append("<p class=\"meta\">").append(escape(summary.repository())).append(" &middot; ").append(escape(summary.range()));
        if (summary.ref() != null) {
            out.append(" &middot; ").append(escape(summary.ref()));
        }
        out.append("</p>\n");
        counts(out, "Change types", summary.changeTypes());
        counts(out, "Risk", summary.riskLevels());
        for (String warning : summary.warnings()) {
            out.append("<p class=\"warning\">Warning: ").append(escape(warning)).append("</p>\n");
        }
        out.append("<table class=\"jenkins-table\">\n<thead><tr><th>Commit</th><th>Subject</th><th>Type</th><th>Blast radius</th>")
                .append("<th>Risk</th><th>Verdict</th><th>Why</th></tr></thead>\n<tbody>\n");
        for (Summary.Row c : summary.commits()) {
            out.append("<tr><td class=\"id\">").append(escape(c.shortId())).append("</td><td>").append(escape(c.subject()))
                    .append("</td><td>").append(escape(c.typeCell())).append("</td><td>").append(c.blastCell())
                    .append("</td><td class=\"risk ").append(escape(c.riskLevel())).append("\">").append(escape(c.riskCell()))
                    .append("</td><td class=\"verdict ").append(c.verdict().name()).append("\">")
                    .append(c.verdict().name()).append("</td><td>").append(escape(c.reasons())).append("</td></tr>\n");
        }
        out.append("</tbody></table>\n</div>\n");
        return out.toString();
    }

    private static void counts(StringBuilder out, String title, Map<String, Integer> counts) {
        out.append("<p class=\"counts\"><b>").append(title).append(":</b>");
        counts.forEach((name, n) -> out.append(" <span class=\"chip\">").append(escape(name)).append(" ").append(n).append("</span>"));
        out.append("</p>\n");
    }

    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static final String STYLE = """
            body { font-family: system-ui, sans-serif; margin: 1.5em; color: #1b1f24; }
            h1 { font-size: 1.4em; } h2 { font-size: 1.1em; margin-top: 1.5em; }
            table { border-collapse: collapse; width: 100%; font-size: 0.9em; }
            th, td { border-bottom: 1px solid #d0d7de; padding: 0.35em 0.5em; text-align: left; vertical-align: top; }
            th { background: #f6f8fa; }
            .id { font-family: ui-monospace, monospace; }
            .verdict { font-weight: 600; padding: 0.1em 0.4em; border-radius: 0.3em; }
            .APPROVED { color: #1a7f37; } .CONDITIONAL { color: #9a6700; } .REJECTED, .BLOCKED { color: #cf222e; }
            h1 .verdict { border: 2px solid currentColor; }
            .risk.high, .risk.critical { color: #cf222e; } .risk.medium { color: #9a6700; }
            .chip { background: #eaeef2; border-radius: 1em; padding: 0.1em 0.6em; margin-left: 0.3em; }
            .meta { color: #57606a; font-size: 0.85em; } .warning { color: #9a6700; }
            details { margin: 0.3em 0; }
            """;
}
