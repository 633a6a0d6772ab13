package dev.vcai.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.vcai.model.EmbeddedModel;
import dev.vcai.model.ModelException;
import dev.vcai.model.ModelVersions;
import dev.vcai.service.VcaiService;
import dev.vcai.testing.GitRepo;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service's analyze-commit gives what {@code vcai analyze --format json} prints, for a repository revision and
 * for the same commit sent as a diff; the CLI opens a promoted model directory's newest version.
 */
class ServeCommandTest {
    @TempDir
    Path tmp;

    private static String vcai(int expectedExit, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        assertEquals(expectedExit, exit, err.toString());
        return out + err.toString();
    }

    private static JsonObject post(int port, JsonObject body) throws Exception {
        OkHttpClient client = new OkHttpClient();
        Request request = new Request.Builder().url("http://127.0.0.1:" + port + VcaiService.API + "/inference/analyze-commit")
                .post(RequestBody.create(body.toString(), MediaType.get("application/json"))).build();
        try (Response response = client.newCall(request).execute()) {
            String text = response.body().string();
            assertEquals(200, response.code(), text);
            return JsonParser.parseString(text).getAsJsonObject();
        }
    }

    @Test
    void analyzeCommitMatchesTheCli() throws Exception {
        Path root = tmp.resolve("repositories");
        GitRepo repo = GitRepo.init(root.resolve("project"));
        repo.write("src/main/java/app/App.java", "package app;\n\nclass App {\n}\n");
        repo.commit("Initial import");
        repo.write("src/main/java/app/App.java", "package app;\n\nclass App {\n    int answer() {\n        return 42;\n    }\n}\n");
        repo.write("docs/answer.md", "The answer is 42.\n");
        repo.commit("feat: answer questions\n\nEverybody asks.");
        JsonObject cli = JsonParser.parseString(vcai(0, "-C", repo.dir().toString(), "analyze", "--format", "json", "HEAD", "-n", "1"))
                .getAsJsonObject();

        try (VcaiService service = VcaiService.builder().port(0).database("jdbc:sqlite:" + tmp.resolve("s.db"), null, null)
                .modelRepository(tmp.resolve("models")).datasets(tmp).repositoryRoot(root).build().start()) {
            JsonObject byRevision = new JsonObject();
            byRevision.addProperty("repository", "project");
            byRevision.addProperty("revision", "HEAD");
            // The CLI judges against the checked-out branch; the service against the ref it is given.
            byRevision.addProperty("ref", "refs/heads/main");
            assertEquals(cli, post(service.port(), byRevision), "the same document as the CLI");
            assertTrue(service.warnings().stream().anyMatch(w -> w.startsWith("no labelled datasets at ")), "this test's datasets directory has none: "
                    + service.warnings());
            assertTrue(service.warnings().get(0).startsWith("no model repository at " + tmp.resolve("models")), "nor a model repository: "
                    + service.warnings());

            JsonObject byDiff = new JsonObject();
            byDiff.addProperty("commit_hash", repo.head());
            byDiff.addProperty("message", repo.git("log", "-1", "--format=%B").strip());
            byDiff.addProperty("diff", repo.git("show", "--format=", "-U1", "HEAD"));
            byDiff.addProperty("author_name", "A U Thor");
            JsonObject fromDiff = post(service.port(), byDiff);
            JsonObject a = cli.getAsJsonArray("commits").get(0).getAsJsonObject();
            JsonObject b = fromDiff.getAsJsonArray("commits").get(0).getAsJsonObject();
            assertEquals(a.get("id"), b.get("id"));
            assertEquals(a.get("subject"), b.get("subject"));
            assertEquals(a.get("files"), b.get("files"), "the diff gives the same file facts as the repository");
            assertEquals(a.getAsJsonObject("change_type").get("type"), b.getAsJsonObject("change_type").get("type"));
            assertEquals(a.getAsJsonObject("change_type").get("confidence"), b.getAsJsonObject("change_type").get("confidence"));
            assertEquals(a.getAsJsonObject("metrics").get("lines_added"), b.getAsJsonObject("metrics").get("lines_added"));
            assertEquals(cli.keySet(), fromDiff.keySet());
            assertEquals("", fromDiff.get("repository").getAsString(), "a diff has no repository");
        }
    }

    @Test
    void aModelDirectoryOpensItsNewestVersion() throws Exception {
        Path directory = tmp.resolve("triton-model-repo").resolve(ModelVersions.MODEL_NAME);
        assertTrue(assertThrows(ModelException.class, () -> CommonOptions.openModel(tmp)).getMessage().contains("no numbered model version"));
        byte[] shipped;
        try (var in = EmbeddedModel.class.getResourceAsStream(EmbeddedModel.SHIPPED_RESOURCE)) {
            shipped = in.readAllBytes();
        }
        assertEquals(1, ModelVersions.publish(directory, shipped));
        assertEquals(2, ModelVersions.publish(directory, shipped));
        Files.writeString(directory.resolve("2").resolve("model.onnx"), "not a model");
        // The newest version is the one opened: here a broken file, which says so.
        assertThrows(ModelException.class, () -> CommonOptions.openModel(directory));
        Files.write(directory.resolve("2").resolve("model.onnx"), shipped);
        try (EmbeddedModel model = CommonOptions.openModel(directory)) {
            assertEquals(64, model.identity().sha256().length());
        }
        JsonArray versions = new JsonArray();
        ModelVersions.list(directory).forEach(versions::add);
        assertEquals("[1,2]", versions.toString());
    }

    @Test
    void aBadPortIsAUsageError() {
        assertTrue(vcai(2, "serve", "--port", "70000").contains("--port must be between 0 and 65535"));
    }
}
