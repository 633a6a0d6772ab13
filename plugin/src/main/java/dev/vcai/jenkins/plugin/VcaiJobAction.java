package dev.vcai.jenkins.plugin;

import dev.vcai.jenkins.TrendChart;
import dev.vcai.jenkins.TrendPoint;
import hudson.model.Action;
import hudson.model.Job;
import hudson.model.Run;
import io.jenkins.plugins.echarts.AsyncTrendChart;
import java.util.ArrayList;
import java.util.List;
import org.kohsuke.stapler.bind.JavaScriptMethod;

/**
 * The trend of verdicts and risk on the job page ({@code floatingBox.jelly}), drawn by the ECharts API plugin from
 * the core's {@link TrendChart} model; a click on a build opens its report ({@code <build>/vcai}).
 */
public class VcaiJobAction implements Action, AsyncTrendChart {
    static final int MAX_BUILDS = 50;

    private final Job<?, ?> job;

    VcaiJobAction(Job<?, ?> job) {
        this.job = job;
    }

    public Job<?, ?> getOwner() {
        return job;
    }

    List<TrendPoint> points() {
        List<TrendPoint> points = new ArrayList<>();
        for (Run<?, ?> build : job.getBuilds().limit(MAX_BUILDS)) {
            VcaiBuildAction action = build.getAction(VcaiBuildAction.class);
            if (action != null) {
                TrendPoint.of(build.getNumber(), action.getResult()).ifPresent(points::add);
            }
        }
        return points;
    }

    @Override
    @JavaScriptMethod
    public String getBuildTrendModel() {
        return TrendChart.of(points()).toJson();
    }

    @Override
    public boolean isTrendVisible() {
        return points().size() >= 2;
    }

    /** No link of its own in the side panel: the trend is on the job page. */
    @Override
    public String getIconFileName() {
        return null;
    }

    @Override
    public String getDisplayName() {
        return Messages.VcaiJobAction_TrendTitle();
    }

    @Override
    public String getUrlName() {
        return VcaiBuildAction.URL_NAME;
    }
}
