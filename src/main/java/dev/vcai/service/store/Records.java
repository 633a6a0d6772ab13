package dev.vcai.service.store;

/** The rows of the service's tables, as immutable values. Times are epoch milliseconds; JSON documents are text. */
public final class Records {
    private Records() {
    }

    /** @param status created, queued, running, succeeded or failed */
    public record Experiment(String id, String name, String kind, String spec, String status, double progress, String phase,
                             String failure, long createdAt, long updatedAt) {
    }

    /** @param outcomes JSON array of {commit, declared, predicted, latency_ms} on the evaluation set, in its order */
    public record Evaluation(String experimentId, String metrics, String outcomes, String modelBase64, long createdAt) {
    }

    /** @param action promote or rollback */
    public record ModelVersion(int version, String experimentId, String sha256, String action, String promotedBy, String metrics,
                               long createdAt) {
    }

    public record Promotion(String id, String experimentId, String decision, String gates, String requestedBy, Integer version,
                            long createdAt) {
    }

    public record Failure(String id, String experimentId, String trigger, String metrics, String rootCause, String fixComplexity,
                          long createdAt) {
    }

    /** @param id also the idempotency key the receiver sees */
    public record OutboxMessage(String id, String destination, String payload, int attempts, long nextAttemptAt, Long deliveredAt,
                                String lastError, long createdAt) {
    }

    public record BlacklistEntry(String technique, String reason, String source, long createdAt) {
    }
}
