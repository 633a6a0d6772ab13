package dev.vcai.service.quarantine;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.vcai.service.store.Records;
import dev.vcai.service.store.Store;
import dev.vcai.service.store.StoreException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Failure records and their delivery. A failure is written with one outbox message per destination (the quarantine
 * endpoint's {@code /quarantine}, each webhook) in the same transaction; a background worker posts due messages with
 * an {@code Idempotency-Key} header (the message id) and retries failures with exponential backoff, so each is
 * delivered at least once, across endpoint outages and service restarts. The blacklist is synced from the endpoint's
 * {@code /blacklist} when it offers one. The entry point of this package.
 */
public final class Quarantine implements AutoCloseable {
    public static final String PAYLOAD_TYPE = "vcai.quarantine/v1";
    private static final MediaType JSON = MediaType.get("application/json");
    private static final Gson GSON = new Gson();

    private final Store store;
    private final Settings settings;
    private final OkHttpClient http;
    private final LongSupplier clock;
    private ScheduledExecutorService worker;

    /**
     * @param endpoint      the quarantine endpoint's base URL ({@code V3_API_ENDPOINT}), or null
     * @param webhooks      further URLs each failure is posted to
     * @param triggers      the triggers that make a failure record
     * @param retryBase     the first retry's delay; each further one doubles, up to {@code retryMax}
     * @param poll          how often the worker looks for due messages
     * @param blacklistSync how often the blacklist is fetched from the endpoint (zero: never)
     */
    public record Settings(HttpUrl endpoint, List<HttpUrl> webhooks, Set<Trigger> triggers, Duration retryBase, Duration retryMax,
                           Duration poll, Duration blacklistSync) {
        public Settings {
            webhooks = List.copyOf(webhooks);
            triggers = Set.copyOf(triggers);
        }

        public static Settings defaults() {
            return new Settings(null, List.of(), Set.of(Trigger.values()), Duration.ofSeconds(1), Duration.ofMinutes(10),
                    Duration.ofMillis(500), Duration.ofMinutes(5));
        }
    }

    public Quarantine(Store store, Settings settings, LongSupplier clock) {
        this.store = store;
        this.settings = settings;
        this.clock = clock;
        this.http = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(10)).build();
    }

    public Settings settings() {
        return settings;
    }

    public boolean enabled(Trigger trigger) {
        return settings.triggers().contains(trigger);
    }

    /**
     * The failure record of a trigger, with its root-cause guess, and its outbox messages; null when the trigger is
     * turned off. The caller writes both in the transaction that ends the run ({@link Store#failRun}, {@link Store#finishRun}).
     */
    public Pending failure(Records.Experiment experiment, Trigger trigger, Map<String, Double> metrics, double gate, String error) {
        if (!enabled(trigger)) {
            return null;
        }
        RootCause cause = RootCause.of(trigger, metrics, gate, error);
        Map<String, Double> known = new java.util.TreeMap<>();
        metrics.forEach((name, value) -> {
            if (value != null && Double.isFinite(value)) {
                known.put(name, value);
            }
        });
        long now = clock.getAsLong();
        Records.Failure failure = new Records.Failure(UUID.randomUUID().toString(), experiment.id(), trigger.id(), GSON.toJson(known),
                cause.guess(), cause.complexity().name(), now);
        JsonObject payload = new JsonObject();
        payload.addProperty("type", PAYLOAD_TYPE);
        payload.add("failure", toJson(failure));
        JsonObject subject = new JsonObject();
        subject.addProperty("id", experiment.id());
        subject.addProperty("name", experiment.name());
        subject.addProperty("kind", experiment.kind());
        subject.add("spec", JsonParser.parseString(experiment.spec()));
        payload.add("experiment", subject);
        List<Records.OutboxMessage> messages = new ArrayList<>();
        List<HttpUrl> destinations = new ArrayList<>();
        if (settings.endpoint() != null) {
            destinations.add(settings.endpoint().newBuilder().addPathSegment("quarantine").build());
        }
        destinations.addAll(settings.webhooks());
        for (HttpUrl destination : destinations) {
            messages.add(new Records.OutboxMessage(UUID.randomUUID().toString(), destination.toString(), GSON.toJson(payload), 0, now,
                    null, null, now));
        }
        return new Pending(failure, messages);
    }

    /** A failure record and the messages that announce it, to be written together. */
    public record Pending(Records.Failure failure, List<Records.OutboxMessage> messages) {
    }

    public static JsonObject toJson(Records.Failure f) {
        JsonObject o = new JsonObject();
        o.addProperty("id", f.id());
        o.addProperty("experiment_id", f.experimentId());
        o.addProperty("trigger", f.trigger());
        o.add("metrics", JsonParser.parseString(f.metrics()));
        o.addProperty("root_cause", f.rootCause());
        o.addProperty("fix_complexity", f.fixComplexity());
        o.addProperty("created_at", java.time.Instant.ofEpochMilli(f.createdAt()).toString());
        return o;
    }

    /** Starts delivering the outbox and syncing the blacklist in the background. */
    public synchronized void start() {
        worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "vcai-quarantine");
            thread.setDaemon(true);
            return thread;
        });
        worker.scheduleWithFixedDelay(this::deliverQuietly, 0, settings.poll().toMillis(), TimeUnit.MILLISECONDS);
        if (settings.endpoint() != null && !settings.blacklistSync().isZero()) {
            worker.scheduleWithFixedDelay(this::syncQuietly, 0, settings.blacklistSync().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void deliverQuietly() {
        try {
            deliverDue();
        } catch (StoreException | RuntimeException e) {
            // The next poll tries again; the messages stay in the outbox.
        }
    }

    private void syncQuietly() {
        try {
            syncBlacklist();
        } catch (StoreException | IOException | RuntimeException e) {
            // The endpoint is down or answers nonsense: keep the blacklist as it is and try at the next sync.
        }
    }

    /** Posts every due message once; returns how many were delivered. */
    public int deliverDue() throws StoreException {
        int delivered = 0;
        for (Records.OutboxMessage message : store.dueMessages(clock.getAsLong(), 50)) {
            int attempts = message.attempts() + 1;
            String error;
            Request request = new Request.Builder().url(message.destination()).header("Idempotency-Key", message.id())
                    .post(RequestBody.create(message.payload(), JSON)).build();
            try (Response response = http.newCall(request).execute()) {
                if (response.isSuccessful()) {
                    store.delivered(message.id(), attempts, clock.getAsLong());
                    delivered++;
                    continue;
                }
                error = "HTTP " + response.code();
            } catch (IOException e) {
                error = e.getClass().getSimpleName() + ": " + e.getMessage();
            }
            long delay = Math.min(settings.retryMax().toMillis(), settings.retryBase().toMillis() << Math.min(20, attempts - 1));
            store.deliveryFailed(message.id(), attempts, clock.getAsLong() + delay, error);
        }
        return delivered;
    }

    /**
     * Replaces the endpoint-sourced part of the blacklist with what {@code GET <endpoint>/blacklist} lists: a JSON array
     * of {@code {"technique", "reason"}}. An endpoint that answers 404 offers none; entries added through this service's
     * API are kept.
     *
     * @return false when the endpoint offers no blacklist
     */
    public boolean syncBlacklist() throws StoreException, IOException {
        HttpUrl url = settings.endpoint().newBuilder().addPathSegment("blacklist").build();
        try (Response response = http.newCall(new Request.Builder().url(url).get().build()).execute()) {
            if (response.code() == 404 || response.code() == 405) {
                return false;
            }
            if (!response.isSuccessful()) {
                throw new IOException("GET " + url + " answered HTTP " + response.code());
            }
            JsonElement body = JsonParser.parseString(response.body().string());
            JsonArray entries = body.isJsonArray() ? body.getAsJsonArray() : body.getAsJsonObject().getAsJsonArray("techniques");
            List<Records.BlacklistEntry> fetched = new ArrayList<>();
            for (JsonElement element : entries) {
                JsonObject entry = element.getAsJsonObject();
                String reason = entry.has("reason") && !entry.get("reason").isJsonNull() ? entry.get("reason").getAsString()
                        : "listed by the quarantine endpoint";
                fetched.add(new Records.BlacklistEntry(entry.get("technique").getAsString(), reason, SOURCE_ENDPOINT, clock.getAsLong()));
            }
            store.replaceBlacklist(SOURCE_ENDPOINT, fetched);
            return true;
        }
    }

    public static final String SOURCE_ENDPOINT = "quarantine_endpoint";
    public static final String SOURCE_API = "api";

    @Override
    public synchronized void close() {
        if (worker != null) {
            worker.shutdownNow();
            try {
                worker.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
