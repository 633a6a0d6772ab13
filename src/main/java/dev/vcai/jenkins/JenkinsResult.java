package dev.vcai.jenkins;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import dev.vcai.policy.Verdict;
import dev.vcai.report.Summary;
import java.util.ArrayList;
import java.util.List;

/**
 * What one build's analysis found: the small result that travels from the agent that analysed to the controller,
 * as JSON ({@link #toJson()}), and that the build keeps. Everything the build page, the badge, the trend, the
 * check and the build result need is derived from it.
 *
 * @param tip     the commit built, or null (an explicit range, a failed analysis): the next build's base when the
 *                environment has no {@code GIT_PREVIOUS_SUCCESSFUL_COMMIT}
 * @param range   the commits analysed, in git's words, or null when the analysis failed before choosing them
 * @param verdict the range's verdict, or null when the analysis failed
 * @param summary what the reports show, or null when the analysis failed
 * @param notes   how the range was chosen and what the reader should know (a model fallback)
 * @param error   why the analysis failed, in one line, or null
 * @param failClosed whether a failed analysis fails the build
 */
public record JenkinsResult(Status status, String tip, String range, String ref, Verdict verdict, Summary summary, List<String> notes,
                            String error, boolean failClosed) {
    private static final Gson GSON = new Gson();

    public enum Status { ANALYSED, FAILED }

    public JenkinsResult {
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    static JenkinsResult analysed(RangeSelection selection, Summary summary, List<String> notes, boolean failClosed) {
        return new JenkinsResult(Status.ANALYSED, selection.tip(), selection.range(), selection.ref(), summary.verdict(), summary, notes, null, failClosed);
    }

    static JenkinsResult failed(String error, List<String> notes, boolean failClosed) {
        return new JenkinsResult(Status.FAILED, null, null, null, null, null, notes, error, failClosed);
    }

    public boolean analysed() {
        return status == Status.ANALYSED;
    }

    /** What the build log says: how the range was chosen, then the summary or the error and what it does to the build. */
    public List<String> logLines() {
        List<String> lines = new ArrayList<>();
        notes.forEach(note -> lines.add("vcai: " + note));
        if (analysed()) {
            lines.add("vcai: " + range + (ref == null ? "" : " (" + ref + ")") + ": " + summary.text());
            summary.warnings().forEach(warning -> lines.add("vcai: warning: " + warning));
        } else {
            lines.add("vcai: error: " + error + (failClosed ? " (fail-closed: the build fails)" : " (fail-open: the build goes on)"));
        }
        return lines;
    }

    public String toJson() {
        return GSON.toJson(this);
    }

    public static JenkinsResult fromJson(String json) {
        JenkinsResult result = GSON.fromJson(json, JenkinsResult.class);
        if (result == null || result.status() == null) {
            throw new JsonParseException("not a vcai result: " + (json.length() > 80 ? json.substring(0, 80) + "..." : json));
        }
        return result;
    }
}
