package dev.vcai.jenkins.plugin;

import dev.vcai.jenkins.BuildOutcome;
import dev.vcai.jenkins.ChecksReport;
import dev.vcai.jenkins.JenkinsResult;
import dev.vcai.jenkins.JenkinsSettings;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.Util;
import hudson.model.AbstractProject;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.BuildStepDescriptor;
import hudson.tasks.Builder;
import java.io.IOException;
import jenkins.tasks.SimpleBuildStep;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * The build step ({@code vcaiAnalyze} in Pipeline): analyses the build's new commits on the agent that holds the
 * workspace, then, on the controller, attaches the result to the build, sets the build result when asked and
 * publishes a check. Every decision is the core's ({@code dev.vcai.jenkins}).
 */
public class VcaiStep extends Builder implements SimpleBuildStep {
    private String range;
    private String gatesFile;
    private boolean setBuildResult;
    private boolean publishChecks = true;
    private Boolean failClosed;

    @DataBoundConstructor
    public VcaiStep() {
    }

    @Override
    public void perform(@NonNull Run<?, ?> run, @NonNull FilePath workspace, @NonNull EnvVars env, @NonNull Launcher launcher,
                        @NonNull TaskListener listener) throws InterruptedException, IOException {
        JenkinsSettings settings = VcaiGlobalConfiguration.get().settings(run, listener, Util.fixEmptyAndTrim(env.expand(gatesFile)), failClosed);
        String json = workspace.act(new AnalysisCallable(env, Util.fixEmptyAndTrim(env.expand(range)), previousTip(run), settings));
        JenkinsResult result = JenkinsResult.fromJson(json);
        result.logLines().forEach(listener.getLogger()::println);
        run.addOrReplaceAction(new VcaiBuildAction(json));
        BuildOutcome.of(result, setBuildResult).ifPresent(outcome -> run.setResult(Result.fromString(outcome.name())));
        if (publishChecks) {
            VcaiChecks.publish(run, listener, ChecksReport.of(result));
        }
    }

    /** The commit the last successful build analysed up to, for builds whose environment does not say it. */
    private static String previousTip(Run<?, ?> run) {
        Run<?, ?> previous = run.getPreviousSuccessfulBuild();
        VcaiBuildAction action = previous == null ? null : previous.getAction(VcaiBuildAction.class);
        return action == null ? null : action.getResult().tip();
    }

    public String getRange() {
        return range;
    }

    @DataBoundSetter
    public void setRange(String range) {
        this.range = Util.fixEmptyAndTrim(range);
    }

    public String getGatesFile() {
        return gatesFile;
    }

    @DataBoundSetter
    public void setGatesFile(String gatesFile) {
        this.gatesFile = Util.fixEmptyAndTrim(gatesFile);
    }

    public boolean isSetBuildResult() {
        return setBuildResult;
    }

    @DataBoundSetter
    public void setSetBuildResult(boolean setBuildResult) {
        this.setBuildResult = setBuildResult;
    }

    public boolean isPublishChecks() {
        return publishChecks;
    }

    @DataBoundSetter
    public void setPublishChecks(boolean publishChecks) {
        this.publishChecks = publishChecks;
    }

    /** Null: as the global configuration says. */
    public Boolean getFailClosed() {
        return failClosed;
    }

    @DataBoundSetter
    public void setFailClosed(Boolean failClosed) {
        this.failClosed = failClosed;
    }

    @Extension
    @Symbol("vcaiAnalyze")
    public static final class DescriptorImpl extends BuildStepDescriptor<Builder> {
        @Override
        public boolean isApplicable(Class<? extends AbstractProject> jobType) {
            return true;
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.VcaiStep_DisplayName();
        }
    }
}
