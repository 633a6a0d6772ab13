package dev.vcai.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.vcai.testing.GitRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluateAndTrainCommandTest {
    @TempDir
    Path tmp;

    private static AnalyzeCommandTest.Run vcai(String... args) {
        return AnalyzeCommandTest.vcai(args);
    }

    @Test
    void evaluateScoresDeclaredTypesOnARepositoryAndSeparatesBots() {
        GitRepo repo = GitRepo.init(tmp.resolve("conventional"));
        repo.write("README.md", "# x\n");
        repo.commit("docs: start the readme");
        repo.write("README.md", "# x\n\nUsage.\n");
        repo.commit("docs: explain usage");
        repo.write("src/lib.ts", "export const a = 1;\n");
        repo.commit("feat: add the library entry point");
        repo.write("src/lib.ts", "export const a = 2;\n");
        repo.commit("fix: wrong constant");
        repo.as("renovate[bot]", "bot@renovateapp.com");
        repo.write("package.json", "{\"dependencies\": {\"x\": \"2.0.0\"}}\n");
        repo.write("package-lock.json", "{\"lockfileVersion\": 3}\n");
        repo.commit("chore(deps): update dependency x to v2");
        repo.as("Alice", "alice@example.com");
        repo.write("notes.txt", "n\n");
        repo.commit("Unconventional subject");

        AnalyzeCommandTest.Run run = vcai("evaluate", repo.dir().toString(), "--format", "json");
        assertEquals(0, run.exit(), run.err());
        JsonObject report = JsonParser.parseString(run.out()).getAsJsonObject();
        assertEquals("vcai.evaluation/v1", report.get("schema").getAsString());
        assertEquals("HEAD", report.get("range").getAsString(), "which commits were scored");
        assertEquals(6, report.get("commits_read").getAsInt());
        assertEquals(5, report.get("commits_labelled").getAsInt(), "the unconventional commit has no label");
        assertEquals(5, report.getAsJsonObject("all").get("commits").getAsInt());
        assertEquals(4, report.getAsJsonObject("human").get("commits").getAsInt(), "the renovate commit is a bot's");
        int confusionTotal = 0;
        for (var row : report.getAsJsonObject("all").getAsJsonArray("confusion")) {
            for (var cell : row.getAsJsonArray()) {
                confusionTotal += cell.getAsInt();
            }
        }
        assertEquals(5, confusionTotal);
        int documentationRow = 5;
        int declaredDocs = 0;
        for (var cell : report.getAsJsonObject("all").getAsJsonArray("confusion").get(documentationRow).getAsJsonArray()) {
            declaredDocs += cell.getAsInt();
        }
        assertEquals(2, declaredDocs);
        // The figures agree with the confusion matrix printed beside them.
        JsonObject all = report.getAsJsonObject("all");
        var confusion = all.getAsJsonArray("confusion");
        var labels = all.getAsJsonArray("labels");
        int correct = 0;
        double f1Sum = 0;
        int typesPresent = 0;
        for (int t = 0; t < labels.size(); t++) {
            correct += confusion.get(t).getAsJsonArray().get(t).getAsInt();
            int declared = 0;
            int predicted = 0;
            for (int o = 0; o < labels.size(); o++) {
                declared += confusion.get(t).getAsJsonArray().get(o).getAsInt();
                predicted += confusion.get(o).getAsJsonArray().get(t).getAsInt();
            }
            JsonObject perType = all.getAsJsonObject("per_type").getAsJsonObject(labels.get(t).getAsString());
            if (declared + predicted == 0) {
                assertEquals(null, perType, "a type neither declared nor predicted is left out");
                continue;
            }
            int hits = confusion.get(t).getAsJsonArray().get(t).getAsInt();
            assertEquals(declared, perType.get("support").getAsInt());
            assertEquals(predicted == 0 ? 0 : (double) hits / predicted, perType.get("precision").getAsDouble(), 1e-9);
            assertEquals(declared == 0 ? 0 : (double) hits / declared, perType.get("recall").getAsDouble(), 1e-9);
            f1Sum += perType.get("f1").getAsDouble();
            typesPresent++;
        }
        assertEquals(correct / 5.0, all.get("accuracy").getAsDouble(), 1e-9);
        assertEquals(f1Sum / typesPresent, all.get("macro_f1").getAsDouble(), 1e-9);

        // git's date bounds: this history is from 2024-01-01 on.
        assertEquals(ExitCode.EMPTY_RANGE.code(), vcai("evaluate", repo.dir().toString(), "--until", "2023-12-31").exit());
        assertTrue(vcai("evaluate", repo.dir().toString(), "-n", "3").out().startsWith("Model "), "text report");
        assertTrue(vcai("evaluate", repo.dir().toString(), "-n", "3").out().lines().findFirst().orElseThrow().contains("(HEAD -n 3)"));
        JsonObject since = JsonParser.parseString(vcai("evaluate", repo.dir().toString(), "--since", "2023-12-31", "--format", "json").out())
                .getAsJsonObject();
        assertEquals(report.get("all"), since.get("all"), "every commit is after 2023-12-31");
        assertTrue(since.get("range").getAsString().startsWith("HEAD --since=2023-12-31"), since.get("range").getAsString());
        assertEquals(ExitCode.USAGE.code(), vcai("evaluate", repo.dir().toString(), "--since", "the day after never").exit());

        AnalyzeCommandTest.Run text = vcai("evaluate", repo.dir().toString());
        assertTrue(text.out().contains("All commits: 5 commits, accuracy"), text.out());
        assertTrue(text.out().contains("Human commits (bots left out): 4 commits"), text.out());

        GitRepo plain = GitRepo.init(tmp.resolve("plain"));
        plain.write("a", "a\n");
        plain.commit("Just a subject");
        AnalyzeCommandTest.Run none = vcai("evaluate", plain.dir().toString());
        assertEquals(ExitCode.EMPTY_RANGE.code(), none.exit());
        assertTrue(none.err().contains("declares a Conventional Commits type"), none.err());
    }

    /** A team that files dependency bumps under chore: */
    private GitRepo choreBumps(String name, int bumps) {
        GitRepo repo = GitRepo.init(tmp.resolve(name));
        for (int i = 1; i <= bumps; i++) {
            repo.write("package.json", "{\"dependencies\": {\"left-pad\": \"1." + i + ".0\"}}\n");
            repo.write("package-lock.json", "{\"lockfileVersion\": 3, \"left-pad\": \"1." + i + ".0\"}\n");
            repo.commit("chore: update dependency left-pad to v1." + i + ".0");
        }
        return repo;
    }

    @Test
    void evaluateScoresWhatAnalyzeReportsAndTheModelAloneBeside() {
        GitRepo repo = choreBumps("chore-bumps", 4);
        AnalyzeCommandTest.Run run = vcai("evaluate", repo.dir().toString(), "--format", "json");
        assertEquals(0, run.exit(), run.err());
        JsonObject report = JsonParser.parseString(run.out()).getAsJsonObject();
        JsonObject alone = report.getAsJsonObject("model_alone").getAsJsonObject("all");
        assertEquals(4, alone.get("commits").getAsInt());
        int chore = 8;
        int declaredChorePredictedChore = report.getAsJsonObject("all").getAsJsonArray("confusion").get(chore).getAsJsonArray().get(chore).getAsInt();
        assertTrue(declaredChorePredictedChore >= 3, "every bump after the first gets the team's chore: " + run.out());
        assertTrue(report.getAsJsonObject("all").get("accuracy").getAsDouble() >= alone.get("accuracy").getAsDouble());
        assertTrue(vcai("evaluate", repo.dir().toString()).out().contains("The model alone, without the team's earlier declarations: accuracy"));

        // As analyze does, the evaluation looks back before its range.
        JsonObject last = JsonParser.parseString(vcai("evaluate", repo.dir().toString(), "-n", "1", "--format", "json").out()).getAsJsonObject();
        assertEquals(1, last.getAsJsonObject("all").getAsJsonArray("confusion").get(chore).getAsJsonArray().get(chore).getAsInt(), last.toString());
    }

    @Test
    void analyzeGivesACommitTheTypeTheTeamDeclaredForItsLikesBeforeTheRange() {
        GitRepo repo = choreBumps("chore-bumps-analyze", 2);
        repo.write("package.json", "{\"dependencies\": {\"left-pad\": \"1.9.0\"}}\n");
        repo.commit("update dependency left-pad to v1.9.0"); // no prefix: the team's habit must come from the history
        AnalyzeCommandTest.Run run = vcai("analyze", "-C", repo.dir().toString(), "-n", "1", "--no-blast-radius", "--format", "json");
        assertEquals(0, run.exit(), run.err());
        JsonObject type = JsonParser.parseString(run.out()).getAsJsonObject().getAsJsonArray("commits").get(0).getAsJsonObject()
                .getAsJsonObject("change_type");
        assertEquals("chore", type.get("type").getAsString(), run.out());
        assertEquals("team:update * * to #", type.getAsJsonArray("drivers").get(0).getAsJsonObject().get("feature").getAsString());

        AnalyzeCommandTest.Run withoutHistory = vcai("analyze", "-C", repo.dir().toString(), "-n", "1", "--history", "0", "--no-blast-radius",
                "--format", "json");
        assertFalse(withoutHistory.out().contains("team:"), "with no history looked back at, the model answers alone");
    }

    @Test
    void trainWritesAModelThatAnalyzeAcceptsAndAModelCard() throws Exception {
        Path datasets = Path.of(System.getProperty("vcai.datasets", "../shared/datasets")).toAbsolutePath();
        Path data = Files.createDirectories(tmp.resolve("data"));
        for (String name : new String[] {"go-kratos+kratos.jsonl.gz", "ratatui-org+ratatui.jsonl.gz"}) {
            Files.copy(datasets.resolve(name), data.resolve(name));
        }
        Path out = tmp.resolve("repo/change_type/1/model.onnx");
        AnalyzeCommandTest.Run run = vcai("train", "--data", data.toString(), "--out", out.toString(), "--epochs", "2");
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().startsWith("wrote " + out), run.out());
        String card = Files.readString(tmp.resolve("repo/change_type/MODEL_CARD.md"));
        assertTrue(card.contains("go-kratos/kratos") && card.contains("ratatui-org/ratatui"), card);
        assertTrue(card.contains("Not measured in this run"), "no cross-validation was asked for");

        byte[] first = Files.readAllBytes(out);
        // A measured quality of these very bytes, as --cross-validate writes it, outlives training them again.
        Path cardFile = tmp.resolve("repo/change_type/MODEL_CARD.md");
        Files.writeString(cardFile, card.replace("Not measured in this run; `vcai train --cross-validate` measures it.", "accuracy 0.999 (measured)"));
        assertEquals(0, vcai("train", "--data", data.toString(), "--out", out.toString(), "--epochs", "2").exit());
        assertArrayEquals(first, Files.readAllBytes(out), "the same command gives the same bytes");
        assertTrue(Files.readString(cardFile).contains("accuracy 0.999 (measured)"), "the same model keeps its measured quality");
        assertEquals(0, vcai("train", "--data", data.toString(), "--out", tmp.resolve("repo/change_type/2/model.onnx").toString(), "--epochs", "3").exit());
        assertTrue(Files.readString(cardFile).contains("Not measured in this run"), "another model's quality is not claimed");

        for (String[] bad : new String[][] {{"--epochs", "0"}, {"--learning-rate", "-1"}, {"--exclude", "nosuch/repo"}}) {
            AnalyzeCommandTest.Run refused = vcai("train", "--data", data.toString(), "--out", out.toString(), bad[0], bad[1]);
            assertEquals(ExitCode.USAGE.code(), refused.exit(), String.join(" ", bad));
            assertTrue(refused.err().startsWith("vcai: " + bad[0]), refused.err());
        }
        assertEquals(ExitCode.USAGE.code(), vcai("train", "--data", data.toString(), "--triton", "127.0.0.1:1").exit(),
                "training never classifies: no --model or --triton options");

        GitRepo repo = GitRepo.init(tmp.resolve("r"));
        repo.write("a.go", "package a\n");
        repo.commit("add package a");
        AnalyzeCommandTest.Run analyzed = vcai("-C", repo.dir().toString(), "analyze", "--model", out.toString(), "--format", "json");
        assertEquals(0, analyzed.exit(), analyzed.err());
        String sha = JsonParser.parseString(analyzed.out()).getAsJsonObject().getAsJsonObject("model").get("sha256").getAsString();
        assertEquals(java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(first)), sha);

        AnalyzeCommandTest.Run missing = vcai("train", "--data", tmp.resolve("nothing").toString(), "--out", out.toString());
        assertEquals(ExitCode.IO.code(), missing.exit());
        assertTrue(missing.err().startsWith("vcai: no dataset directory at"), missing.err());
    }
}
