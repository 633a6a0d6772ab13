package dev.vcai.report;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.stream.JsonWriter;
import dev.vcai.analysis.ChangeMetrics;
import dev.vcai.analysis.ChangeType;
import dev.vcai.analysis.ChangedFile;
import dev.vcai.analysis.CommitFacts;
import dev.vcai.impact.BlastRadius;
import dev.vcai.model.Driver;
import dev.vcai.model.Prediction;
import dev.vcai.pipeline.CommitAnalysis;
import dev.vcai.pipeline.RangeAnalysis;
import dev.vcai.policy.Decision;
import dev.vcai.risk.Risk;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * The machine-readable report, schema {@value #SCHEMA}: stable field names in snake_case, documented in
 * {@code analysis.schema.json} beside this class and in the README. Fields are only ever added.
 */
public final class JsonReport {
    public static final String SCHEMA = "vcai.analysis/v1";
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls().create();
    /** Commits written or rendered at a time by each of the two threads that write a long report. */
    private static final int CHUNK = 64;

    private JsonReport() {
    }

    public static String render(RangeAnalysis analysis) {
        return render(toJson(analysis));
    }

    /** A report built by {@link #toJson} and extended by the caller (analyze --llm adds its fields). */
    public static String render(JsonObject report) {
        StringWriter text = new StringWriter();
        write(report, text);
        return text.toString();
    }

    /**
     * Writes what {@link #render(JsonObject)} returns, streamed: a long range's report (10 MB for 1,000 commits)
     * is never held as one string, which halves the time it takes. The commits are written in chunks, every other
     * chunk rendered on a second thread while this one writes the chunk before it.
     */
    public static void write(JsonObject report, Writer out) {
        // Buffered in front of the caller's writer: Gson writes a name, a quote or an indent at a time, and each of
        // those small writes went through the encoder on its own.
        Writer buffered = new BufferedWriter(out, 1 << 16);
        try {
            JsonWriter json = GSON.newJsonWriter(buffered);
            json.beginObject();
            for (Map.Entry<String, JsonElement> member : report.entrySet()) {
                json.name(member.getKey());
                if (member.getKey().equals("commits") && member.getValue() instanceof JsonArray commits) {
                    writeCommits(commits, json);
                } else {
                    GSON.toJson(member.getValue(), json);
                }
            }
            json.endObject();
            json.flush();
            buffered.write('\n');
            buffered.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeCommits(JsonArray commits, JsonWriter json) throws IOException {
        json.beginArray();
        for (int start = 0; start < commits.size(); start += 2 * CHUNK) {
            int middle = Math.min(commits.size(), start + CHUNK);
            int end = Math.min(commits.size(), start + 2 * CHUNK);
            CompletableFuture<List<String>> next = middle == end ? CompletableFuture.completedFuture(List.of())
                    : CompletableFuture.supplyAsync(() -> rendered(commits, middle, end));
            for (int i = start; i < middle; i++) {
                GSON.toJson(commits.get(i), json);
            }
            for (String commit : next.join()) {
                json.jsonValue(commit);
            }
        }
        json.endArray();
    }

    /** Commits as the writer would put them in the report's array: two levels deep, so each line indented by four. */
    private static List<String> rendered(JsonArray commits, int from, int to) {
        List<String> rendered = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            // A JSON string holds no raw line break (Gson writes \n), so every break here is the layout's.
            rendered.add(GSON.toJson(commits.get(i)).replace("\n", "\n    "));
        }
        return rendered;
    }

    public static JsonObject toJson(RangeAnalysis analysis) {
        JsonObject root = new JsonObject();
        root.addProperty("schema", SCHEMA);
        root.addProperty("repository", analysis.repository());
        root.addProperty("range", analysis.range());
        root.addProperty("ref", analysis.ref());
        root.addProperty("verdict", analysis.verdict().name());
        JsonObject model = new JsonObject();
        if (!analysis.commits().isEmpty()) {
            Prediction.ModelIdentity identity = analysis.commits().get(0).prediction().model();
            model.addProperty("sha256", identity.sha256());
            model.addProperty("backend", identity.backend());
            Fallback fallback = Fallback.of(analysis);
            model.addProperty("fallback", fallback.reason());
            model.addProperty("fallback_commits", fallback.commits());
        }
        root.add("model", model);
        root.add("summary", summary(analysis));
        JsonArray warnings = new JsonArray();
        Cells.warnings(analysis).forEach(warnings::add);
        root.add("warnings", warnings);
        JsonArray commits = new JsonArray();
        analysis.commits().forEach(c -> commits.add(commit(c)));
        root.add("commits", commits);
        return root;
    }

    private static JsonObject summary(RangeAnalysis analysis) {
        Map<String, Integer> types = new TreeMap<>();
        Map<String, Integer> verdicts = new TreeMap<>();
        Map<String, Integer> risks = new TreeMap<>();
        for (CommitAnalysis c : analysis.commits()) {
            types.merge(c.prediction().type().id(), 1, Integer::sum);
            verdicts.merge(c.decision().verdict().name(), 1, Integer::sum);
            risks.merge(c.risk().level().id(), 1, Integer::sum);
        }
        JsonObject summary = new JsonObject();
        summary.addProperty("commits", analysis.commits().size());
        summary.add("change_types", counts(types));
        summary.add("risk_levels", counts(risks));
        summary.add("verdicts", counts(verdicts));
        return summary;
    }

    private static JsonObject counts(Map<String, Integer> counts) {
        JsonObject object = new JsonObject();
        counts.forEach(object::addProperty);
        return object;
    }

    public static JsonObject commit(CommitAnalysis analysis) {
        CommitFacts facts = analysis.facts();
        JsonObject commit = new JsonObject();
        commit.addProperty("id", facts.id());
        commit.addProperty("short_id", facts.shortId());
        commit.addProperty("subject", facts.subject());
        JsonObject author = new JsonObject();
        author.addProperty("name", facts.authorName());
        author.addProperty("email", facts.authorEmail());
        commit.add("author", author);
        commit.addProperty("time", facts.authorTime() == null ? null : facts.authorTime().toString());
        commit.addProperty("parents", facts.parentCount());
        commit.add("change_type", changeType(facts, analysis.prediction()));
        commit.add("blast_radius", blastRadius(analysis.blastRadius()));
        commit.add("risk", risk(analysis.risk()));
        commit.addProperty("verdict", analysis.decision().verdict().name());
        commit.add("gates", gates(analysis.decision()));
        commit.add("metrics", metrics(facts.metrics()));
        commit.addProperty("capped", facts.capped());
        JsonArray files = new JsonArray();
        for (ChangedFile f : facts.files()) {
            JsonObject file = new JsonObject();
            file.addProperty("path", f.path());
            file.addProperty("old_path", f.oldPath());
            file.addProperty("status", String.valueOf(f.status()));
            file.addProperty("kind", f.kind().id());
            file.addProperty("added", f.added() < 0 ? null : f.added());
            file.addProperty("deleted", f.deleted() < 0 ? null : f.deleted());
            file.addProperty("binary", f.binary());
            file.addProperty("submodule", f.submodule());
            file.addProperty("capped", f.capped());
            file.addProperty("comments_only", f.commentsOnly());
            file.addProperty("changes_tests", f.changesTests());
            files.add(file);
        }
        commit.add("files", files);
        return commit;
    }

    private static JsonObject changeType(CommitFacts facts, Prediction prediction) {
        JsonObject type = new JsonObject();
        type.addProperty("type", prediction.type().id());
        type.addProperty("confidence", round(prediction.confidence()));
        type.addProperty("backend", prediction.model().backend());
        JsonObject runnerUp = new JsonObject();
        runnerUp.addProperty("type", prediction.runnerUp().id());
        runnerUp.addProperty("confidence", round(prediction.runnerUpConfidence()));
        type.add("runner_up", runnerUp);
        if (facts.declared() == null) {
            type.add("declared", JsonNull.INSTANCE);
            type.add("mismatch", JsonNull.INSTANCE);
        } else {
            JsonObject declared = new JsonObject();
            declared.addProperty("type", facts.declared().type());
            declared.addProperty("scope", facts.declared().scope());
            declared.addProperty("breaking", facts.declared().breaking());
            ChangeType mapped = facts.declared().changeType().orElse(null);
            declared.addProperty("maps_to", mapped == null ? null : mapped.id());
            type.add("declared", declared);
            type.addProperty("mismatch", mapped == null ? null : mapped != prediction.type());
        }
        JsonArray drivers = new JsonArray();
        for (Driver d : prediction.drivers()) {
            JsonObject driver = new JsonObject();
            driver.addProperty("feature", d.feature());
            driver.addProperty("description", d.describe());
            driver.addProperty("weight", round(d.weight()));
            drivers.add(driver);
        }
        type.add("drivers", drivers);
        return type;
    }

    public static JsonObject blastRadius(BlastRadius radius) {
        JsonObject object = new JsonObject();
        object.addProperty("computed", radius.computed());
        object.addProperty("score", radius.computed() ? radius.score() : null);
        JsonArray files = new JsonArray();
        radius.dependentFiles().forEach(files::add);
        object.add("dependent_files", files);
        JsonArray modules = new JsonArray();
        radius.affectedModules().forEach(modules::add);
        object.add("affected_modules", modules);
        object.addProperty("tests_cover", radius.computed() ? radius.testsCover() : null);
        object.addProperty("dependent_count", radius.computed() ? radius.dependentCount() : null);
        object.addProperty("graph_files", radius.computed() ? radius.graphFiles() : null);
        JsonArray changed = new JsonArray();
        radius.changedModules().forEach(changed::add);
        object.add("changed_modules", changed);
        JsonArray top = new JsonArray();
        for (BlastRadius.ModuleReach m : radius.topModules()) {
            JsonObject module = new JsonObject();
            module.addProperty("module", m.module());
            module.addProperty("files", m.files());
            JsonArray path = new JsonArray();
            m.path().forEach(path::add);
            module.add("path", path);
            top.add(module);
        }
        object.add("top_modules", top);
        JsonArray tests = new JsonArray();
        radius.coveringTests().forEach(tests::add);
        object.add("covering_tests", tests);
        return object;
    }

    private static JsonObject risk(Risk risk) {
        JsonObject object = new JsonObject();
        object.addProperty("score", risk.score());
        object.addProperty("level", risk.level().id());
        JsonArray factors = new JsonArray();
        for (Risk.Factor f : risk.factors()) {
            JsonObject factor = new JsonObject();
            factor.addProperty("name", f.name());
            factor.addProperty("points", f.points());
            factor.addProperty("evidence", f.evidence());
            factors.add(factor);
        }
        object.add("factors", factors);
        return object;
    }

    /** The gates of a decision, as the report lists them (the service reports promotion gates the same way). */
    public static JsonArray gates(Decision decision) {
        JsonArray gates = new JsonArray();
        for (Decision.GateResult r : decision.results()) {
            JsonObject gate = new JsonObject();
            gate.addProperty("name", r.gate());
            gate.addProperty("metric", r.metric());
            gate.addProperty("value", Double.isNaN(r.value()) ? null : r.value());
            gate.addProperty("outcome", r.outcome().name().toLowerCase());
            gate.addProperty("must_pass", r.mustPass());
            gate.addProperty("effect", r.effect().name());
            gate.addProperty("message", r.message());
            gates.add(gate);
        }
        return gates;
    }

    private static JsonObject metrics(ChangeMetrics m) {
        JsonObject object = new JsonObject();
        object.addProperty("lines_added", m.linesAdded());
        object.addProperty("lines_deleted", m.linesDeleted());
        object.addProperty("files", m.files());
        object.addProperty("directories", m.directories());
        object.addProperty("subsystems", m.subsystems());
        object.addProperty("entropy", round(m.entropy()));
        object.addProperty("tests_changed", m.testsChanged());
        object.addProperty("code_changed", m.codeChanged());
        object.addProperty("file_age_days", m.meanFileAgeDays() < 0 ? null : round(m.meanFileAgeDays()));
        object.addProperty("prior_changes", m.priorChanges() < 0 ? null : m.priorChanges());
        object.addProperty("prior_authors", m.priorAuthors() < 0 ? null : m.priorAuthors());
        object.addProperty("author_commits", m.authorCommits() < 0 ? null : m.authorCommits());
        return object;
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
