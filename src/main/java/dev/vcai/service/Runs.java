package dev.vcai.service;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.vcai.analysis.ChangeType;
import dev.vcai.analysis.Features;
import dev.vcai.model.Dataset;
import dev.vcai.model.EmbeddedModel;
import dev.vcai.model.LabelledCommit;
import dev.vcai.model.ModelException;
import dev.vcai.model.Trainer;
import dev.vcai.service.quarantine.Quarantine;
import dev.vcai.service.quarantine.Trigger;
import dev.vcai.service.store.Records;
import dev.vcai.service.store.Store;
import dev.vcai.service.store.StoreException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Experiment runs in the background on a bounded pool: a classifier variant is trained on its training repositories
 * and scored on its evaluation repositories; a served LLM is scored through {@link ServedLlm}. A run's end (its
 * evaluation, or its failure with the quarantine record) is written in one transaction. A run the service stopped
 * under is left as it was and marked failed at the next start ({@link #failInterrupted}).
 */
final class Runs implements AutoCloseable {
    static final String INTERRUPTED = "the service stopped (restart or crash) while this run was queued or running; run it again";
    private static final Gson GSON = new GsonBuilder().serializeNulls().create();

    private final Store store;
    private final Quarantine quarantine;
    private final Path datasets;
    private final ServedLlm servedLlm;
    private final PromotionGates gates;
    private final double pricePerHour;
    private final LongSupplier clock;
    private final ThreadPoolExecutor pool;
    private volatile boolean stopping;

    Runs(Store store, Quarantine quarantine, Path datasets, ServedLlm servedLlm, PromotionGates gates, double pricePerHour,
         int threads, int queue, LongSupplier clock) {
        this.store = store;
        this.quarantine = quarantine;
        this.datasets = datasets;
        this.servedLlm = servedLlm;
        this.gates = gates;
        this.pricePerHour = pricePerHour;
        this.clock = clock;
        this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(queue), r -> {
            Thread thread = new Thread(r, "vcai-run");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** At start-up: every run left queued or running by the previous process is failed with the reason. */
    int failInterrupted() throws StoreException {
        List<Records.Experiment> unfinished = store.unfinishedRuns();
        for (Records.Experiment experiment : unfinished) {
            fail(experiment, INTERRUPTED);
        }
        return unfinished.size();
    }

    /** Queues a run of the experiment; a 409 if it is already queued or running, a 503 if the queue is full. */
    void submit(Records.Experiment experiment) throws StoreException {
        if (pool.getQueue().remainingCapacity() == 0 && pool.getActiveCount() >= pool.getMaximumPoolSize()) {
            throw new ApiError(503, null, "run_queue_full", "the run queue is full (" + pool.getQueue().size()
                    + " queued); try again when a run has finished");
        }
        if (!store.moveRun(experiment.id(), List.of("created", "succeeded", "failed"), "queued", 0, "queued", clock.getAsLong())) {
            throw ApiError.conflict("run_in_progress", "experiment " + experiment.id() + " is already queued or running");
        }
        try {
            pool.execute(() -> run(experiment.id()));
        } catch (RejectedExecutionException e) {
            fail(experiment, "the run queue is full");
            throw new ApiError(503, null, "run_queue_full", "the run queue is full; try again when a run has finished");
        }
    }

    private void run(String id) {
        Records.Experiment experiment;
        try {
            experiment = store.experiment(id).orElseThrow();
            if (stopping || !store.moveRun(id, List.of("queued"), "running", 0.01, "loading data", clock.getAsLong())) {
                return;
            }
        } catch (StoreException e) {
            return;
        }
        try {
            ExperimentSpec spec = ExperimentSpec.parse(json(experiment.spec()), repositories(datasets), technique -> null);
            Scoring.Result result;
            String modelBase64 = "";
            List<LabelledCommit> evaluation = read(spec.data().evaluationRepositories(), spec.data().maxEvalCommits());
            if (evaluation.isEmpty()) {
                throw new IOException("the evaluation repositories hold no labelled commits");
            }
            if (spec.kind() == ExperimentSpec.Kind.CLASSIFIER) {
                List<LabelledCommit> training = read(spec.data().repositories(), spec.data().maxCommits());
                if (stopping) {
                    return;
                }
                progress(id, 0.1, "training on " + training.size() + " commits");
                List<String> families = spec.classifier().features();
                byte[] bytes = Trainer.train(training, spec.classifier().settings(), "vcai serve experiment " + experiment.name(),
                        row -> select(Features.of(row.facts()), families));
                progress(id, 0.6, "evaluating on " + evaluation.size() + " commits");
                try (EmbeddedModel model = EmbeddedModel.of(bytes)) {
                    result = Scoring.classifier(model, evaluation, new Scoring.Extra(bytes.length, training.size(), pricePerHour, Double.NaN),
                            done -> progress(id, 0.6 + 0.4 * done / evaluation.size(), "evaluating"));
                }
                modelBase64 = Base64.getEncoder().encodeToString(bytes);
            } else {
                progress(id, 0.1, "evaluating through Triton");
                result = served(spec, evaluation);
            }
            if (stopping) {
                return;
            }
            Map<Records.Failure, List<Records.OutboxMessage>> failures = new LinkedHashMap<>();
            for (Quarantine.Pending pending : gates.breaches(quarantine, experiment, result.flat())) {
                failures.put(pending.failure(), pending.messages());
            }
            store.finishRun(new Records.Evaluation(id, GSON.toJson(result.metrics()), GSON.toJson(result.outcomesJson()), modelBase64,
                    clock.getAsLong()), failures);
        } catch (ServedLlm.Unavailable | ModelException | IOException | StoreException | RuntimeException | OutOfMemoryError e) {
            if (!stopping) {
                fail(experiment, e instanceof OutOfMemoryError ? "OutOfMemoryError: the heap is too small for this run" : e.getMessage());
            }
        }
    }

    private Scoring.Result served(ExperimentSpec spec, List<LabelledCommit> evaluation) throws ServedLlm.Unavailable {
        long start = System.nanoTime();
        List<ServedLlm.Answer> answers = servedLlm.classify(spec.llm(), evaluation);
        List<Scoring.Outcome> outcomes = new ArrayList<>();
        int invalid = 0;
        for (int i = 0; i < evaluation.size(); i++) {
            ServedLlm.Answer answer = answers.get(i);
            ChangeType type = null;
            try {
                type = answer.changeType() == null ? null : ChangeType.fromId(answer.changeType());
            } catch (IllegalArgumentException e) {
                // An unknown type name is an invalid answer, counted below.
            }
            invalid += type == null ? 1 : 0;
            outcomes.add(new Scoring.Outcome(evaluation.get(i).facts().id(), evaluation.get(i).label(), type, answer.latencyMs(),
                    type == null ? "invalid answer: " + answer.raw() : null));
        }
        return Scoring.of(outcomes, (System.nanoTime() - start) / 1e9, new Scoring.Extra(Double.NaN, 0, pricePerHour, invalid));
    }

    private void fail(Records.Experiment experiment, String reason) {
        try {
            Quarantine.Pending pending = quarantine.failure(experiment, Trigger.RUN_CRASHED, Map.of(), Double.NaN, reason);
            store.failRun(experiment.id(), reason, pending == null ? null : pending.failure(),
                    pending == null ? List.of() : pending.messages(), clock.getAsLong());
        } catch (StoreException e) {
            // The database is gone; the run stays unfinished and the next start-up fails it.
        }
    }

    private void progress(String id, double progress, String phase) {
        if (stopping) {
            return;
        }
        try {
            store.moveRun(id, List.of("running"), "running", progress, phase, clock.getAsLong());
        } catch (StoreException e) {
            // Progress is advisory; the run's end is what must be written.
        }
    }

    /** At most {@code max} commits (0: all) of the repositories, split evenly among them, the first of each file. */
    private List<LabelledCommit> read(List<String> repositories, int max) throws IOException {
        return sample(datasets, repositories, max);
    }

    static List<LabelledCommit> sample(Path datasets, List<String> repositories, int max) throws IOException {
        List<LabelledCommit> rows = Dataset.read(Dataset.files(datasets), repositories::contains);
        if (max <= 0 || rows.size() <= max) {
            return rows;
        }
        int each = Math.max(1, max / repositories.size());
        Map<String, Integer> taken = new HashMap<>();
        List<LabelledCommit> out = new ArrayList<>();
        for (LabelledCommit row : rows) {
            if (out.size() < max && taken.merge(row.repository(), 1, Integer::sum) <= each) {
                out.add(row);
            }
        }
        return out;
    }

    private static Map<String, Float> select(Map<String, Float> features, List<String> families) {
        if (families.size() == ExperimentSpec.FEATURE_FAMILIES.size()) {
            return features;
        }
        Map<String, Float> out = new LinkedHashMap<>();
        features.forEach((name, value) -> {
            if (families.contains(family(name))) {
                out.put(name, value);
            }
        });
        return out;
    }

    static String family(String feature) {
        for (Map.Entry<String, List<String>> family : ExperimentSpec.FEATURE_FAMILIES.entrySet()) {
            for (String prefix : family.getValue()) {
                if (feature.startsWith(prefix)) {
                    return family.getKey();
                }
            }
        }
        return "shape";
    }

    /** Stops taking runs; runs in flight write nothing more and are failed at the next start. */
    @Override
    public void close() {
        stopping = true;
        pool.shutdownNow();
        try {
            pool.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The repositories of the labelled datasets, e.g. {@code vuejs/core}. */
    static List<String> repositories(Path datasets) throws IOException {
        return Dataset.files(datasets).stream().map(Dataset::repositoryOf).toList();
    }

    static JsonObject json(String text) {
        return JsonParser.parseString(text).getAsJsonObject();
    }
}
