package dev.vcai.jenkins;

import java.util.Optional;

/**
 * The build result a vcai result asks for, named as Jenkins names its results. Jenkins only ever makes a result
 * worse, so an approved range asks for nothing.
 */
public enum BuildOutcome {
    UNSTABLE, FAILURE;

    /**
     * REJECTED and BLOCKED fail the build, CONDITIONAL makes it unstable, when {@code setBuildResult} is on. A failed
     * analysis fails the build when the settings are fail-closed, whatever {@code setBuildResult} says; fail-open
     * leaves it alone.
     */
    public static Optional<BuildOutcome> of(JenkinsResult result, boolean setBuildResult) {
        if (!result.analysed()) {
            return result.failClosed() ? Optional.of(FAILURE) : Optional.empty();
        }
        if (!setBuildResult) {
            return Optional.empty();
        }
        return switch (result.verdict()) {
            case APPROVED -> Optional.empty();
            case CONDITIONAL -> Optional.of(UNSTABLE);
            case REJECTED, BLOCKED -> Optional.of(FAILURE);
        };
    }
}
