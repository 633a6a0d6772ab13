package dev.vcai.service;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.vcai.model.ModelException;
import dev.vcai.model.ModelVersions;
import dev.vcai.service.quarantine.Quarantine;
import dev.vcai.service.quarantine.Trigger;
import dev.vcai.service.store.Records;
import dev.vcai.service.store.Store;
import dev.vcai.service.store.StoreException;
import dev.vcai.triton.TritonSettings;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import okhttp3.HttpUrl;

/**
 * {@code vcai serve}: the model lifecycle behind a REST API (experiments, evaluation, promotion, quarantine) and the
 * production model's inference endpoints. Build one with {@link #builder()} (or {@link Builder#fromEnvironment}),
 * {@link #start()} it, {@link #close()} it. The routes are documented in {@code openapi.json} beside this class.
 */
public final class VcaiService implements AutoCloseable {
    public static final String API = "/api/v1/vc-ai";
    static final String OPENAPI_RESOURCE = "/dev/vcai/service/openapi.json";
    private static final Gson GSON = new GsonBuilder().serializeNulls().disableHtmlEscaping().create();
    /** Requests that change state; they need the API token when one is configured. */
    private static final Set<String> MUTATING_METHODS = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final Set<String> READ_ONLY_POSTS = Set.of(API + "/inference/analyze-commit", API + "/inference/batch-analyze",
            API + "/inference/generate-message", API + "/evaluation/compare");

    private final Builder config;
    private final LongSupplier clock = System::currentTimeMillis;
    private Store store;
    private Quarantine quarantine;
    private ProductionModel production;
    private Runs runs;
    private Inference inference;
    private Promotion promotion;
    private PrometheusMeterRegistry registry;
    private Javalin app;
    private TritonServedLlm tritonLlm;
    private final List<String> routes = new ArrayList<>();
    private int interrupted;

    private VcaiService(Builder builder) {
        this.config = builder;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Opens the database, fails runs a previous process left unfinished, loads the production model, listens. */
    public VcaiService start() throws StoreException, ModelException, IOException {
        store = Store.open(config.databaseUrl, config.databaseUser, config.databasePassword);
        quarantine = new Quarantine(store, config.quarantine, clock);
        production = new ProductionModel(config.modelRepository.resolve(ModelVersions.MODEL_NAME));
        ServedLlm served = config.servedLlm;
        if (served == null && config.tritonEndpoint != null && !config.tritonEndpoint.isBlank()) {
            tritonLlm = new TritonServedLlm(TritonSettings.of(config.tritonEndpoint, System.getenv()), () -> production.current().model(),
                    config.llmModel);
            served = tritonLlm;
        }
        if (served == null) {
            served = ServedLlm.unavailable();
        }
        runs = new Runs(store, quarantine, config.datasets, served, config.gates, config.pricePerHour, config.runThreads,
                config.runQueue, clock);
        interrupted = runs.failInterrupted();
        inference = new Inference(production, config.repositoryRoot, served);
        promotion = new Promotion(store, production, config.gates, config.datasets, clock);
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        quarantine.start();
        app = Javalin.create(c -> {
            c.showJavalinBanner = false;
            c.http.maxRequestSize = config.maxBodyBytes;
            c.requestLogger.http((ctx, ms) -> Timer.builder("vcai.http.requests")
                    .tag("method", ctx.method().name())
                    .tag("route", route(ctx))
                    .tag("status", Integer.toString(ctx.statusCode()))
                    .publishPercentiles(0.5, 0.95, 0.99)
                    .register(registry).record((long) (ms * 1_000_000), TimeUnit.NANOSECONDS));
        });
        routes(app);
        app.start(config.host, config.port);
        return this;
    }

    /** The route's path pattern, or "unmatched" when the request was refused before one matched. */
    private static String route(Context ctx) {
        try {
            return ctx.endpointHandlerPath();
        } catch (IllegalStateException e) {
            return "unmatched";
        }
    }

    /** The port listened on (useful with port 0). */
    public int port() {
        return app.port();
    }

    /** What an operator should fix, found at start-up; the service runs regardless. */
    public List<String> warnings() {
        List<String> warnings = new ArrayList<>();
        if (!Files.isDirectory(config.modelRepository)) {
            warnings.add("no model repository at " + config.modelRepository.toAbsolutePath() + " (VCAI_MODEL_REPO): the model shipped"
                    + " inside vcai serves, and promotions have nowhere to go");
        }
        try {
            if (!Runs.repositories(config.datasets).isEmpty()) {
                return warnings;
            }
        } catch (IOException e) {
            // no directory: the same warning
        }
        warnings.add("no labelled datasets at " + config.datasets.toAbsolutePath() + " (VCAI_DATASETS): experiments cannot be "
                + "created or run until there are; inference works");
        return warnings;
    }

    /** How many runs the previous process left unfinished, failed at this start. */
    public int interruptedRuns() {
        return interrupted;
    }

    private void routes(Javalin app) {
        this.app = app;
        app.before(this::guard);
        route(HandlerType.GET, "/health", ctx -> ctx.contentType("application/json").result("{\"status\":\"up\"}"));
        route(HandlerType.GET, "/ready", this::ready);
        route(HandlerType.GET, "/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(registry.scrape()));
        route(HandlerType.GET, "/openapi.json", ctx -> ctx.contentType("application/json").result(openApi()));

        route(HandlerType.POST, API + "/experiments", ctx -> json(ctx, 201, createExperiment(Fields.body(body(ctx)))));
        route(HandlerType.GET, API + "/experiments", ctx -> json(ctx, 200, listExperiments()));
        route(HandlerType.GET, API + "/experiments/{id}", ctx -> json(ctx, 200, experimentJson(experiment(ctx.pathParam("id")))));
        route(HandlerType.POST, API + "/experiments/{id}/run", ctx -> {
            runs.submit(experiment(ctx.pathParam("id")));
            json(ctx, 202, experimentJson(experiment(ctx.pathParam("id"))));
        });

        route(HandlerType.POST, API + "/inference/analyze-commit", ctx -> json(ctx, 200, inference.analyzeCommit(Fields.body(body(ctx)))));
        route(HandlerType.POST, API + "/inference/batch-analyze", ctx -> json(ctx, 200, inference.batch(Fields.body(body(ctx)))));
        route(HandlerType.POST, API + "/inference/generate-message", ctx -> json(ctx, 200, inference.generateMessage(Fields.body(body(ctx)))));

        route(HandlerType.GET, API + "/evaluation/metrics/{id}", ctx -> json(ctx, 200, metrics(ctx.pathParam("id"))));
        route(HandlerType.POST, API + "/evaluation/compare", ctx -> json(ctx, 200, compare(Fields.body(body(ctx)))));
        route(HandlerType.POST, API + "/evaluation/promote/{id}", ctx -> json(ctx, 200, promotion.promote(experiment(ctx.pathParam("id")).id(),
                Fields.body(body(ctx)))));
        route(HandlerType.GET, API + "/evaluation/promote/{id}", ctx -> {
            JsonObject out = new JsonObject();
            out.add("decisions", promotion.decisions(experiment(ctx.pathParam("id")).id()));
            json(ctx, 200, out);
        });
        route(HandlerType.POST, API + "/evaluation/rollback", ctx -> json(ctx, 200, promotion.rollback(Fields.body(body(ctx)))));
        route(HandlerType.GET, API + "/models/versions", ctx -> json(ctx, 200, promotion.history()));

        route(HandlerType.GET, API + "/quarantine/failures", ctx -> json(ctx, 200, failures()));
        route(HandlerType.GET, API + "/quarantine/outbox", ctx -> json(ctx, 200, outbox()));
        route(HandlerType.GET, API + "/quarantine/blacklist", ctx -> json(ctx, 200, blacklist()));
        route(HandlerType.POST, API + "/quarantine/blacklist", ctx -> json(ctx, 201, addBlacklist(Fields.body(body(ctx)))));
        route(HandlerType.DELETE, API + "/quarantine/blacklist/{technique}", ctx -> {
            if (!store.removeBlacklist(ctx.pathParam("technique"))) {
                throw ApiError.notFound("blacklist entry " + ctx.pathParam("technique"));
            }
            ctx.status(204);
        });

        app.exception(ApiError.class, (e, ctx) -> json(ctx, e.status(), e.toJson()));
        app.exception(HttpResponseException.class, (e, ctx) -> {
            int status = e.getStatus();
            String rule = status == 413 ? "max_body_size" : status == 404 ? "no_route" : "http_" + status;
            String message = status == 413 ? "the request body is larger than " + config.maxBodyBytes + " bytes"
                    : status == 404 ? "no route " + ctx.method() + " " + ctx.path() + "; see /openapi.json" : e.getMessage();
            json(ctx, status, new ApiError(status, null, rule, message).toJson());
        });
        app.exception(StoreException.class, (e, ctx) -> json(ctx, 503, new ApiError(503, null, "database_unavailable",
                e.getMessage()).toJson()));
        app.exception(IOException.class, (e, ctx) -> json(ctx, 503, new ApiError(503, null, "io_error",
                "the service cannot read or write what this request needs: " + e.getMessage()).toJson()));
        app.exception(Exception.class, (e, ctx) -> json(ctx, 500, new ApiError(500, null, "internal",
                "internal error: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())).toJson()));
    }

    private void route(HandlerType method, String path, Handler handler) {
        routes.add(method.name() + " " + path);
        app.addHttpHandler(method, path, handler);
    }

    /** Every route, as "METHOD /path", in the order they were added (the OpenAPI document lists the same). */
    public List<String> routes() {
        return List.copyOf(routes);
    }

    /**
     * The request's body as text, read up to the size limit: a chunked request has no Content-Length for
     * {@link #guard} to check, and Javalin's own limit looks at that header only.
     */
    private String body(Context ctx) throws IOException {
        byte[] bytes = ctx.req().getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, config.maxBodyBytes + 1));
        if (bytes.length > config.maxBodyBytes) {
            throw new ApiError(413, null, "max_body_size", "the request body is larger than " + config.maxBodyBytes + " bytes");
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** The body-size limit and the API token, checked before any handler. */
    private void guard(Context ctx) {
        long length = ctx.req().getContentLengthLong();
        if (length > config.maxBodyBytes) {
            throw new ApiError(413, null, "max_body_size", "the request body (" + length + " bytes) is larger than "
                    + config.maxBodyBytes + " bytes");
        }
        if (config.apiToken == null || !MUTATING_METHODS.contains(ctx.method().name()) || READ_ONLY_POSTS.contains(ctx.path())) {
            return;
        }
        String header = ctx.header("Authorization");
        // The scheme's name is case-insensitive (RFC 9110): "bearer" is Bearer; the token is compared in constant time.
        boolean bearer = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7);
        if (!bearer || !MessageDigest.isEqual(header.substring(7).strip().getBytes(StandardCharsets.UTF_8),
                config.apiToken.getBytes(StandardCharsets.UTF_8))) {
            throw new ApiError(401, "Authorization", "api_token", "this request changes state: send 'Authorization: Bearer <token>' "
                    + "with the service's API token");
        }
    }

    private void ready(Context ctx) {
        JsonObject out = new JsonObject();
        boolean database = store.ping();
        out.addProperty("status", database ? "ready" : "not_ready");
        out.addProperty("database", database ? "up" : "down");
        out.addProperty("model_sha256", production.current().model().identity().sha256());
        out.addProperty("model_version", production.current().version());
        json(ctx, database ? 200 : 503, out);
    }

    private static void json(Context ctx, int status, JsonElement body) {
        ctx.status(status).contentType("application/json").result(GSON.toJson(body));
    }

    private static String openApi() throws IOException {
        try (InputStream in = VcaiService.class.getResourceAsStream(OPENAPI_RESOURCE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    // ---- experiments ----

    private JsonObject createExperiment(JsonObject body) throws StoreException, IOException {
        Map<String, String> blacklisted = new HashMap<>();
        store.blacklist().forEach(e -> blacklisted.put(e.technique(), e.reason()));
        ExperimentSpec spec = ExperimentSpec.parse(body, Runs.repositories(config.datasets), blacklisted::get);
        long now = clock.getAsLong();
        Records.Experiment experiment = new Records.Experiment(UUID.randomUUID().toString(), spec.name(), spec.kind().id(),
                GSON.toJson(body), "created", 0, "created", null, now, now);
        store.insertExperiment(experiment);
        return experimentJson(experiment);
    }

    private Records.Experiment experiment(String id) throws StoreException {
        return store.experiment(id).orElseThrow(() -> ApiError.notFound("experiment " + id));
    }

    private JsonObject listExperiments() throws StoreException {
        JsonArray list = new JsonArray();
        for (Records.Experiment e : store.experiments()) {
            list.add(experimentJson(e));
        }
        JsonObject out = new JsonObject();
        out.add("experiments", list);
        return out;
    }

    private static JsonObject experimentJson(Records.Experiment e) {
        JsonObject o = new JsonObject();
        o.addProperty("id", e.id());
        o.addProperty("name", e.name());
        o.addProperty("kind", e.kind());
        o.addProperty("status", e.status());
        o.addProperty("progress", Math.round(e.progress() * 1000) / 1000.0);
        o.addProperty("phase", e.phase());
        o.addProperty("failure", e.failure());
        o.addProperty("created_at", Instant.ofEpochMilli(e.createdAt()).toString());
        o.addProperty("updated_at", Instant.ofEpochMilli(e.updatedAt()).toString());
        JsonObject spec = JsonParser.parseString(e.spec()).getAsJsonObject();
        for (String field : List.of("architecture_config", "training_settings", "inference_settings")) {
            o.add(field, spec.has(field) ? spec.get(field) : new JsonObject());
        }
        return o;
    }

    // ---- evaluation ----

    private Records.Evaluation evaluation(String id) throws StoreException {
        Records.Experiment experiment = experiment(id);
        return store.evaluation(id).orElseThrow(() -> ApiError.conflict("not_evaluated", "experiment " + id + " is "
                + experiment.status() + " and has no evaluation yet; run it first"));
    }

    private JsonObject metrics(String id) throws StoreException {
        Records.Evaluation evaluation = evaluation(id);
        JsonObject out = new JsonObject();
        out.addProperty("experiment_id", id);
        out.add("metrics", JsonParser.parseString(evaluation.metrics()));
        out.addProperty("price_per_hour", Double.isNaN(config.pricePerHour) ? null : config.pricePerHour);
        out.addProperty("evaluated_at", Instant.ofEpochMilli(evaluation.createdAt()).toString());
        return out;
    }

    private JsonObject compare(JsonObject body) throws StoreException {
        Fields fields = Fields.of(body, "");
        fields.onlyKnown(Set.of("experiments", "alpha"));
        List<String> ids = fields.strings("experiments", 2, 10, null);
        double alpha = fields.number("alpha", 0, 0.5, true, 0.05);
        List<List<Scoring.Outcome>> outcomes = new ArrayList<>();
        List<JsonObject> metrics = new ArrayList<>();
        for (String id : ids) {
            Records.Evaluation evaluation = evaluation(id);
            List<Scoring.Outcome> list = new ArrayList<>();
            JsonParser.parseString(evaluation.outcomes()).getAsJsonArray().forEach(o -> list.add(Scoring.Outcome.fromJson(o.getAsJsonObject())));
            outcomes.add(list);
            metrics.add(JsonParser.parseString(evaluation.metrics()).getAsJsonObject());
        }
        List<String> commits = outcomes.get(0).stream().map(Scoring.Outcome::commit).toList();
        for (int i = 1; i < ids.size(); i++) {
            if (!outcomes.get(i).stream().map(Scoring.Outcome::commit).toList().equals(commits)) {
                throw ApiError.invalid("experiments[" + i + "]", "same_evaluation_set", "experiment " + ids.get(i)
                        + " was evaluated on other commits than " + ids.get(0) + ": a paired comparison needs the same evaluation set");
            }
        }
        JsonArray side = new JsonArray();
        for (int i = 0; i < ids.size(); i++) {
            JsonObject o = new JsonObject();
            o.addProperty("experiment_id", ids.get(i));
            o.add("metrics", metrics.get(i));
            side.add(o);
        }
        JsonArray pairs = new JsonArray();
        for (int a = 0; a < ids.size(); a++) {
            for (int b = a + 1; b < ids.size(); b++) {
                int onlyA = 0;
                int onlyB = 0;
                for (int k = 0; k < commits.size(); k++) {
                    boolean rightA = outcomes.get(a).get(k).correct();
                    boolean rightB = outcomes.get(b).get(k).correct();
                    onlyA += rightA && !rightB ? 1 : 0;
                    onlyB += rightB && !rightA ? 1 : 0;
                }
                McNemar test = McNemar.of(onlyA, onlyB);
                JsonObject pair = new JsonObject();
                pair.addProperty("a", ids.get(a));
                pair.addProperty("b", ids.get(b));
                JsonObject differences = new JsonObject();
                for (String metric : List.of("accuracy", "macro_f1", "latency_p99_ms", "throughput_rps", "error_rate")) {
                    JsonElement x = metrics.get(a).get(metric);
                    JsonElement y = metrics.get(b).get(metric);
                    differences.addProperty(metric, x == null || y == null || x.isJsonNull() || y.isJsonNull() ? null
                            : Math.round((y.getAsDouble() - x.getAsDouble()) * 10000) / 10000.0);
                }
                pair.add("difference_b_minus_a", differences);
                pair.addProperty("only_a_correct", onlyA);
                pair.addProperty("only_b_correct", onlyB);
                pair.addProperty("test", "mcnemar_" + test.method());
                pair.addProperty("statistic", Math.round(test.statistic() * 10000) / 10000.0);
                pair.addProperty("p_value", test.pValue());
                pair.addProperty("significant", test.significant(alpha));
                pairs.add(pair);
            }
        }
        JsonObject out = new JsonObject();
        out.addProperty("evaluation_commits", commits.size());
        out.addProperty("alpha", alpha);
        out.add("experiments", side);
        out.add("pairs", pairs);
        return out;
    }

    // ---- quarantine ----

    private JsonObject failures() throws StoreException {
        JsonArray list = new JsonArray();
        store.failures().forEach(f -> list.add(Quarantine.toJson(f)));
        JsonObject out = new JsonObject();
        out.add("failures", list);
        return out;
    }

    private JsonObject outbox() throws StoreException {
        JsonArray list = new JsonArray();
        int pending = 0;
        for (Records.OutboxMessage m : store.outbox()) {
            JsonObject o = new JsonObject();
            o.addProperty("id", m.id());
            o.addProperty("destination", m.destination());
            o.addProperty("attempts", m.attempts());
            o.addProperty("delivered", m.deliveredAt() != null);
            o.addProperty("next_attempt_at", m.deliveredAt() != null ? null : Instant.ofEpochMilli(m.nextAttemptAt()).toString());
            o.addProperty("last_error", m.lastError());
            pending += m.deliveredAt() == null ? 1 : 0;
            list.add(o);
        }
        JsonObject out = new JsonObject();
        out.addProperty("pending", pending);
        out.add("messages", list);
        return out;
    }

    private JsonObject blacklist() throws StoreException {
        JsonArray list = new JsonArray();
        for (Records.BlacklistEntry e : store.blacklist()) {
            list.add(blacklistJson(e));
        }
        JsonObject out = new JsonObject();
        out.add("techniques", list);
        return out;
    }

    private static JsonObject blacklistJson(Records.BlacklistEntry e) {
        JsonObject o = new JsonObject();
        o.addProperty("technique", e.technique());
        o.addProperty("reason", e.reason());
        o.addProperty("source", e.source());
        o.addProperty("created_at", Instant.ofEpochMilli(e.createdAt()).toString());
        return o;
    }

    private JsonObject addBlacklist(JsonObject body) throws StoreException {
        Fields fields = Fields.of(body, "");
        fields.onlyKnown(Set.of("technique", "reason"));
        String technique = fields.nonBlank("technique", 200);
        if (!technique.matches("[a-z_]+(:[A-Za-z0-9_]+)?")) {
            throw ApiError.invalid("technique", "technique_key", "technique must look like quantization:AWQ, attention:sliding_window "
                    + "or lora (a field name, optionally ':' and its value)");
        }
        Records.BlacklistEntry entry = new Records.BlacklistEntry(technique, fields.nonBlank("reason", 2000), Quarantine.SOURCE_API,
                clock.getAsLong());
        store.putBlacklist(entry);
        return blacklistJson(entry);
    }

    /** Stops listening and the background work; runs in flight are failed at the next start. */
    @Override
    public void close() {
        if (app != null) {
            app.stop();
        }
        if (runs != null) {
            runs.close();
        }
        if (quarantine != null) {
            quarantine.close();
        }
        if (production != null) {
            production.close();
        }
        if (tritonLlm != null) {
            tritonLlm.close();
        }
        if (registry != null) {
            registry.close();
        }
    }

    /** The service's settings; {@link #fromEnvironment} reads them from the documented variables. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = 8000;
        private String databaseUrl = "jdbc:sqlite:vcai-service.db";
        private String databaseUser;
        private String databasePassword;
        private Path modelRepository = Path.of("triton-model-repo");
        private Path datasets = Path.of("datasets");
        private Path repositoryRoot;
        private String apiToken;
        private long maxBodyBytes = 1 << 20;
        private Quarantine.Settings quarantine = Quarantine.Settings.defaults();
        private String tritonEndpoint;
        private ServedLlm servedLlm;
        private String llmModel = ExperimentSpec.DEFAULT_SERVED_MODEL;
        private PromotionGates gates = PromotionGates.DEFAULTS;
        private double pricePerHour = Double.NaN;
        private int runThreads = 1;
        private int runQueue = 16;

        private Builder() {
        }

        /**
         * Reads the README's variables: VCAI_SERVICE_HOST, VCAI_SERVICE_DB_URL (+ _USER, _PASSWORD), VCAI_MODEL_REPO,
         * VCAI_DATASETS, VCAI_SERVICE_REPOSITORY_ROOT, VCAI_API_TOKEN, VCAI_MAX_BODY_BYTES, V3_API_ENDPOINT,
         * VCAI_WEBHOOKS (comma-separated), VCAI_QUARANTINE_TRIGGERS, VCAI_TRITON_URL (and VCAI_TRITON_TOKEN), VCAI_LLM_MODEL, VCAI_PRICE_PER_HOUR,
         * VCAI_RUN_THREADS, VCAI_RUN_QUEUE and VCAI_GATE_MIN_ACCURACY, _MAX_P99_MS, _MAX_ERROR_RATE, _MIN_GAIN,
         * _MIN_THROUGHPUT.
         *
         * @throws IllegalArgumentException naming the variable that holds a bad value
         */
        public Builder fromEnvironment(Map<String, String> env) {
            java.util.function.Function<String, String> get = name -> {
                String value = env.get(name);
                return value == null || value.isBlank() ? null : value.strip();
            };
            if (get.apply("VCAI_SERVICE_HOST") != null) {
                host = get.apply("VCAI_SERVICE_HOST");
            }
            if (get.apply("VCAI_SERVICE_DB_URL") != null) {
                databaseUrl = get.apply("VCAI_SERVICE_DB_URL");
            }
            databaseUser = get.apply("VCAI_SERVICE_DB_USER");
            databasePassword = get.apply("VCAI_SERVICE_DB_PASSWORD");
            if (get.apply("VCAI_MODEL_REPO") != null) {
                modelRepository = Path.of(get.apply("VCAI_MODEL_REPO"));
            }
            if (get.apply("VCAI_DATASETS") != null) {
                datasets = Path.of(get.apply("VCAI_DATASETS"));
            }
            if (get.apply("VCAI_SERVICE_REPOSITORY_ROOT") != null) {
                repositoryRoot = Path.of(get.apply("VCAI_SERVICE_REPOSITORY_ROOT"));
            }
            apiToken = get.apply("VCAI_API_TOKEN");
            maxBodyBytes = number(get, "VCAI_MAX_BODY_BYTES", maxBodyBytes, 1024, Integer.MAX_VALUE).longValue();
            HttpUrl endpoint = url(get.apply("V3_API_ENDPOINT"), "V3_API_ENDPOINT");
            List<HttpUrl> webhooks = new ArrayList<>();
            if (get.apply("VCAI_WEBHOOKS") != null) {
                for (String hook : get.apply("VCAI_WEBHOOKS").split(",")) {
                    if (!hook.isBlank()) {
                        webhooks.add(url(hook.strip(), "VCAI_WEBHOOKS"));
                    }
                }
            }
            Set<Trigger> triggers = new LinkedHashSet<>(List.of(Trigger.values()));
            if (get.apply("VCAI_QUARANTINE_TRIGGERS") != null) {
                triggers.clear();
                for (String name : get.apply("VCAI_QUARANTINE_TRIGGERS").split(",")) {
                    try {
                        triggers.add(Trigger.fromId(name));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("VCAI_QUARANTINE_TRIGGERS: unknown trigger '" + name.strip() + "'");
                    }
                }
            }
            Quarantine.Settings q = quarantine;
            quarantine = new Quarantine.Settings(endpoint, webhooks, triggers, q.retryBase(), q.retryMax(), q.poll(), q.blacklistSync());
            tritonEndpoint = get.apply("VCAI_TRITON_URL");
            String llm = get.apply("VCAI_LLM_MODEL");
            if (llm != null && !llm.isBlank()) {
                llmModel = llm.strip();
            }
            pricePerHour = number(get, "VCAI_PRICE_PER_HOUR", pricePerHour, 0, 1e6);
            runThreads = number(get, "VCAI_RUN_THREADS", runThreads, 1, 64).intValue();
            runQueue = number(get, "VCAI_RUN_QUEUE", runQueue, 1, 10_000).intValue();
            PromotionGates d = gates;
            gates = new PromotionGates(number(get, "VCAI_GATE_MIN_ACCURACY", d.minAccuracy(), 0, 1),
                    number(get, "VCAI_GATE_MAX_P99_MS", d.maxP99Ms(), 0, 1e9), number(get, "VCAI_GATE_MAX_ERROR_RATE", d.maxErrorRate(), 0, 1),
                    number(get, "VCAI_GATE_MIN_GAIN", d.minGain(), -1, 100), number(get, "VCAI_GATE_MIN_THROUGHPUT", d.minThroughput(), 0, 1e9));
            return this;
        }

        /** 1024, not 1024.0; 0.5 stays 0.5. */
        private static String plain(double value) {
            return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
        }

        private static Double number(java.util.function.Function<String, String> get, String name, double fallback, double min, double max) {
            String text = get.apply(name);
            if (text == null) {
                return fallback;
            }
            try {
                double value = Double.parseDouble(text);
                if (value < min || value > max) {
                    throw new IllegalArgumentException(name + " must be between " + plain(min) + " and " + plain(max) + ", not " + text);
                }
                return value;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " must be a number, not '" + text + "'");
            }
        }

        private static HttpUrl url(String text, String name) {
            if (text == null) {
                return null;
            }
            HttpUrl url = HttpUrl.parse(text);
            if (url == null) {
                throw new IllegalArgumentException(name + " must be an http(s) URL, not '" + text + "'");
            }
            return url;
        }

        public Builder host(String host) {
            this.host = host;
            return this;
        }

        /** 0 picks a free port. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder database(String url, String user, String password) {
            this.databaseUrl = url;
            this.databaseUser = user;
            this.databasePassword = password;
            return this;
        }

        /** The Triton model repository the production versions are published to ({@code <dir>/change_type/<n>/model.onnx}). */
        public Builder modelRepository(Path directory) {
            this.modelRepository = directory;
            return this;
        }

        public Builder datasets(Path directory) {
            this.datasets = directory;
            return this;
        }

        public Builder repositoryRoot(Path directory) {
            this.repositoryRoot = directory;
            return this;
        }

        public Builder apiToken(String token) {
            this.apiToken = token;
            return this;
        }

        public Builder maxBodyBytes(long bytes) {
            this.maxBodyBytes = bytes;
            return this;
        }

        public Builder quarantine(Quarantine.Settings settings) {
            this.quarantine = settings;
            return this;
        }

        public Builder tritonEndpoint(String url) {
            this.tritonEndpoint = url;
            return this;
        }

        /** The LLM on Triton that drafts commit messages (default: commit_llm, triton-model-repo's entry). */
        public Builder llmModel(String name) {
            this.llmModel = name;
            return this;
        }

        /** Served LLMs from elsewhere than the configured Triton endpoint (the tests' scripted ones). */
        public Builder servedLlm(ServedLlm servedLlm) {
            this.servedLlm = servedLlm;
            return this;
        }

        public Builder gates(PromotionGates gates) {
            this.gates = gates;
            return this;
        }

        public Builder pricePerHour(double price) {
            this.pricePerHour = price;
            return this;
        }

        public Builder runs(int threads, int queue) {
            this.runThreads = threads;
            this.runQueue = queue;
            return this;
        }

        public VcaiService build() {
            return new VcaiService(this);
        }
    }
}
