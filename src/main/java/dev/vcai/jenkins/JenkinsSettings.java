package dev.vcai.jenkins;

import java.time.Duration;

/**
 * How a build analyses: what the plugin's global configuration and the step's fields give.
 *
 * @param tritonEndpoint    the Triton server to classify with, or null for the model inside vcai
 * @param tritonToken       the bearer token for Triton, from the Jenkins credentials store, or null
 * @param timeout           the longest an analysis may take; past it the analysis fails
 * @param failClosed        whether a failed analysis fails the build (fail-closed) or only warns (fail-open)
 * @param gatesFile         the policy file (relative to the workspace, or absolute), or null for the built-in gates
 * @param firstBuildCommits how many commits a build with no earlier build to compare with analyses
 */
public record JenkinsSettings(String tritonEndpoint, String tritonToken, Duration timeout, boolean failClosed, String gatesFile,
                              int firstBuildCommits) {
    public static final JenkinsSettings DEFAULTS = new JenkinsSettings(null, null, Duration.ofMinutes(5), false, null,
            RangeSelection.FIRST_BUILD_COMMITS);

    public JenkinsSettings {
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the timeout must be positive: " + timeout);
        }
        if (firstBuildCommits < 1) {
            throw new IllegalArgumentException("a first build analyses at least one commit: " + firstBuildCommits);
        }
        tritonEndpoint = blankToNull(tritonEndpoint);
        tritonToken = blankToNull(tritonToken);
        gatesFile = blankToNull(gatesFile);
    }

    public JenkinsSettings withGatesFile(String file) {
        return new JenkinsSettings(tritonEndpoint, tritonToken, timeout, failClosed, file, firstBuildCommits);
    }

    public JenkinsSettings withFailClosed(boolean closed) {
        return new JenkinsSettings(tritonEndpoint, tritonToken, timeout, closed, gatesFile, firstBuildCommits);
    }

    public JenkinsSettings withTimeout(Duration limit) {
        return new JenkinsSettings(tritonEndpoint, tritonToken, limit, failClosed, gatesFile, firstBuildCommits);
    }

    /** Never shows the token: settings end up in logs. */
    @Override
    public String toString() {
        return "JenkinsSettings[tritonEndpoint=" + tritonEndpoint + ", tritonToken=" + (tritonToken == null ? null : "****")
                + ", timeout=" + timeout + ", failClosed=" + failClosed + ", gatesFile=" + gatesFile + ", firstBuildCommits="
                + firstBuildCommits + "]";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
