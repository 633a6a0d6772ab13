package dev.vcai.jenkins.plugin;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import dev.vcai.jenkins.JenkinsSettings;
import hudson.Extension;
import hudson.ExtensionList;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.security.ACL;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import java.time.Duration;
import jenkins.model.GlobalConfiguration;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/** The controller-wide settings (Manage Jenkins, System, vcai), turned into the core's {@link JenkinsSettings}. */
@Extension
@Symbol("vcai")
public class VcaiGlobalConfiguration extends GlobalConfiguration {
    static final int DEFAULT_TIMEOUT_SECONDS = 300;

    private String tritonEndpoint;
    private String credentialsId;
    private int timeoutSeconds = DEFAULT_TIMEOUT_SECONDS;
    private boolean failClosed;
    private String gatesFile;

    public VcaiGlobalConfiguration() {
        load();
    }

    public static VcaiGlobalConfiguration get() {
        return ExtensionList.lookupSingleton(VcaiGlobalConfiguration.class);
    }

    /**
     * The settings for one build: the step's gates file and fail-closed choice, when given, override these. The
     * Triton token is read from the credentials store in the build's context, here on the controller.
     */
    JenkinsSettings settings(Run<?, ?> run, TaskListener listener, String stepGatesFile, Boolean stepFailClosed) {
        String token = null;
        if (credentialsId != null && !credentialsId.isBlank()) {
            StringCredentials credentials = CredentialsProvider.findCredentialById(credentialsId, StringCredentials.class, run);
            if (credentials == null) {
                listener.getLogger().println("vcai: warning: credentials '" + credentialsId + "' (secret text) not found; Triton is called without a token");
            } else {
                token = credentials.getSecret().getPlainText();
            }
        }
        return new JenkinsSettings(tritonEndpoint, token, Duration.ofSeconds(timeoutSeconds),
                stepFailClosed != null ? stepFailClosed : failClosed, stepGatesFile != null ? stepGatesFile : gatesFile,
                JenkinsSettings.DEFAULTS.firstBuildCommits());
    }

    public String getTritonEndpoint() {
        return tritonEndpoint;
    }

    @DataBoundSetter
    public void setTritonEndpoint(String tritonEndpoint) {
        this.tritonEndpoint = tritonEndpoint;
        save();
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = credentialsId;
        save();
    }

    public int getTimeoutSeconds() {
        return timeoutSeconds;
    }

    @DataBoundSetter
    public void setTimeoutSeconds(int timeoutSeconds) {
        this.timeoutSeconds = timeoutSeconds > 0 ? timeoutSeconds : DEFAULT_TIMEOUT_SECONDS;
        save();
    }

    public boolean isFailClosed() {
        return failClosed;
    }

    @DataBoundSetter
    public void setFailClosed(boolean failClosed) {
        this.failClosed = failClosed;
        save();
    }

    public String getGatesFile() {
        return gatesFile;
    }

    @DataBoundSetter
    public void setGatesFile(String gatesFile) {
        this.gatesFile = gatesFile;
        save();
    }

    @POST
    public ListBoxModel doFillCredentialsIdItems(@QueryParameter String credentialsId) {
        if (!Jenkins.get().hasPermission(Jenkins.ADMINISTER)) {
            return new StandardListBoxModel().includeCurrentValue(credentialsId);
        }
        return new StandardListBoxModel().includeEmptyValue()
                .includeAs(ACL.SYSTEM2, Jenkins.get(), StringCredentials.class)
                .includeCurrentValue(credentialsId);
    }

    @POST
    public FormValidation doCheckTimeoutSeconds(@QueryParameter int value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return value > 0 ? FormValidation.ok() : FormValidation.error(Messages.VcaiGlobalConfiguration_TimeoutPositive());
    }
}
