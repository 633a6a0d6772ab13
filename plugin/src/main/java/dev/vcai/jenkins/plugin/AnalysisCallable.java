package dev.vcai.jenkins.plugin;

import dev.vcai.jenkins.JenkinsAnalysis;
import dev.vcai.jenkins.JenkinsSettings;
import hudson.remoting.VirtualChannel;
import java.io.File;
import java.util.HashMap;
import java.util.Map;
import jenkins.MasterToSlaveFileCallable;

/**
 * Runs the core's {@link JenkinsAnalysis} where the workspace is (on the agent) and returns its result as JSON: only
 * that small text travels back to the controller.
 */
final class AnalysisCallable extends MasterToSlaveFileCallable<String> {
    private static final long serialVersionUID = 1L;

    private final HashMap<String, String> environment;
    private final String range;
    private final String previousTip;
    private final JenkinsSettings settings;

    AnalysisCallable(Map<String, String> environment, String range, String previousTip, JenkinsSettings settings) {
        this.environment = new HashMap<>(environment);
        this.range = range;
        this.previousTip = previousTip;
        this.settings = settings;
    }

    @Override
    public String invoke(File workspace, VirtualChannel channel) {
        return JenkinsAnalysis.builder(workspace.toPath()).environment(environment).range(range).previousTip(previousTip)
                .settings(settings).build().run().toJson();
    }
}
