package dev.vcai.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.vcai.pipeline.CommitAnalysis;
import dev.vcai.pipeline.RangeAnalysis;
import dev.vcai.triton.LlmClient;
import dev.vcai.triton.LlmResult;
import dev.vcai.triton.TritonClient;
import dev.vcai.triton.TritonException;
import dev.vcai.triton.TritonSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code analyze --llm}: the LLM's view of each analysed commit, next to the classifier's. A failure (no valid
 * answer in time) keeps the classifier's result and is counted and shown; it never fails the command.
 */
record LlmReview(String model, List<LlmResult> results, int failures) {
    static LlmReview run(TritonSettings triton, String model, Duration deadline, RangeAnalysis analysis) {
        List<LlmResult> results = new ArrayList<>();
        try (TritonClient client = triton.client()) {
            LlmClient llm = LlmClient.builder(client, model).deadline(deadline).build();
            for (CommitAnalysis commit : analysis.commits()) {
                results.add(llm.review(commit.facts(), commit.prediction().type(), commit.prediction().confidence()));
            }
            return new LlmReview(model, results, llm.failures());
        } catch (TritonException e) {
            analysis.commits().forEach(c -> results.add(LlmResult.failed(e.getMessage())));
            return new LlmReview(model, results, results.size());
        }
    }

    /** Adds {@code llm} to the report's root (model, counts) and to each commit (the answer or the failure). */
    void addTo(JsonObject report) {
        JsonObject summary = new JsonObject();
        summary.addProperty("model", model);
        summary.addProperty("answered", results.size() - failures);
        summary.addProperty("failures", failures);
        report.add("llm", summary);
        JsonArray commits = report.getAsJsonArray("commits");
        for (int i = 0; i < results.size(); i++) {
            LlmResult result = results.get(i);
            JsonObject llm = new JsonObject();
            if (result.ok()) {
                llm.addProperty("change_type", result.answer().changeType().id());
                llm.addProperty("summary", result.answer().summary());
                JsonArray notes = new JsonArray();
                result.answer().riskNotes().forEach(notes::add);
                llm.add("risk_notes", notes);
            } else {
                llm.addProperty("failure", result.failure());
            }
            commits.get(i).getAsJsonObject().add("llm", llm);
        }
    }

    /** Plain lines for the human formats: each commit's summary or failure, then the counts. */
    String text(RangeAnalysis analysis) {
        StringBuilder out = new StringBuilder("\n");
        for (int i = 0; i < results.size(); i++) {
            LlmResult result = results.get(i);
            out.append("llm ").append(analysis.commits().get(i).facts().shortId()).append(": ");
            out.append(result.ok() ? result.answer().changeType().id() + ": " + result.answer().summary()
                    : "failed (classifier's type kept): " + result.failure()).append('\n');
        }
        out.append("llm ").append(model).append(": ").append(results.size() - failures).append(" answered, ").append(failures)
                .append(" failed\n");
        return out.toString();
    }
}
