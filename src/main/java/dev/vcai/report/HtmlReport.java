package dev.vcai.report;

import dev.vcai.model.Driver;
import dev.vcai.pipeline.CommitAnalysis;
import dev.vcai.pipeline.RangeAnalysis;
import dev.vcai.risk.Risk;
import java.util.Map;
import java.util.TreeMap;

/**
 * The report as one self-contained HTML page (styles inline, no scripts, nothing fetched), for Jenkins'
 * {@code publishHTML} or {@code archiveArtifacts}: readable where the build runs without network access.
 */
public final class HtmlReport {
    private HtmlReport() {
    }

    public static String render(RangeAnalysis analysis) {
        StringBuilder out = new StringBuilder(16_384);
        out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>vcai: ")
                .append(analysis.verdict().name()).append("</title>\n<style>\n").append(STYLE).append("</style></head>\n<body>\n");
        out.append("<h1>vcai <span class=\"verdict ").append(analysis.verdict().name()).append("\">")
                .append(analysis.verdict().name()).append("</span></h1>\n");
        out.append("<p class=\"summary\">").append(escape(Cells.summary(analysis))).append("</p>\n");
        out.append("<p class=\"meta\">").append(escape(analysis.repository())).append(" &middot; ").append(escape(analysis.range()));
        if (analysis.ref() != null) {
            out.append(" &middot; ").append(escape(analysis.ref()));
        }
        out.append("</p>\n");
        counts(out, "Change types", analysis, c -> c.prediction().type().id());
        counts(out, "Risk", analysis, c -> c.risk().level().id());
        for (String warning : Cells.warnings(analysis)) {
            out.append("<p class=\"warning\">Warning: ").append(escape(warning)).append("</p>\n");
        }
        out.append("<table>\n<thead><tr><th>Commit</th><th>Subject</th><th>Type</th><th>Blast radius</th><th>Risk</th>")
                .append("<th>Verdict</th><th>Why</th></tr></thead>\n<tbody>\n");
        for (CommitAnalysis c : analysis.commits()) {
            out.append("<tr><td class=\"id\">").append(c.facts().shortId()).append("</td><td>").append(escape(c.facts().subject()))
                    .append("</td><td>").append(escape(Cells.changeType(c))).append("</td><td>").append(Cells.blastRadius(c))
                    .append("</td><td class=\"risk ").append(c.risk().level().id()).append("\">").append(Cells.risk(c))
                    .append("</td><td class=\"verdict ").append(c.decision().verdict().name()).append("\">")
                    .append(c.decision().verdict().name()).append("</td><td>").append(escape(Cells.reasons(c))).append("</td></tr>\n");
        }
        out.append("</tbody></table>\n<h2>Evidence</h2>\n");
        for (CommitAnalysis c : analysis.commits()) {
            out.append("<details><summary><span class=\"id\">").append(c.facts().shortId()).append("</span> ")
                    .append(escape(c.facts().subject())).append("</summary>\n<ul>\n");
            for (Risk.Factor f : c.risk().factors()) {
                out.append("<li>risk ").append(f.points() > 0 ? "+" : "").append(f.points()).append(": ").append(escape(f.evidence()))
                        .append("</li>\n");
            }
            for (Driver d : c.prediction().drivers()) {
                out.append("<li>").append(c.prediction().type().id()).append(" because ").append(escape(d.describe())).append("</li>\n");
            }
            out.append("</ul></details>\n");
        }
        out.append("<p class=\"meta\">model ").append(analysis.commits().isEmpty() ? "" : analysis.commits().get(0).prediction().model()
                .sha256().substring(0, 12)).append("</p>\n</body></html>\n");
        return out.toString();
    }

    private static void counts(StringBuilder out, String title, RangeAnalysis analysis,
                               java.util.function.Function<CommitAnalysis, String> key) {
        Map<String, Integer> counts = new TreeMap<>();
        analysis.commits().forEach(c -> counts.merge(key.apply(c), 1, Integer::sum));
        out.append("<p class=\"counts\"><b>").append(title).append(":</b>");
        counts.forEach((name, n) -> out.append(" <span class=\"chip\">").append(escape(name)).append(" ").append(n).append("</span>"));
        out.append("</p>\n");
    }

    static String escape(String text) {
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
