package dev.vcai.triton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Stops calling a server that keeps failing: after {@code threshold} failures in a row it opens for
 * {@code openFor}, during which calls fail at once; then one trial call decides whether it closes again. So a dead
 * Triton costs a range one timeout, not one per commit.
 */
final class CircuitBreaker {
    private final int threshold;
    private final Duration openFor;
    private final Clock clock;
    private int failures;
    private Instant openUntil = Instant.MIN;
    private boolean trialRunning;
    private String lastFailure = "";

    CircuitBreaker(int threshold, Duration openFor, Clock clock) {
        this.threshold = threshold;
        this.openFor = openFor;
        this.clock = clock;
    }

    /** Whether a call may go out now; when open, the reason it may not is {@link #lastFailure()}. */
    synchronized boolean allow() {
        if (failures < threshold) {
            return true;
        }
        if (clock.instant().isBefore(openUntil) || trialRunning) {
            return false;
        }
        trialRunning = true;
        return true;
    }

    synchronized void success() {
        failures = 0;
        trialRunning = false;
    }

    synchronized void failure(String reason) {
        failures++;
        trialRunning = false;
        lastFailure = reason;
        if (failures >= threshold) {
            openUntil = clock.instant().plus(openFor);
        }
    }

    synchronized boolean isOpen() {
        return failures >= threshold;
    }

    synchronized String lastFailure() {
        return lastFailure;
    }
}
