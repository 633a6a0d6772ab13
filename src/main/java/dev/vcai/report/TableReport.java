package dev.vcai.report;

import dev.vcai.pipeline.RangeAnalysis;
import java.util.ArrayList;
import java.util.List;

/** The terminal table: one line per commit, the subject shortened to fit the width. */
public final class TableReport {
    private static final String[] HEADERS = {"COMMIT", "SUBJECT", "TYPE", "BLAST", "RISK", "VERDICT"};

    private TableReport() {
    }

    public static String render(RangeAnalysis analysis, int width) {
        Summary summary = Summary.of(analysis);
        List<String[]> rows = new ArrayList<>();
        for (Summary.Row c : summary.commits()) {
            rows.add(new String[] {c.shortId(), c.subject(), c.typeCell(), c.blastCell(), c.riskCell(), c.verdict().name()});
        }
        int[] widths = new int[HEADERS.length];
        for (int i = 0; i < HEADERS.length; i++) {
            widths[i] = HEADERS[i].length();
            for (String[] row : rows) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        int others = 0;
        for (int i = 0; i < widths.length; i++) {
            others += i == 1 ? 0 : widths[i] + 2;
        }
        widths[1] = Math.max(12, Math.min(widths[1], width - others - 2));
        StringBuilder out = new StringBuilder();
        line(out, HEADERS, widths);
        for (String[] row : rows) {
            line(out, row, widths);
        }
        out.append('\n').append(summary.text()).append('\n');
        for (String warning : summary.warnings()) {
            out.append("warning: ").append(warning).append('\n');
        }
        return out.toString();
    }

    private static void line(StringBuilder out, String[] cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            String cell = cells[i];
            if (cell.length() > widths[i]) {
                cell = cell.substring(0, widths[i] - 3) + "...";
            }
            line.append(cell);
            if (i < cells.length - 1) {
                line.append(" ".repeat(widths[i] - cell.length() + 2));
            }
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }
}
