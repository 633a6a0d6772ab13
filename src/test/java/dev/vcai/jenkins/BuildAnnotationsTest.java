package dev.vcai.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.vcai.policy.Verdict;
import dev.vcai.report.HtmlReport;
import dev.vcai.report.Summary;
import dev.vcai.risk.Risk;
import dev.vcai.testing.GitRepo;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a build shows of its result: the summary fragment, the badge, the check, the trend and the build result. */
class BuildAnnotationsTest {
    @TempDir
    Path tmp;

    @Test
    void theSummaryFragmentEscapesWhatTheRepositorySaysAndIsTheBodyOfTheReportPage() {
        GitRepo repo = GitRepo.init(tmp.resolve("ws"));
        repo.write("src/app.py", "print('hi')\n");
        String tip = repo.commit("Say <img src=x onerror=alert(1)> & \"quote\" 'it'");
        JenkinsResult result = JenkinsAnalysis.builder(repo.dir()).environment(Map.of("GIT_COMMIT", tip)).build().run();

        String fragment = HtmlReport.fragment(result.summary());
        assertTrue(fragment.startsWith("<div class=\"vcai-summary\">") && fragment.endsWith("</div>\n"), fragment);
        assertTrue(fragment.contains("Say &lt;img src=x onerror=alert(1)&gt; &amp; &quot;quote&quot; &#39;it&#39;"), fragment);
        assertFalse(fragment.contains("<img"), "no markup from a subject");
        assertFalse(fragment.contains("<style") || fragment.contains("<script"), "the host page styles it");
        assertTrue(fragment.contains("<td class=\"id\">" + tip.substring(0, 10) + "</td>"), fragment);
        assertTrue(HtmlReport.page(result.summary()).contains(fragment), "one renderer for both");
    }

    @Test
    void theBadgeShowsTheVerdictWithItsIconAndTheSummaryAsTooltip() {
        JenkinsResult conditional = result(row("a", Verdict.APPROVED, 10), row("b", Verdict.CONDITIONAL, 40));
        Badge badge = Badge.of(conditional);
        assertEquals("CONDITIONAL", badge.text());
        assertEquals("symbol-warning", badge.icon());
        assertEquals("vcai: 2 commits: 2 feature. Verdict: CONDITIONAL", badge.tooltip());
        assertEquals("symbol-check", Badge.of(result(row("a", Verdict.APPROVED, 1))).icon());
        assertEquals("symbol-close-circle", Badge.of(result(row("a", Verdict.REJECTED, 1))).icon());
        assertEquals("symbol-lock-closed", Badge.of(result(row("a", Verdict.BLOCKED, 1))).icon());

        Badge failed = Badge.of(JenkinsResult.failed("not a git repository: /ws", List.of(), false));
        assertEquals(new Badge("vcai error", "symbol-error", "vcai could not analyse this build: not a git repository: /ws"), failed);
    }

    @Test
    void theCheckConcludesFromTheVerdictAndCarriesTheMarkdownReport() {
        ChecksReport check = ChecksReport.of(result(row("a", Verdict.APPROVED, 10), row("b", Verdict.BLOCKED, 40)));
        assertEquals("vcai", check.name());
        assertEquals("vcai: BLOCKED (2 commits)", check.title());
        assertEquals(ChecksReport.Conclusion.FAILURE, check.conclusion());
        assertTrue(check.summary().startsWith("2 commits: 2 feature. Verdict: BLOCKED\n\nRange `a0..b0` judged as `refs/heads/main`."),
                check.summary());
        assertTrue(check.text().contains("| `b000000000` | subject b | feature 0.80 | n/a | medium 40 | **BLOCKED** | credentials |"),
                check.text());

        assertEquals(ChecksReport.Conclusion.SUCCESS, ChecksReport.of(result(row("a", Verdict.APPROVED, 1))).conclusion());
        assertEquals(ChecksReport.Conclusion.NEUTRAL, ChecksReport.of(result(row("a", Verdict.CONDITIONAL, 1))).conclusion());
        assertEquals(ChecksReport.Conclusion.FAILURE, ChecksReport.of(result(row("a", Verdict.REJECTED, 1))).conclusion());

        JenkinsResult failed = JenkinsResult.failed("the analysis took longer than its time limit of 60 s", List.of("a note"), false);
        assertEquals(ChecksReport.Conclusion.NEUTRAL, ChecksReport.of(failed).conclusion(), "fail-open");
        assertEquals("**Error:** the analysis took longer than its time limit of 60 s\n\n> a note", ChecksReport.of(failed).summary());
        assertEquals(ChecksReport.Conclusion.FAILURE,
                ChecksReport.of(JenkinsResult.failed("x", List.of(), true)).conclusion(), "fail-closed");
    }

    @Test
    void theCheckTextIsCutToWhatGitHubAccepts() {
        Summary.Row[] rows = new Summary.Row[700];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = row("c" + i, Verdict.APPROVED, 5);
        }
        String text = ChecksReport.of(result(rows)).text();
        assertTrue(text.length() <= ChecksReport.MAX_TEXT + 100 && text.endsWith("the build page has the whole report)_\n"), "" + text.length());
    }

    @Test
    void eachVerdictMapsToItsBuildResult() {
        assertEquals(Optional.empty(), BuildOutcome.of(result(row("a", Verdict.APPROVED, 1)), true));
        assertEquals(Optional.of(BuildOutcome.UNSTABLE), BuildOutcome.of(result(row("a", Verdict.CONDITIONAL, 1)), true));
        assertEquals(Optional.of(BuildOutcome.FAILURE), BuildOutcome.of(result(row("a", Verdict.REJECTED, 1)), true));
        assertEquals(Optional.of(BuildOutcome.FAILURE), BuildOutcome.of(result(row("a", Verdict.BLOCKED, 1)), true));
        assertEquals(Optional.empty(), BuildOutcome.of(result(row("a", Verdict.BLOCKED, 1)), false));
    }

    @Test
    void theTrendCountsVerdictsAndRiskPerBuildAsAnEChartsLinesModel() {
        TrendPoint first = TrendPoint.of(7, result(row("a", Verdict.APPROVED, 10), row("b", Verdict.CONDITIONAL, 41))).orElseThrow();
        assertEquals(Map.of(Verdict.APPROVED, 1, Verdict.CONDITIONAL, 1, Verdict.REJECTED, 0, Verdict.BLOCKED, 0), first.verdicts());
        assertEquals(41, first.maxRisk());
        assertEquals(25.5, first.meanRisk(), 1e-9);
        assertEquals(Map.of("feature", 2), first.changeTypes());
        TrendPoint second = TrendPoint.of(9, result(row("c", Verdict.BLOCKED, 80))).orElseThrow();
        assertEquals(Optional.empty(), TrendPoint.of(8, JenkinsResult.failed("x", List.of(), false)), "nothing to plot");

        JsonObject model = JsonParser.parseString(TrendChart.of(List.of(second, first)).toJson()).getAsJsonObject();
        assertEquals("[\"#7\",\"#9\"]", model.get("domainAxisLabels").toString(), "oldest first");
        assertEquals("[7,9]", model.get("buildNumbers").toString());
        JsonArray series = model.getAsJsonArray("series");
        assertEquals(6, series.size());
        JsonObject blocked = series.get(3).getAsJsonObject();
        assertEquals("BLOCKED", blocked.get("name").getAsString());
        assertEquals("line", blocked.get("type").getAsString());
        assertEquals("verdicts", blocked.get("stack").getAsString());
        assertEquals("[0,1]", blocked.get("data").toString());
        assertTrue(blocked.getAsJsonObject("itemStyle").get("color").getAsString().startsWith("#"));
        JsonObject mean = series.get(5).getAsJsonObject();
        assertEquals("mean risk", mean.get("name").getAsString());
        assertEquals("[26,80]", mean.get("data").toString(), "rounded: the chart takes integers");
        assertFalse(mean.has("areaStyle"), "a plain line");
    }

    private static Summary.Row row(String name, Verdict verdict, int risk) {
        String reasons = switch (verdict) {
            case APPROVED -> "";
            case CONDITIONAL -> "untested-code";
            case REJECTED -> "critical-risk-on-protected";
            case BLOCKED -> "credentials";
        };
        return new Summary.Row(name + "0".repeat(39), (name + "0".repeat(9)).substring(0, 10), "subject " + name, "feature",
                "feature 0.80", null, risk, risk < 25 ? "low" : risk < 50 ? "medium" : "high", verdict, reasons,
                List.of(new Risk.Factor("size", risk, risk + " lines")), List.of("subject says \"add\""), 0, List.of(), false);
    }

    private static JenkinsResult result(Summary.Row... rows) {
        Verdict verdict = Verdict.APPROVED;
        for (Summary.Row row : rows) {
            verdict = verdict.worst(row.verdict());
        }
        String text = rows.length + (rows.length == 1 ? " commit: " : " commits: ") + rows.length + " feature. Verdict: " + verdict;
        Summary summary = new Summary("/ws", "a0..b0", "refs/heads/main", verdict, text, Map.of("feature", rows.length),
                Map.of("low", rows.length), List.of(), "ab".repeat(32), List.of(rows));
        return new JenkinsResult(JenkinsResult.Status.ANALYSED, "b0", "a0..b0", "refs/heads/main", verdict, summary, List.of(), null, false);
    }
}
