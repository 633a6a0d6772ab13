package dev.vcai.cli;

import dev.vcai.git.GitError;
import dev.vcai.git.GitRepositories;
import dev.vcai.model.ChangeTypeModel;
import dev.vcai.model.EmbeddedModel;
import dev.vcai.model.ModelException;
import dev.vcai.model.ModelVersions;
import dev.vcai.policy.Policy;
import dev.vcai.triton.TritonSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jgit.lib.Repository;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Options of the sub-commands that use a repository and a model, and the shared ways to open them. */
final class CommonOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = "--model", paramLabel = "<file>", description = "An ONNX model file made by 'vcai train' "
            + "(default: $VCAI_MODEL, else the model shipped inside vcai).")
    Path model;

    @Option(names = "--triton", paramLabel = "<host:port>", description = "Classify on Triton's KServe v2 gRPC endpoint "
            + "(grpcs://host:port for TLS; default: $VCAI_TRITON_URL; bearer token: $VCAI_TRITON_TOKEN). When Triton fails "
            + "the embedded model answers and the output says so.")
    String triton;

    @Option(names = "--triton-model", paramLabel = "<name>", description = "The model's name on Triton (default: ${DEFAULT-VALUE}).")
    String tritonModel = dev.vcai.triton.TritonModel.DEFAULT_MODEL;

    @Option(names = "--triton-ca", paramLabel = "<pem>", description = "CA certificates to trust for Triton's TLS (implies TLS).")
    Path tritonCa;

    @Option(names = "--triton-deadline", paramLabel = "<ms>", description = "Deadline of each call to Triton (default: ${DEFAULT-VALUE}).")
    long tritonDeadline = TritonSettings.DEFAULT_DEADLINE.toMillis();

    @Option(names = "--triton-fail-closed", description = "Fail (exit 9) when Triton fails, instead of falling back to the embedded model.")
    boolean tritonFailClosed;

    /** The root command, which holds {@code -C}'s directory. */
    VcaiCommand root() {
        return VcaiCommand.of(command);
    }

    Repository openRepository() throws GitError {
        return GitRepositories.open(root().directory, System.getenv());
    }

    /** The policy file given (relative to -C), else $VCAI_POLICY, else the built-in policy. */
    Policy policy(Path file) throws Policy.PolicyException {
        String fromEnvironment = System.getenv("VCAI_POLICY");
        if (file == null && fromEnvironment != null && !fromEnvironment.isEmpty()) {
            file = Path.of(fromEnvironment);
        }
        return file == null ? Policy.defaults() : Policy.load(root().directory.resolve(file));
    }

    /** The Triton endpoint the options or $VCAI_TRITON_URL name, or null for the embedded model alone. */
    TritonSettings triton() {
        TritonSettings settings = TritonSettings.of(triton, System.getenv());
        if (settings == null) {
            return null;
        }
        if (tritonDeadline <= 0) {
            throw new Failure(ExitCode.USAGE, "--triton-deadline must be positive", null);
        }
        return settings.withModel(tritonModel).withTrustCertificates(tritonCa == null ? null : root().directory.resolve(tritonCa))
                .withDeadline(Duration.ofMillis(tritonDeadline)).withFailClosed(tritonFailClosed);
    }

    ChangeTypeModel openModel() throws ModelException {
        return openModel(model, triton());
    }

    /**
     * The model {@link #openModel(Path)} opens, served by Triton when {@code triton} is not null (that file then gives
     * the input order and answers when Triton cannot).
     */
    static ChangeTypeModel openModel(Path file, TritonSettings triton) throws ModelException {
        EmbeddedModel local = openModel(file);
        return triton == null ? local : triton.open(local);
    }

    /**
     * Closes a model that another thread is still loading, once it has loaded (waiting a few seconds at most). A JVM
     * that exits while ONNX Runtime creates a session can crash in native code (SIGBUS): a pre-receive hook that
     * decided a ref deletion before the model was needed exited 134 instead of 1 about one time in twenty.
     */
    static void closeWhenLoaded(CompletableFuture<ChangeTypeModel> loading) {
        try {
            loading.get(5, TimeUnit.SECONDS).close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            // It did not load, or too slowly to wait for: there is nothing to close.
        }
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
