package dev.vcai.service;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.vcai.analysis.ChangeType;
import dev.vcai.model.ChangeTypeModel;
import dev.vcai.model.Evaluation;
import dev.vcai.model.LabelledCommit;
import dev.vcai.model.ModelException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * Scores a model on an evaluation set one commit at a time, as a client would call it: quality (accuracy, macro and
 * per-type precision, recall, F1), latency percentiles, throughput, error rate, size, memory and cost.
 */
final class Scoring {
    private Scoring() {
    }

    /** One evaluation commit: what was declared, what the model said (null on an error) and how long it took. */
    record Outcome(String commit, ChangeType declared, ChangeType predicted, double latencyMs, String error) {
        boolean correct() {
            return declared == predicted;
        }

        JsonObject toJson() {
            JsonObject o = new JsonObject();
            o.addProperty("commit", commit);
            o.addProperty("declared", declared.id());
            o.addProperty("predicted", predicted == null ? null : predicted.id());
            o.addProperty("latency_ms", latencyMs);
            o.addProperty("error", error);
            return o;
        }

        static Outcome fromJson(JsonObject o) {
            return new Outcome(o.get("commit").getAsString(), ChangeType.fromId(o.get("declared").getAsString()),
                    o.get("predicted").isJsonNull() ? null : ChangeType.fromId(o.get("predicted").getAsString()),
                    o.get("latency_ms").getAsDouble(), o.get("error").isJsonNull() ? null : o.get("error").getAsString());
        }
    }

    /** @param flat the scalar metrics by name, as the gates and quarantine triggers read them */
    record Result(List<Outcome> outcomes, JsonObject metrics, Map<String, Double> flat) {
        JsonArray outcomesJson() {
            JsonArray array = new JsonArray();
            outcomes.forEach(o -> array.add(o.toJson()));
            return array;
        }
    }

    static Result classifier(ChangeTypeModel model, List<LabelledCommit> commits, Extra extra, IntConsumer progress) {
        List<Outcome> outcomes = new ArrayList<>(commits.size());
        long start = System.nanoTime();
        for (int i = 0; i < commits.size(); i++) {
            LabelledCommit commit = commits.get(i);
            long begin = System.nanoTime();
            ChangeType predicted = null;
            String error = null;
            try {
                predicted = model.classify(List.of(commit.facts())).get(0).type();
            } catch (ModelException | RuntimeException e) {
                error = e.getMessage();
            }
            outcomes.add(new Outcome(commit.facts().id(), commit.label(), predicted, (System.nanoTime() - begin) / 1e6, error));
            if (i % 50 == 0) {
                progress.accept(i);
            }
        }
        return of(outcomes, (System.nanoTime() - start) / 1e9, extra);
    }

    /** What the caller knows besides the outcomes. NaN: unknown. */
    record Extra(double modelSizeBytes, double trainingCommits, double pricePerHour, double invalidAnswers) {
    }

    static Result of(List<Outcome> outcomes, double seconds, Extra extra) {
        List<ChangeType> declared = new ArrayList<>();
        List<ChangeType> predicted = new ArrayList<>();
        int correct = 0;
        int errors = 0;
        double[] latencies = new double[outcomes.size()];
        for (int i = 0; i < outcomes.size(); i++) {
            Outcome o = outcomes.get(i);
            latencies[i] = o.latencyMs();
            if (o.predicted() == null) {
                errors++;
                continue;
            }
            declared.add(o.declared());
            predicted.add(o.predicted());
            correct += o.correct() ? 1 : 0;
        }
        Evaluation evaluation = Evaluation.of(declared, predicted);
        Arrays.sort(latencies);
        int n = outcomes.size();
        Map<String, Double> flat = new LinkedHashMap<>();
        flat.put("evaluation_commits", (double) n);
        flat.put("training_commits", extra.trainingCommits());
        // Errors count as wrong answers: a model that fails on a commit did not classify it.
        flat.put("accuracy", n == 0 ? 0 : (double) correct / n);
        double precision = 0;
        double recall = 0;
        for (Evaluation.PerType t : evaluation.perType().values()) {
            precision += t.precision();
            recall += t.recall();
        }
        int types = evaluation.perType().size();
        flat.put("macro_precision", types == 0 ? 0 : precision / types);
        flat.put("macro_recall", types == 0 ? 0 : recall / types);
        flat.put("macro_f1", evaluation.macroF1());
        flat.put("latency_p50_ms", percentile(latencies, 0.50));
        flat.put("latency_p95_ms", percentile(latencies, 0.95));
        flat.put("latency_p99_ms", percentile(latencies, 0.99));
        double throughput = seconds <= 0 ? Double.NaN : n / seconds;
        flat.put("throughput_rps", throughput);
        flat.put("error_rate", n == 0 ? 0 : (double) errors / n);
        flat.put("invalid_answer_rate", Double.isNaN(extra.invalidAnswers()) || n == 0 ? Double.NaN : extra.invalidAnswers() / n);
        flat.put("model_size_bytes", extra.modelSizeBytes());
        Runtime runtime = Runtime.getRuntime();
        flat.put("memory_bytes", (double) (runtime.totalMemory() - runtime.freeMemory()));
        flat.put("cost_per_1000_requests", Double.isNaN(extra.pricePerHour()) || !(throughput > 0) ? Double.NaN
                : extra.pricePerHour() / (throughput * 3600) * 1000);

        JsonObject metrics = new JsonObject();
        flat.forEach((name, value) -> metrics.addProperty(name, Double.isNaN(value) ? null : round(value)));
        JsonObject perType = new JsonObject();
        evaluation.perType().forEach((type, t) -> {
            JsonObject o = new JsonObject();
            o.addProperty("precision", round(t.precision()));
            o.addProperty("recall", round(t.recall()));
            o.addProperty("f1", round(t.f1()));
            o.addProperty("support", t.support());
            perType.add(type.id(), o);
        });
        metrics.add("per_type", perType);
        return new Result(outcomes, metrics, flat);
    }

    /** Nearest-rank percentile of sorted values. */
    static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static double round(double value) {
        return Math.round(value * 10000) / 10000.0;
    }
}
