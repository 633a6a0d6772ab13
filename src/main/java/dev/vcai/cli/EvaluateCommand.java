package dev.vcai.cli;

import com.google.gson.JsonObject;
import dev.vcai.git.GitError;
import dev.vcai.git.LogQuery;
import dev.vcai.model.ChangeTypeModel;
import dev.vcai.model.ModelException;
import dev.vcai.pipeline.RepositoryEvaluation;
import dev.vcai.report.EvaluationReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.eclipse.jgit.lib.Repository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Score the change-type model on a repository whose commits declare Conventional Commits types.",
                "The declared prefix is the label and is hidden from the model. Prints accuracy, macro-F1, per-type "
                        + "precision and recall and the confusion matrix, for all commits and for human commits alone."},
        footer = {"", "Example:", "  vcai evaluate ~/src/some-repo origin/main -n 2000"})
final class EvaluateCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<repository>", description = "The repository (a work tree or a bare repository).")
    Path repositoryPath;

    @Parameters(index = "1..*", paramLabel = "<revision>", arity = "0..*", description = "Revisions or ranges, as git log (default: HEAD).")
    List<String> revisions = new ArrayList<>();

    @Option(names = {"-n", "--max-count"}, paramLabel = "<n>", description = "Read at most <n> commits.")
    int maxCount = -1;

    @Mixin
    DateBounds dates;

    @Option(names = "--format", paramLabel = "<format>", description = "text (default) or json.")
    String format = "text";

    @Override
    public Integer call() throws GitError, ModelException {
        if (!format.equals("text") && !format.equals("json")) {
            throw new Failure(ExitCode.USAGE, "--format must be text or json, not '" + format + "'", null);
        }
        common.root().directory = common.root().directory.resolve(repositoryPath);
        Terminal.ProgressBar progress = new Terminal.ProgressBar(System.err, Terminal.isTerminal(2));
        RepositoryEvaluation evaluation;
        String modelId;
        LogQuery query = new LogQuery(revisions, maxCount, dates.since(), dates.until(), null, List.of());
        try (Repository repository = common.openRepository(); ChangeTypeModel model = common.openModel()) {
            modelId = model.identity().sha256();
            evaluation = RepositoryEvaluation.run(repository, query, model, progress::update);
        } finally {
            progress.clear();
        }
        if (format.equals("json")) {
            JsonObject header = new JsonObject();
            header.addProperty("repository", repositoryPath.toString());
            header.addProperty("range", query.describe());
            header.addProperty("model_sha256", modelId);
            header.addProperty("commits_read", evaluation.commits());
            header.addProperty("commits_labelled", evaluation.labelled());
            spec.commandLine().getOut().print(EvaluationReport.json(header, evaluation.scored()));
        } else {
            spec.commandLine().getOut().print(EvaluationReport.text("Model " + modelId.substring(0, 12) + " on " + repositoryPath
                    + " (" + query.describe() + "): " + evaluation.labelled() + " of " + evaluation.commits() + " commits declare a mapped type",
                    evaluation.scored()));
        }
        spec.commandLine().getOut().flush();
        return ExitCode.OK.code();
    }
}
