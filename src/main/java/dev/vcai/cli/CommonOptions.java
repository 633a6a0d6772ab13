package dev.vcai.cli;

import dev.vcai.git.GitError;
import dev.vcai.git.GitRepositories;
import dev.vcai.model.EmbeddedModel;
import dev.vcai.model.ModelException;
import dev.vcai.model.ModelVersions;
import dev.vcai.policy.Policy;
import java.io.IOException;
import java.nio.file.Files;
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

    /** The policy file given (relative to -C), else $VCAI_POLICY, else the built-in policy. */
    Policy policy(Path file) throws Policy.PolicyException {
        String fromEnvironment = System.getenv("VCAI_POLICY");
        if (file == null && fromEnvironment != null && !fromEnvironment.isEmpty()) {
            file = Path.of(fromEnvironment);
        }
        return file == null ? Policy.defaults() : Policy.load(vcai.directory.resolve(file));
    }

    EmbeddedModel openModel() throws ModelException {
        return openModel(model);
    }

    /**
     * The model file given, else $VCAI_MODEL, else the model shipped inside vcai. A directory is a model's versions in
     * Triton's layout ({@code <repo>/change_type}, where {@code vcai serve} promotes to): its newest version is opened.
     */
    static EmbeddedModel openModel(Path file) throws ModelException {
        String fromEnvironment = System.getenv("VCAI_MODEL");
        if (file == null && fromEnvironment != null && !fromEnvironment.isEmpty()) {
            file = Path.of(fromEnvironment);
        }
        if (file != null && Files.isDirectory(file)) {
            Path directory = file;
            try {
                file = ModelVersions.latest(directory).orElseThrow(() -> new ModelException("no numbered model version (<n>/"
                        + ModelVersions.FILE_NAME + ") in " + directory));
            } catch (IOException e) {
                throw new ModelException("cannot list the model versions in " + directory + ": " + e.getMessage(), e);
            }
        }
        return file == null ? EmbeddedModel.shipped() : EmbeddedModel.load(file);
    }
}
