package dev.vcai.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Trains on two small repositories of shared/datasets and checks the artefact, not the accuracy. */
class TrainerTest {
    private static final Set<String> SMALL = Set.of("go-kratos/kratos", "ratatui-org/ratatui");
    private static final Trainer.Settings QUICK = new Trainer.Settings(2, Trainer.Settings.DEFAULT.learningRate(),
            Trainer.Settings.DEFAULT.seed(), 3, 2, Trainer.Settings.DEFAULT.balance());
    private static List<LabelledCommit> data;

    @BeforeAll
    static void read() throws Exception {
        data = Dataset.read(Dataset.files(Path.of(System.getProperty("vcai.datasets", "../shared/datasets"))), SMALL::contains);
    }

    @Test
    void datasetRowsAreLabelledAndHideNothingTheModelNeeds() {
        assertTrue(data.size() > 1500, "both repositories read: " + data.size());
        assertEquals(SMALL, Set.copyOf(data.stream().map(LabelledCommit::repository).toList()));
        assertTrue(data.stream().allMatch(r -> r.facts().declared() != null), "every labelled row declares a type");
    }

    @Test
    void trainingIsReproducibleAndTheFileIsSelfDescribing() throws Exception {
        byte[] first = Trainer.train(data, QUICK, "test");
        byte[] second = Trainer.train(data, QUICK, "test");
        assertArrayEquals(first, second, "same data and settings give the same bytes");
        try (EmbeddedModel model = EmbeddedModel.of(first)) {
            assertTrue(model.file().vocabulary().size() > 100);
            assertEquals(9, model.file().labels().size());
            assertEquals(1.0, model.file().labelShares().values().stream().mapToDouble(Double::doubleValue).sum(), 1e-4,
                    "the training shares travel in the file: " + model.file().labelShares());
            CrossValidation.Scored scored = CrossValidation.score(model, data, List.of());
            // On its own training data a linear model must do far better than the majority class.
            assertTrue(scored.modelAloneAll().accuracy() > 0.6, "training accuracy " + scored.modelAloneAll().accuracy());
        }
    }

    @Test
    void aFileWithoutVcaiMetadataIsRefusedWithAReason() {
        ModelException e = org.junit.jupiter.api.Assertions.assertThrows(ModelException.class, () -> EmbeddedModel.of(new byte[] {1, 2, 3}));
        assertTrue(e.getMessage().contains("ONNX") || e.getMessage().contains("vocabulary"), e.getMessage());
    }
}
