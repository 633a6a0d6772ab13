package dev.vcai.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vcai.analysis.ChangeType;
import dev.vcai.analysis.ChangedFile;
import dev.vcai.analysis.CommitFacts;
import dev.vcai.analysis.FactsBuilder;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The model shipped in the jar is the Triton model repository's file, and it behaves on obvious commits. */
class ShippedModelTest {
    private static EmbeddedModel model;

    @BeforeAll
    static void load() throws ModelException {
        model = EmbeddedModel.shipped();
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void jarResourceIsByteForByteTheTritonModelFile() throws Exception {
        byte[] triton = Files.readAllBytes(Path.of("triton-model-repo/change_type/1/model.onnx"));
        try (InputStream in = EmbeddedModel.class.getResourceAsStream(EmbeddedModel.SHIPPED_RESOURCE)) {
            assertNotNull(in);
            assertArrayEquals(triton, in.readAllBytes());
        }
        assertEquals(EnumSet.allOf(ChangeType.class), EnumSet.copyOf(model.file().labels()));
    }

    static CommitFacts commit(String subject, String patch, ChangedFile... files) {
        return FactsBuilder.of("b".repeat(40), subject, "", "A", "a@example.com", Instant.EPOCH, 1, List.of(files), patch, false,
                FactsBuilder.HistoryMetrics.NONE);
    }

    static ChangedFile file(String path, int added, int deleted) {
        return ChangedFile.of(path, null, 'M', added, deleted, false, false, false, 0);
    }

    /**
     * A commit's answer does not depend on the others of its call: the tensor buffer that batches share is cleared
     * between them, so 70 commits (three batches, the last one short) get what each gets alone.
     */
    @Test
    void batchesOfOneCallDoNotLeakIntoEachOther() throws ModelException {
        List<CommitFacts> commits = new java.util.ArrayList<>();
        for (int i = 0; i < 70; i++) {
            commits.add(i % 2 == 0
                    ? commit("Update the guide, part " + i, "", file("docs/guide-" + i + ".md", i + 1, 0))
                    : commit("fix crash " + i + " when the config file is empty", "", file("src/config/loader" + i + ".ts", 3, i)));
        }
        List<Prediction> together = model.classify(commits);
        for (int i = 0; i < commits.size(); i++) {
            Prediction alone = model.classify(List.of(commits.get(i))).get(0);
            assertEquals(alone.probabilities(), together.get(i).probabilities(), "commit " + i);
            assertEquals(alone.drivers(), together.get(i).drivers(), "commit " + i);
        }
    }

    /** Every feature the shipped model reads is put in words for the reports: no raw name such as {@code ks:test_M}. */
    @Test
    void everyFeatureHasADescription() {
        List<String> raw = model.file().vocabulary().names().stream()
                .filter(name -> new Driver(name, 1).describe().equals(name)).toList();
        assertEquals(List.of(), raw);
    }

    @Test
    void obviousCommitsGetTheObviousType() throws ModelException {
        List<Prediction> predictions = model.classify(List.of(
                commit("Update installation instructions in the README", "", file("README.md", 12, 3), file("docs/install.md", 20, 4)),
                commit("update dependency vite to v5.1.2", "", file("package.json", 1, 1), file("pnpm-lock.yaml", 40, 38)),
                commit("add tests for the parser edge cases", "", file("src/parser/__tests__/parser.spec.ts", 80, 0)),
                commit("fix crash when the config file is empty", "", file("src/config/loader.ts", 4, 1))));
        assertEquals(ChangeType.DOCUMENTATION, predictions.get(0).type());
        assertEquals(ChangeType.BUILD, predictions.get(1).type());
        assertEquals(ChangeType.TEST, predictions.get(2).type());
        assertEquals(ChangeType.BUG_FIX, predictions.get(3).type());
        for (Prediction p : predictions) {
            assertTrue(p.confidence() >= p.runnerUpConfidence() && p.confidence() <= 1.0, p.toString());
            assertTrue(p.type() != p.runnerUp());
            assertTrue(!p.drivers().isEmpty(), "a prediction names the facts that drove it");
        }
    }

    @Test
    void theDeclaredPrefixDoesNotChangeThePrediction() throws ModelException {
        ChangedFile code = file("src/config/loader.ts", 4, 1);
        List<Prediction> predictions = model.classify(List.of(commit("docs: fix crash when the config file is empty", "", code),
                commit("fix crash when the config file is empty", "", code)));
        assertEquals(predictions.get(1).type(), predictions.get(0).type());
        assertEquals(predictions.get(1).confidence(), predictions.get(0).confidence(), 1e-9);
    }
}
