package dev.vcai.jenkins;

import dev.vcai.report.MarkdownReport;

/**
 * What the check on a pull request says, in the terms of the Jenkins checks API: a title, a Markdown summary and
 * text, and a conclusion named as the API names it.
 */
public record ChecksReport(String name, String title, String summary, String text, Conclusion conclusion) {
    public static final String NAME = "vcai";
    /** GitHub refuses check text over 65,535 characters; the rest is cut with a note. */
    static final int MAX_TEXT = 65_000;

    /** The checks API's conclusions that vcai uses. */
    public enum Conclusion { SUCCESS, NEUTRAL, FAILURE }

    /**
     * APPROVED succeeds, CONDITIONAL is neutral (shown, not blocking), REJECTED and BLOCKED fail. A failed analysis
     * fails the check when fail-closed, else it is neutral.
     */
    public static ChecksReport of(JenkinsResult result) {
        if (!result.analysed()) {
            return new ChecksReport(NAME, "vcai could not analyse this build", "**Error:** " + result.error() + notes(result), "",
                    result.failClosed() ? Conclusion.FAILURE : Conclusion.NEUTRAL);
        }
        Conclusion conclusion = switch (result.verdict()) {
            case APPROVED -> Conclusion.SUCCESS;
            case CONDITIONAL -> Conclusion.NEUTRAL;
            case REJECTED, BLOCKED -> Conclusion.FAILURE;
        };
        int commits = result.summary().commits().size();
        String title = "vcai: " + result.verdict() + " (" + commits + (commits == 1 ? " commit)" : " commits)");
        String summary = result.summary().text() + "\n\nRange `" + result.range() + "`"
                + (result.ref() == null ? "" : " judged as `" + result.ref() + "`") + "." + notes(result);
        String text = MarkdownReport.render(result.summary());
        if (text.length() > MAX_TEXT) {
            text = text.substring(0, MAX_TEXT) + "\n\n_(cut: the build page has the whole report)_\n";
        }
        return new ChecksReport(NAME, title, summary, text, conclusion);
    }

    private static String notes(JenkinsResult result) {
        StringBuilder out = new StringBuilder();
        for (String note : result.notes()) {
            out.append("\n\n> ").append(note.replace("\n", " "));
        }
        return out.toString();
    }
}
