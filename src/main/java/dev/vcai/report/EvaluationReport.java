package dev.vcai.report;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.vcai.analysis.ChangeType;
import dev.vcai.model.CrossValidation;
import dev.vcai.model.Evaluation;
import java.util.Map;

/** An evaluation of the change-type model, as text for people and JSON ({@value #SCHEMA}) for machines. */
public final class EvaluationReport {
    public static final String SCHEMA = "vcai.evaluation/v1";

    private EvaluationReport() {
    }

    public static String text(String title, CrossValidation.Scored scored) {
        StringBuilder out = new StringBuilder(title).append("\n\n");
        section(out, "All commits", scored.all());
        section(out, "Human commits (bots left out)", scored.human());
        Evaluation all = scored.modelAloneAll();
        Evaluation human = scored.modelAloneHuman();
        out.append(String.format("The model alone, without the team's earlier declarations: accuracy %.3f, macro-F1 %.3f; "
                + "human commits: accuracy %.3f, macro-F1 %.3f%n", all.accuracy(), all.macroF1(), human.accuracy(), human.macroF1()));
        return out.toString();
    }

    private static void section(StringBuilder out, String heading, Evaluation e) {
        out.append(heading).append(": ").append(e.commits()).append(" commits, accuracy ")
                .append(String.format("%.3f", e.accuracy())).append(", macro-F1 ").append(String.format("%.3f", e.macroF1())).append("\n");
        if (e.commits() == 0) {
            out.append('\n');
            return;
        }
        out.append(String.format("  %-14s %9s %7s %7s %8s%n", "type", "precision", "recall", "F1", "support"));
        for (Map.Entry<ChangeType, Evaluation.PerType> t : e.perType().entrySet()) {
            out.append(String.format("  %-14s %9.3f %7.3f %7.3f %8d%n", t.getKey().id(), t.getValue().precision(),
                    t.getValue().recall(), t.getValue().f1(), t.getValue().support()));
        }
        out.append("  confusion (rows: declared, columns: predicted)\n  ").append(String.format("%-14s", ""));
        for (ChangeType c : ChangeType.values()) {
            out.append(String.format("%6.5s", c.id()));
        }
        out.append('\n');
        for (ChangeType r : ChangeType.values()) {
            out.append("  ").append(String.format("%-14s", r.id()));
            for (ChangeType c : ChangeType.values()) {
                out.append(String.format("%6d", e.confusion()[r.ordinal()][c.ordinal()]));
            }
            out.append('\n');
        }
        out.append('\n');
    }

    public static String json(JsonObject header, CrossValidation.Scored scored) {
        JsonObject root = new JsonObject();
        root.addProperty("schema", SCHEMA);
        header.entrySet().forEach(e -> root.add(e.getKey(), e.getValue()));
        root.add("all", toJson(scored.all()));
        root.add("human", toJson(scored.human()));
        JsonObject modelAlone = new JsonObject();
        modelAlone.add("all", toJson(scored.modelAloneAll()));
        modelAlone.add("human", toJson(scored.modelAloneHuman()));
        root.add("model_alone", modelAlone);
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(root) + "\n";
    }

    public static JsonObject toJson(Evaluation e) {
        JsonObject object = new JsonObject();
        object.addProperty("commits", e.commits());
        object.addProperty("accuracy", e.accuracy());
        object.addProperty("macro_f1", e.macroF1());
        JsonObject perType = new JsonObject();
        e.perType().forEach((type, t) -> {
            JsonObject item = new JsonObject();
            item.addProperty("precision", t.precision());
            item.addProperty("recall", t.recall());
            item.addProperty("f1", t.f1());
            item.addProperty("support", t.support());
            perType.add(type.id(), item);
        });
        object.add("per_type", perType);
        JsonArray labels = new JsonArray();
        for (ChangeType c : ChangeType.values()) {
            labels.add(c.id());
        }
        object.add("labels", labels);
        JsonArray confusion = new JsonArray();
        for (int[] row : e.confusion()) {
            JsonArray line = new JsonArray();
            for (int v : row) {
                line.add(v);
            }
            confusion.add(line);
        }
        object.add("confusion", confusion);
        return object;
    }
}
