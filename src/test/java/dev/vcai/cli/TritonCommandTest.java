package dev.vcai.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.vcai.kserve.KServeServer;
import dev.vcai.testing.GitRepo;
import dev.vcai.triton.ScriptedLlm;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vcai analyze --triton} and {@code --llm} end to end against the KServe server on loopback, and {@code vcai kserve}'s errors. */
class TritonCommandTest {
    @TempDir
    static Path tmp;
    static GitRepo repo;
    static KServeServer server;
    static String target;

    static AnalyzeCommandTest.Run vcai(String... args) {
        return AnalyzeCommandTest.vcai(args);
    }

    @BeforeAll
    static void start() throws Exception {
        repo = GitRepo.init(tmp.resolve("project"));
        repo.write("README.md", "# Project\n");
        repo.write("src/main/java/app/App.java", "package app;\n\nclass App {\n}\n");
        repo.commit("Initial import");
        repo.write("docs/guide.md", "How to use it.\n");
        repo.commit("docs: explain how to use the app");
        repo.write("src/main/java/app/App.java", "package app;\n\nclass App {\n    int answer() {\n        return 43;\n    }\n}\n");
        repo.commit("fix: off by one in the answer [llm:malformed]");
        server = KServeServer.builder().repository(Path.of("triton-model-repo")).model(new ScriptedLlm("commit_llm"))
                .listen("127.0.0.1", 0).start();
        target = "127.0.0.1:" + server.port();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static JsonNode json(AnalyzeCommandTest.Run run) throws Exception {
        assertEquals(0, run.exit(), run.err());
        JsonNode report = new ObjectMapper().readTree(run.out());
        JsonSchema schema;
        try (InputStream in = TritonCommandTest.class.getResourceAsStream("/dev/vcai/report/analysis.schema.json")) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        }
        assertEquals(java.util.Set.of(), schema.validate(report));
        return report;
    }

    static List<String> types(JsonNode report) {
        List<String> types = new ArrayList<>();
        report.get("commits").forEach(c -> types.add(c.get("change_type").get("type").asText() + " " + c.get("change_type").get("confidence").asText()));
        return types;
    }

    @Test
    void tritonGivesTheEmbeddedAnswersAndSaysItAnswered() throws Exception {
        JsonNode embedded = json(vcai("-C", repo.dir().toString(), "analyze", "--format", "json"));
        JsonNode triton = json(vcai("-C", repo.dir().toString(), "analyze", "--format", "json", "--triton", target));
        assertEquals(types(embedded), types(triton));
        assertEquals("triton", triton.get("model").get("backend").asText());
        assertTrue(triton.get("model").get("fallback").isNull());
        assertEquals(0, triton.get("model").get("fallback_commits").asInt());
        triton.get("commits").forEach(c -> assertEquals("triton", c.get("change_type").get("backend").asText()));
        assertEquals("embedded", embedded.get("commits").get(0).get("change_type").get("backend").asText());
        assertTrue(vcai("-C", repo.dir().toString(), "analyze", "--triton", target).out().contains(". Model: triton\n"));
    }

    @Test
    void aDeadTritonFallsBackAndSaysWhyUnlessFailClosed() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String dead = "127.0.0.1:" + port;
        JsonNode report = json(vcai("-C", repo.dir().toString(), "analyze", "--format", "json", "--triton", dead));
        assertEquals(3, report.get("commits").size(), "every commit is still reported");
        assertTrue(report.get("model").get("fallback").asText().startsWith("Triton at " + dead + " is unreachable"));
        assertEquals(3, report.get("model").get("fallback_commits").asInt());
        assertTrue(report.get("warnings").toString().contains("the embedded model answered 3 commit(s) in place of Triton"));
        AnalyzeCommandTest.Run table = vcai("-C", repo.dir().toString(), "analyze", "--triton", dead);
        assertTrue(table.out().contains("warning: the embedded model answered 3 commit(s) in place of Triton: Triton at " + dead), table.out());

        AnalyzeCommandTest.Run closed = vcai("-C", repo.dir().toString(), "analyze", "--triton", dead, "--triton-fail-closed");
        assertEquals(ExitCode.MODEL.code(), closed.exit());
        assertTrue(closed.err().startsWith("vcai: Triton at " + dead + " is unreachable"), closed.err());
        assertEquals(1, closed.err().strip().lines().count(), "one line, no stack trace: " + closed.err());
        assertEquals("", closed.out());
    }

    @Test
    void theLlmAnswersBesideTheClassifierAndItsFailuresAreCounted() throws Exception {
        JsonNode report = json(vcai("-C", repo.dir().toString(), "analyze", "--format", "json", "--triton", target, "--llm", "commit_llm"));
        assertEquals("commit_llm", report.get("llm").get("model").asText());
        assertEquals(2, report.get("llm").get("answered").asInt());
        assertEquals(1, report.get("llm").get("failures").asInt());
        JsonNode newest = report.get("commits").get(0);
        assertTrue(newest.get("llm").get("failure").asText().startsWith("the LLM's answer is not valid JSON"));
        assertFalse(newest.get("change_type").get("type").asText().isEmpty(), "the classifier's type stands");
        JsonNode docs = report.get("commits").get(1);
        assertEquals("Summary of: explain how to use the app", docs.get("llm").get("summary").asText());
        assertEquals(docs.get("change_type").get("type").asText(), docs.get("llm").get("change_type").asText());

        AnalyzeCommandTest.Run table = vcai("-C", repo.dir().toString(), "analyze", "--triton", target, "--llm", "commit_llm");
        assertTrue(table.out().contains("llm commit_llm: 2 answered, 1 failed"), table.out());
        assertTrue(table.out().contains("failed (classifier's type kept): the LLM's answer is not valid JSON"), table.out());
    }

    @Test
    void badTritonAndKserveUsageIsOneLine() {
        AnalyzeCommandTest.Run noTriton = vcai("-C", repo.dir().toString(), "analyze", "--llm", "commit_llm");
        assertEquals(ExitCode.USAGE.code(), noTriton.exit());
        assertTrue(noTriton.err().startsWith("vcai: --llm needs --triton"), noTriton.err());
        AnalyzeCommandTest.Run noRepository = vcai("kserve", "--model-repository", tmp.resolve("missing").toString(), "--port", "0");
        assertEquals(ExitCode.IO.code(), noRepository.exit());
        assertTrue(noRepository.err().startsWith("vcai: cannot serve ") && noRepository.err().contains("no model repository at"), noRepository.err());
    }
}
