package dev.vcai.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;

/** The report written in chunks on two threads is, byte for byte, what Gson writes of the same tree on one. */
class JsonReportWriteTest {
    @Test
    void aLongReportIsWrittenExactlyAsGsonWouldWriteIt() {
        for (int commits : new int[] {0, 1, 64, 65, 150, 256}) {
            JsonObject report = report(commits);
            String expected = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls().create()
                    .toJson(report) + "\n";
            assertEquals(expected, JsonReport.render(report), commits + " commits");
        }
    }

    private static JsonObject report(int commits) {
        JsonObject report = new JsonObject();
        report.addProperty("schema", JsonReport.SCHEMA);
        report.add("ref", JsonNull.INSTANCE);
        report.add("warnings", new JsonArray());
        JsonArray list = new JsonArray();
        for (int i = 0; i < commits; i++) {
            JsonObject commit = new JsonObject();
            commit.addProperty("id", "c" + i);
            commit.addProperty("subject", "line one\nline \"two\" <b>&amp; \u00e9\u2028 tab\t" + i);
            commit.add("declared", JsonNull.INSTANCE);
            commit.add("drivers", new JsonArray());
            commit.add("model", new JsonObject());
            JsonArray files = new JsonArray();
            for (int f = 0; f < i % 4; f++) {
                JsonObject file = new JsonObject();
                file.addProperty("path", "src/f" + f + ".java");
                file.addProperty("added", f * 1.5);
                file.addProperty("binary", f % 2 == 0);
                files.add(file);
            }
            commit.add("files", files);
            list.add(commit);
        }
        report.add("commits", list);
        JsonObject after = new JsonObject(); // analyze --llm adds its summary after the commits
        after.addProperty("model", "commit_llm");
        report.add("llm", after);
        return report;
    }
}
