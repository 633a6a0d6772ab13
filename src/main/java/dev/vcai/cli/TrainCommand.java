package dev.vcai.cli;

import dev.vcai.model.CrossValidation;
import dev.vcai.model.Dataset;
import dev.vcai.model.EmbeddedModel;
import dev.vcai.model.LabelledCommit;
import dev.vcai.model.ModelException;
import dev.vcai.model.Trainer;
import dev.vcai.report.ModelCard;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train the change-type model on labelled commits and write model.onnx and MODEL_CARD.md.",
                "Reproducible: the same data and options give the same bytes."},
        footer = {"", "Example:", "  vcai train --data ../shared/datasets --cross-validate"})
final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--data", paramLabel = "<dir>", description = "Directory of *.jsonl.gz labelled commits (default: $VCAI_DATASETS, else ../shared/datasets).")
    Path data;

    @Option(names = "--out", paramLabel = "<file>", description = "Where to write the model (default: ${DEFAULT-VALUE}); MODEL_CARD.md goes beside its version directory.")
    Path out = Path.of("triton-model-repo/change_type/1/model.onnx");

    @Option(names = "--exclude", paramLabel = "<owner/name>", split = ",", description = "Repositories to leave out of training.")
    Set<String> exclude = new TreeSet<>();

    @Option(names = "--cross-validate", description = "Also measure accuracy and macro-F1 leaving one repository out at a time (slow).")
    boolean crossValidate;

    @Option(names = "--epochs", paramLabel = "<n>", description = "Passes over the data (default: ${DEFAULT-VALUE}).")
    int epochs = Trainer.Settings.DEFAULT.epochs();

    @Option(names = "--learning-rate", paramLabel = "<rate>", description = "AdaGrad's initial rate (default: ${DEFAULT-VALUE}).")
    double learningRate = Trainer.Settings.DEFAULT.learningRate();

    @Option(names = "--seed", paramLabel = "<n>", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed = Trainer.Settings.DEFAULT.seed();

    @Override
    public Integer call() throws IOException, ModelException {
        PrintWriter err = spec.commandLine().getErr();
        Path directory = data != null ? data
                : System.getenv("VCAI_DATASETS") != null ? Path.of(System.getenv("VCAI_DATASETS")) : Path.of("../shared/datasets");
        Path root = VcaiCommand.of(spec).directory;
        directory = root.resolve(directory).toAbsolutePath().normalize();
        if (epochs < 1 || epochs > 100) {
            throw new Failure(ExitCode.USAGE, "--epochs must be between 1 and 100, not " + epochs, null);
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new Failure(ExitCode.USAGE, "--learning-rate must be a number above 0, not " + learningRate, null);
        }
        List<LabelledCommit> all = Dataset.read(Dataset.files(directory), repository -> true);
        Set<String> repositories = new TreeSet<>();
        all.forEach(r -> repositories.add(r.repository()));
        Set<String> unknown = new TreeSet<>(exclude);
        unknown.removeAll(repositories);
        if (!unknown.isEmpty()) { // a typo would train on everything, silently
            throw new Failure(ExitCode.USAGE, "--exclude: no repository " + String.join(", ", unknown) + " in " + directory
                    + " (it has " + String.join(", ", repositories) + ")", null);
        }
        List<LabelledCommit> rows = all.stream().filter(r -> !exclude.contains(r.repository())).toList();
        if (rows.isEmpty()) {
            throw new Failure(ExitCode.IO, "no labelled commits in " + directory + " after --exclude", null);
        }
        Trainer.Settings defaults = Trainer.Settings.DEFAULT;
        Trainer.Settings settings = new Trainer.Settings(epochs, learningRate, seed, defaults.minCommits(), defaults.minRepositories(), defaults.balance());
        err.println("training on " + rows.size() + " labelled commits from " + directory);
        CrossValidation.Result result = null;
        if (crossValidate) {
            Set<String> trained = new TreeSet<>(repositories);
            trained.removeAll(exclude);
            result = CrossValidation.run(rows, trained, settings, message -> err.println(message));
        }
        byte[] model = Trainer.train(rows, settings, "vcai change-type classifier trained on " + rows.size() + " commits");
        Path target = root.resolve(out).toAbsolutePath().normalize();
        String sha256;
        int vocabulary;
        try (EmbeddedModel check = EmbeddedModel.of(model)) {
            sha256 = check.identity().sha256();
            vocabulary = check.file().vocabulary().size();
        }
        writeAtomically(target, model);
        Path versionDirectory = target.toAbsolutePath().getParent();
        Path card = (versionDirectory.getParent() == null ? versionDirectory : versionDirectory.getParent()).resolve("MODEL_CARD.md");
        String rendered = ModelCard.render(sha256, vocabulary, rows, settings, result);
        if (result == null && Files.isRegularFile(card)) {
            rendered = ModelCard.withQualityOf(rendered, Files.readString(card, StandardCharsets.UTF_8), sha256);
        }
        writeAtomically(card, rendered.getBytes(StandardCharsets.UTF_8));
        spec.commandLine().getOut().println("wrote " + target + " (sha256 " + sha256 + ", " + vocabulary + " features) and " + card);
        if (result != null) {
            CrossValidation.Scored pooled = result.pooled();
            spec.commandLine().getOut().printf("leave-one-repository-out: accuracy %.3f, macro-F1 %.3f; human commits: accuracy %.3f, macro-F1 %.3f"
                            + " (the model alone: %.3f, %.3f; human %.3f, %.3f)%n",
                    pooled.all().accuracy(), pooled.all().macroF1(), pooled.human().accuracy(), pooled.human().macroF1(),
                    pooled.modelAloneAll().accuracy(), pooled.modelAloneAll().macroF1(), pooled.modelAloneHuman().accuracy(),
                    pooled.modelAloneHuman().macroF1());
        }
        spec.commandLine().getOut().flush();
        return ExitCode.OK.code();
    }

    /** A crash half-way must not leave a truncated model where the build and Triton pick it up. */
    private static void writeAtomically(Path target, byte[] bytes) throws IOException {
        Path parent = target.toAbsolutePath().normalize().getParent();
        Files.createDirectories(parent);
        Path temporary = parent.resolve(".vcai-" + target.getFileName() + ".tmp");
        try {
            Files.write(temporary, bytes);
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
