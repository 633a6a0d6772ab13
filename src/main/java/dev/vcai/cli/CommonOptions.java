package dev.vcai.cli;

import dev.vcai.git.GitError;
import dev.vcai.git.GitRepositories;
import dev.vcai.model.EmbeddedModel;
import dev.vcai.model.ModelException;
import java.nio.file.Path;
import org.eclipse.jgit.lib.Repository;
import picocli.CommandLine.Option;

/** Options every sub-command takes, and the shared ways to open what they name. */
final class CommonOptions {
    @Option(names = "-C", paramLabel = "<dir>", description = "Run as if vcai was started in <dir>, like git -C.")
    Path directory = Path.of(".");

    @Option(names = "--debug", description = "Print stack traces of errors.")
    boolean debug;

    @Option(names = "--model", paramLabel = "<file>", description = "An ONNX model file made by 'vcai train' "
            + "(default: \\$VCAI_MODEL, else the model shipped inside vcai).")
    Path model;

    Repository openRepository() throws GitError {
        return GitRepositories.open(directory, System.getenv());
    }

    EmbeddedModel openModel() throws ModelException {
        Path file = model;
        if (file == null && System.getenv("VCAI_MODEL") != null && !System.getenv("VCAI_MODEL").isEmpty()) {
            file = Path.of(System.getenv("VCAI_MODEL"));
        }
        return file == null ? EmbeddedModel.shipped() : EmbeddedModel.load(file);
    }
}
