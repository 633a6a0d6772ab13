package dev.vcai.cli;

import dev.vcai.git.GitError;
import dev.vcai.git.GitRepositories;
import dev.vcai.model.EmbeddedModel;
import dev.vcai.model.ModelException;
import java.nio.file.Path;
import org.eclipse.jgit.lib.Repository;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** Options of the sub-commands that use a repository and a model, and the shared ways to open them. */
final class CommonOptions {
    @ParentCommand
    VcaiCommand vcai;

    @Option(names = "--model", paramLabel = "<file>", description = "An ONNX model file made by 'vcai train' "
            + "(default: $VCAI_MODEL, else the model shipped inside vcai).")
    Path model;

    Repository openRepository() throws GitError {
        return GitRepositories.open(vcai.directory, System.getenv());
    }

    EmbeddedModel openModel() throws ModelException {
        Path file = model;
        if (file == null && System.getenv("VCAI_MODEL") != null && !System.getenv("VCAI_MODEL").isEmpty()) {
            file = Path.of(System.getenv("VCAI_MODEL"));
        }
        return file == null ? EmbeddedModel.shipped() : EmbeddedModel.load(file);
    }
}
