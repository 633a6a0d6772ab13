package dev.vcai.service;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.vcai.model.LabelledCommit;
import dev.vcai.model.ModelException;
import dev.vcai.policy.Decision;
import dev.vcai.policy.Verdict;
import dev.vcai.report.JsonReport;
import dev.vcai.service.store.Records;
import dev.vcai.service.store.Store;
import dev.vcai.service.store.StoreException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.LongSupplier;

/**
 * Promotion of an experiment's model to production, decided by {@link PromotionGates}; APPROVED publishes the model
 * as the next version of the model repository, which the service, the hooks and the CLI ({@code VCAI_MODEL} set to
 * the model's directory) then use. Rollback publishes the previous version's model again, as a newer version. Every
 * decision and version is recorded with who asked and the metrics.
 */
final class Promotion {
    private static final Gson GSON = new GsonBuilder().serializeNulls().create();

    private final Store store;
    private final ProductionModel production;
    private final PromotionGates gates;
    private final Path datasets;
    private final LongSupplier clock;

    Promotion(Store store, ProductionModel production, PromotionGates gates, Path datasets, LongSupplier clock) {
        this.store = store;
        this.production = production;
        this.gates = gates;
        this.datasets = datasets;
        this.clock = clock;
    }

    synchronized JsonObject promote(String id, JsonObject body) throws StoreException, IOException, ModelException {
        Fields fields = Fields.of(body, "");
        fields.onlyKnown(Set.of("requested_by"));
        String requestedBy = fields.nonBlank("requested_by", 200);
        Records.Experiment experiment = store.experiment(id).orElseThrow(() -> ApiError.notFound("experiment " + id));
        if (!experiment.status().equals("succeeded")) {
            throw ApiError.conflict("not_evaluated", "experiment " + id + " is " + experiment.status()
                    + ": only an experiment whose run succeeded can be promoted");
        }
        Records.Evaluation evaluation = store.evaluation(id).orElseThrow(() -> ApiError.conflict("not_evaluated", "no evaluation of " + id));
        JsonObject metricsJson = JsonParser.parseString(evaluation.metrics()).getAsJsonObject();
        Map<String, Double> metrics = new HashMap<>();
        for (String name : metricsJson.keySet()) {
            if (metricsJson.get(name).isJsonPrimitive()) {
                metrics.put(name, metricsJson.get(name).getAsDouble());
            }
        }
        JsonObject spec = JsonParser.parseString(experiment.spec()).getAsJsonObject();
        ExperimentSpec parsed = ExperimentSpec.parse(spec, Runs.repositories(datasets), technique -> null);
        Set<String> blacklisted = new java.util.TreeSet<>();
        for (Records.BlacklistEntry entry : store.blacklist()) {
            if (parsed.techniques().containsKey(entry.technique())) {
                blacklisted.add(entry.technique());
            }
        }
        metrics.put(PromotionGates.BLACKLISTED, (double) blacklisted.size());
        double productionAccuracy = productionAccuracy(parsed);
        metrics.put("production_accuracy", productionAccuracy);
        metrics.put(PromotionGates.GAIN, productionAccuracy > 0 ? metrics.get("accuracy") / productionAccuracy - 1 : Double.NaN);

        Decision decision = gates.decide(metrics);
        if (decision.verdict() == Verdict.APPROVED && evaluation.modelBase64().isEmpty()) {
            throw ApiError.conflict("not_promotable", "experiment " + id + " is a served LLM: its gates passed, but its weights "
                    + "live in Triton's model repository, not in vcai's; deploy it there (triton-model-repo/README.md)");
        }
        Integer version = null;
        long now = clock.getAsLong();
        Records.ModelVersion record = null;
        if (decision.verdict() == Verdict.APPROVED) {
            version = production.publish(Base64.getDecoder().decode(evaluation.modelBase64()));
            record = new Records.ModelVersion(version, id, production.current().model().identity().sha256(), "promote", requestedBy,
                    GSON.toJson(metricsJson), now);
        }
        JsonArray gateResults = JsonReport.gates(decision);
        store.recordPromotion(new Records.Promotion(UUID.randomUUID().toString(), id, decision.verdict().name(), GSON.toJson(gateResults),
                requestedBy, version, now), record);

        JsonObject out = new JsonObject();
        out.addProperty("experiment_id", id);
        out.addProperty("decision", decision.verdict().name());
        out.add("gates", gateResults);
        JsonArray techniques = new JsonArray();
        blacklisted.forEach(techniques::add);
        out.add("blacklisted_techniques", techniques);
        out.addProperty("production_accuracy", round(productionAccuracy));
        out.addProperty("version", version);
        out.addProperty("model_directory", production.directory().toString());
        return out;
    }

    /** The production model's accuracy on the experiment's evaluation commits, for the better-than-production gate. */
    private double productionAccuracy(ExperimentSpec spec) throws IOException {
        List<LabelledCommit> evaluation = Runs.sample(datasets, spec.data().evaluationRepositories(), spec.data().maxEvalCommits());
        Scoring.Result result = Scoring.classifier(production.current().model(), evaluation,
                new Scoring.Extra(Double.NaN, Double.NaN, Double.NaN, Double.NaN), done -> { });
        return result.flat().get("accuracy");
    }

    synchronized JsonObject rollback(JsonObject body) throws StoreException, IOException, ModelException {
        Fields fields = Fields.of(body, "");
        fields.onlyKnown(Set.of("requested_by"));
        String requestedBy = fields.nonBlank("requested_by", 200);
        List<Integer> versions = dev.vcai.model.ModelVersions.list(production.directory());
        if (versions.size() < 2) {
            throw ApiError.conflict("no_previous_version", "there is no previous version to roll back to (versions: " + versions + ")");
        }
        int previous = versions.get(versions.size() - 2);
        int version = production.publish(production.bytes(previous));
        JsonObject metrics = new JsonObject();
        metrics.addProperty("restored_version", previous);
        metrics.addProperty("replaced_version", versions.get(versions.size() - 1));
        store.insertVersion(new Records.ModelVersion(version, null, production.current().model().identity().sha256(), "rollback",
                requestedBy, GSON.toJson(metrics), clock.getAsLong()));
        JsonObject out = new JsonObject();
        out.addProperty("version", version);
        out.addProperty("restored_version", previous);
        out.addProperty("sha256", production.current().model().identity().sha256());
        return out;
    }

    /** The versions the service published, newest first, with who published them and the metrics. */
    JsonObject history() throws StoreException {
        JsonArray versions = new JsonArray();
        for (Records.ModelVersion v : store.versions()) {
            JsonObject o = new JsonObject();
            o.addProperty("version", v.version());
            o.addProperty("experiment_id", v.experimentId());
            o.addProperty("sha256", v.sha256());
            o.addProperty("action", v.action());
            o.addProperty("promoted_by", v.promotedBy());
            o.add("metrics", JsonParser.parseString(v.metrics()));
            o.addProperty("created_at", java.time.Instant.ofEpochMilli(v.createdAt()).toString());
            versions.add(o);
        }
        JsonObject out = new JsonObject();
        ProductionModel.Current current = production.current();
        JsonObject now = new JsonObject();
        now.addProperty("version", current.version());
        now.addProperty("sha256", current.model().identity().sha256());
        now.addProperty("model_directory", production.directory().toString());
        out.add("production", now);
        out.add("versions", versions);
        return out;
    }

    JsonArray decisions(String experimentId) throws StoreException {
        JsonArray out = new JsonArray();
        for (Records.Promotion p : store.promotions(experimentId)) {
            JsonObject o = new JsonObject();
            o.addProperty("decision", p.decision());
            o.add("gates", JsonParser.parseString(p.gates()));
            o.addProperty("requested_by", p.requestedBy());
            o.addProperty("version", p.version());
            o.addProperty("created_at", java.time.Instant.ofEpochMilli(p.createdAt()).toString());
            out.add(o);
        }
        return out;
    }

    private static Double round(double value) {
        return Double.isNaN(value) ? null : Math.round(value * 10000) / 10000.0;
    }
}
