package dev.vcai.forge;

import java.io.IOException;
import java.util.Optional;

/**
 * The forge package's entry point: publishes commit statuses, through a durable queue when one is given.
 *
 * <pre>{@code
 * StatusPublisher publisher = new StatusPublisher(new ForgeClient(), tokens, new StatusQueue(gitDir.resolve("vcai/status-queue")));
 * publisher.publish(new CommitStatus(Forge.GITHUB, null, "owner/name", sha, StatusState.PENDING, "vcai", "analysing", null));
 * }</pre>
 *
 * Without a queue {@link #publish} sends at once and throws on failure. With a queue the status is first written to
 * the queue (replacing an older state of the same check), then the queue is sent oldest first, so statuses kept while
 * a forge was down go out before newer ones and each state is sent once. {@link #flush()} sends what is queued.
 */
public final class StatusPublisher {
    /** The token for a forge's server, or empty when there is none (its queued statuses then wait). */
    @FunctionalInterface
    public interface TokenSource {
        Optional<Token> tokenFor(Forge forge, String baseUrl);

        /** One token for one forge server. */
        static TokenSource single(Forge forge, String baseUrl, Token token) {
            String base = baseUrl.replaceAll("/+$", "");
            return (f, b) -> f == forge && b.equals(base) ? Optional.of(token) : Optional.empty();
        }
    }

    /** What became of a published status. */
    public enum Outcome {
        /** The forge accepted it. */
        DELIVERED,
        /** The forge was unavailable; the status is in the queue and goes out on the next run. */
        QUEUED
    }

    /**
     * @param outcome delivered or queued
     * @param problem why it was queued (the forge's answer), or null
     * @param earlier queued statuses of earlier runs delivered before it
     */
    public record Published(Outcome outcome, ForgeException problem, int earlier) {
    }

    private final ForgeClient client;
    private final TokenSource tokens;
    private final StatusQueue queue;

    public StatusPublisher(ForgeClient client, TokenSource tokens) {
        this(client, tokens, null);
    }

    public StatusPublisher(ForgeClient client, TokenSource tokens, StatusQueue queue) {
        this.client = client;
        this.tokens = tokens;
        this.queue = queue;
    }

    /**
     * Publishes the status. Throws {@link ForgeException} when the forge refused it (or, without a queue, could not
     * be reached); with a queue, an unreachable forge gives {@link Outcome#QUEUED}.
     */
    public Published publish(CommitStatus status) throws IOException {
        Token token = tokens.tokenFor(status.forge(), status.baseUrl())
                .orElseThrow(() -> new IllegalArgumentException("no token for " + status.forge() + " at " + status.baseUrl()));
        if (queue == null) {
            client.send(status, token);
            return new Published(Outcome.DELIVERED, null, 0);
        }
        queue.put(status);
        StatusQueue.FlushResult result = flush();
        String key = StatusQueue.key(status);
        for (StatusQueue.Dropped dropped : result.dropped()) {
            if (StatusQueue.key(dropped.status()).equals(key)) {
                throw dropped.reason();
            }
        }
        int earlier = (int) result.delivered().stream().filter(s -> !StatusQueue.key(s).equals(key)).count();
        if (earlier < result.delivered().size()) {
            return new Published(Outcome.DELIVERED, null, earlier);
        }
        if (result.stoppedBy() != null && !result.stoppedBy().retryable()) {
            throw result.stoppedBy();
        }
        return new Published(Outcome.QUEUED, result.stoppedBy(), earlier);
    }

    /** Sends the queued statuses there is a token for, oldest first; nothing without a queue. */
    public StatusQueue.FlushResult flush() throws IOException {
        if (queue == null) {
            return new StatusQueue.FlushResult(java.util.List.of(), java.util.List.of(), null, 0);
        }
        return queue.flush(s -> tokens.tokenFor(s.forge(), s.baseUrl()).isPresent(),
                s -> client.send(s, tokens.tokenFor(s.forge(), s.baseUrl()).orElseThrow()));
    }
}
