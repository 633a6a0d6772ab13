package dev.vcai.jenkins.plugin;

import dev.vcai.jenkins.Badge;
import dev.vcai.jenkins.JenkinsResult;
import dev.vcai.report.HtmlReport;
import hudson.model.Action;
import hudson.model.BuildBadgeAction;
import hudson.model.Run;
import java.util.Collection;
import java.util.List;
import jenkins.model.RunAction2;
import jenkins.tasks.SimpleBuildStep;

/**
 * What a build keeps of its analysis (the result's JSON, as it came from the agent) and shows of it: the summary on
 * the build page ({@code summary.jelly}), the full report at {@code <build>/vcai} ({@code index.jelly}), the badge in
 * the build history ({@code badge.jelly}) and, through the job's last successful build, the trend on the job page.
 */
public class VcaiBuildAction implements RunAction2, SimpleBuildStep.LastBuildAction, BuildBadgeAction {
    static final String URL_NAME = "vcai";

    private final String json;
    private transient JenkinsResult result;
    private transient Run<?, ?> run;

    VcaiBuildAction(String json) {
        this.json = json;
        this.result = JenkinsResult.fromJson(json);
    }

    public JenkinsResult getResult() {
        if (result == null) {
            result = JenkinsResult.fromJson(json);
        }
        return result;
    }

    public Badge getBadge() {
        return Badge.of(getResult());
    }

    /** The core's escaped HTML fragment; only for an analysed build (the views show a failure's error as text). */
    public String getSummaryHtml() {
        return getResult().analysed() ? HtmlReport.fragment(getResult().summary()) : "";
    }

    public Run<?, ?> getRun() {
        return run;
    }

    @Override
    public void onAttached(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public void onLoad(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public Collection<? extends Action> getProjectActions() {
        return List.of(new VcaiJobAction(run.getParent()));
    }

    @Override
    public String getIconFileName() {
        return "symbol-analytics";
    }

    @Override
    public String getDisplayName() {
        return Messages.VcaiBuildAction_DisplayName();
    }

    @Override
    public String getUrlName() {
        return URL_NAME;
    }
}
