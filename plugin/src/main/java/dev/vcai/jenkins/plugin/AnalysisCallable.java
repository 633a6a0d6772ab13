package dev.vcai.jenkins.plugin;

import dev.vcai.jenkins.JenkinsAnalysis;
import dev.vcai.jenkins.JenkinsSettings;
import hudson.remoting.VirtualChannel;
import java.io.File;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import jenkins.MasterToSlaveFileCallable;

/**
 * Runs the core's {@link JenkinsAnalysis} where the workspace is (on the agent) and returns its result as JSON: only
 * that small text travels back to the controller. The settings travel as strings and numbers, which remoting's class
 * filter lets through without a whitelist entry.
 */
final class AnalysisCallable extends MasterToSlaveFileCallable<String> {
    private static final long serialVersionUID = 1L;

    private final HashMap<String, String> environment;
    private final String range;
    private final String previousTip;
    private final String tritonEndpoint;
    private final String tritonToken;
    private final long timeoutMillis;
    private final boolean failClosed;
    private final String gatesFile;
    private final int firstBuildCommits;

    AnalysisCallable(Map<String, String> environment, String range, String previousTip, JenkinsSettings settings) {
        this.environment = new HashMap<>(environment);
        this.range = range;
        this.previousTip = previousTip;
        this.tritonEndpoint = settings.tritonEndpoint();
        this.tritonToken = settings.tritonToken();
        this.timeoutMillis = settings.timeout().toMillis();
        this.failClosed = settings.failClosed();
        this.gatesFile = settings.gatesFile();
        this.firstBuildCommits = settings.firstBuildCommits();
    }

    @Override
    public String invoke(File workspace, VirtualChannel channel) {
        JenkinsSettings settings = new JenkinsSettings(tritonEndpoint, tritonToken, Duration.ofMillis(timeoutMillis), failClosed,
                gatesFile, firstBuildCommits);
        return JenkinsAnalysis.builder(workspace.toPath()).environment(environment).range(range).previousTip(previousTip)
                .settings(settings).build().run().toJson();
    }
}
