package dev.vcai.cli;

import com.google.gson.JsonObject;
import dev.vcai.git.CiRef;
import dev.vcai.git.DiffLimits;
import dev.vcai.git.GitError;
import dev.vcai.git.LogQuery;
import dev.vcai.model.ChangeTypeModel;
import dev.vcai.model.ModelException;
import dev.vcai.triton.TritonSettings;
import dev.vcai.pipeline.Analyzer;
import dev.vcai.pipeline.RangeAnalysis;
import dev.vcai.policy.Policy;
import dev.vcai.report.HtmlReport;
import dev.vcai.report.JsonReport;
import dev.vcai.report.MarkdownReport;
import dev.vcai.report.TableReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "analyze", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Analyse commits: change type, blast radius, risk and verdict per commit.",
                "Revisions and filters follow git log: no revision is HEAD, REV is REV and its ancestors, "
                        + "A..B, A...B and ^REV work, paths go after --."},
        footer = {"", "Examples:", "  vcai analyze -n 20", "  vcai analyze origin/main..HEAD --format markdown",
                "  vcai analyze --since '2 weeks ago' --author alice -- src/"})
final class AnalyzeCommand implements Callable<Integer> {
    enum Format { table, json, markdown, html }

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "<revision>", arity = "0..*", description = "Revisions and ranges, then -- and paths.")
    List<String> positional = new ArrayList<>();

    @Option(names = {"-n", "--max-count"}, paramLabel = "<n>", description = "Analyse at most <n> commits.")
    int maxCount = -1;

    @Mixin
    DateBounds dates;

    @Option(names = "--author", paramLabel = "<pattern>", description = "Only commits whose author matches <pattern> (a regular expression, as git's; given several times, any of them).")
    List<String> authors = List.of();

    @Option(names = "--format", paramLabel = "<format>", description = "table (default), json, markdown or html (one self-contained page).")
    Format format = Format.table;

    @Option(names = "--ref", paramLabel = "<ref>", description = "The ref the gates judge the commits for: refs/heads/main, or a short branch or tag name (default: the branch of the revision, HEAD's branch, or on a detached HEAD the branch the CI job names).")
    String ref;

    @Option(names = "--policy", paramLabel = "<file>", description = "Policy file, YAML or JSON (default: $VCAI_POLICY, else the built-in policy).")
    Path policyFile;

    @Option(names = "--exit-code", description = "Exit with the range's verdict: 0 APPROVED, 20 CONDITIONAL, 21 REJECTED, 22 BLOCKED.")
    boolean exitCode;

    @Option(names = "--max-patch-bytes", paramLabel = "<bytes>", description = "Patch bytes read per commit before it is capped (default: ${DEFAULT-VALUE}).")
    int maxPatchBytes = DiffLimits.DEFAULT.maxPatchBytes();

    @Option(names = "--history", paramLabel = "<n>", description = "Older commits read for file age, churn, author experience and what the team declared for commits like these (default: ${DEFAULT-VALUE}).")
    int history = DiffLimits.DEFAULT.historyLookback();

    @Option(names = "--no-blast-radius", negatable = false, description = "Skip the dependency graph: the blast radius is reported as not computed.")
    boolean noBlastRadius;

    @Option(names = "--llm", paramLabel = "<model>", description = "Also ask this LLM on Triton (vLLM backend tensors, e.g. commit_llm) "
            + "for each commit's type, summary and risk notes; needs --triton. A failed answer keeps the classifier's type.")
    String llm;

    @Option(names = "--llm-deadline", paramLabel = "<ms>", description = "Deadline of each commit's LLM answer (default: ${DEFAULT-VALUE}).")
    long llmDeadline = 20_000;

    @Override
    public Integer call() throws GitError, ModelException, Policy.PolicyException, IOException {
        if (maxPatchBytes <= 0 || history < 0) {
            throw new Failure(ExitCode.USAGE, "--max-patch-bytes must be positive and --history not negative", null);
        }
        TritonSettings triton = common.triton();
        if (llm != null && (triton == null || llmDeadline <= 0 || format == Format.html)) {
            throw new Failure(ExitCode.USAGE, "--llm needs --triton <host:port> (or $VCAI_TRITON_URL), a positive --llm-deadline "
                    + "and --format table, json or markdown", null);
        }
        LogQuery query = query();
        Policy policy = common.policy(policyFile);
        PrintWriter out = spec.commandLine().getOut();
        Terminal.ProgressBar progress = new Terminal.ProgressBar(System.err, Terminal.isTerminal(2));
        RangeAnalysis analysis;
        DiffLimits limits = DiffLimits.DEFAULT.withMaxPatchBytes(maxPatchBytes).withHistoryLookback(history);
        try (Repository repository = common.openRepository()) {
            // The model loads on its own thread while this one reads the range: each takes a good part of a second.
            CompletableFuture<ChangeTypeModel> loading = CompletableFuture.supplyAsync(() -> openModel(triton));
            Analyzer.Range range;
            try {
                range = Analyzer.read(repository, query, limits, noBlastRadius ? null : Analyzer.blastRadius(policy), progress::update);
            } catch (GitError | RuntimeException e) {
                CommonOptions.closeWhenLoaded(loading); // before the error's exit, which must not meet a session half made
                throw e;
            }
            try (ChangeTypeModel model = ModelException.await(loading)) {
                Analyzer analyzer = Analyzer.builder(model).policy(policy).limits(limits).blastRadius(!noBlastRadius).build();
                analysis = analyzer.analyze(range, ref == null || ref.equals(Constants.HEAD) ? defaultRef(repository, query) : fullRef(repository, ref),
                        progress::update);
            }
        } finally {
            progress.clear();
        }
        LlmReview review = llm == null ? null : LlmReview.run(triton, llm, Duration.ofMillis(llmDeadline), analysis);
        switch (format) {
            case json -> {
                JsonObject report = JsonReport.toJson(analysis);
                if (review != null) {
                    review.addTo(report);
                }
                JsonReport.write(report, out);
            }
            case table -> out.print(TableReport.render(analysis, Terminal.width()));
            case markdown -> out.print(MarkdownReport.render(analysis));
            case html -> out.print(HtmlReport.render(analysis));
        }
        if (review != null && format != Format.json) {
            out.print(review.text(analysis));
        }
        out.flush();
        return exitCode ? ExitCode.of(analysis.verdict()).code() : ExitCode.OK.code();
    }

    /** The model, on Triton when {@code triton} (already read from the options) names an endpoint. */
    private ChangeTypeModel openModel(TritonSettings triton) {
        try {
            return CommonOptions.openModel(common.model, triton);
        } catch (ModelException e) {
            throw new CompletionException(e);
        }
    }

    /** The --author patterns as one regular expression (git matches any of them), checked here: a bad one is a usage error. */
    private String authorPattern() {
        if (authors.isEmpty()) {
            return null;
        }
        String pattern = authors.size() == 1 ? authors.get(0) : authors.stream().map(a -> "(?:" + a + ")").collect(Collectors.joining("|"));
        try {
            Pattern.compile(pattern);
        } catch (PatternSyntaxException e) {
            throw new Failure(ExitCode.USAGE, "--author: not a regular expression: " + e.getDescription() + " in '" + e.getPattern() + "'", e);
        }
        return pattern;
    }

    private LogQuery query() {
        List<String> original = spec.commandLine().getParseResult().originalArgs();
        int separator = original.indexOf("--");
        int pathCount = separator < 0 ? 0 : original.size() - separator - 1;
        List<String> revisions = new ArrayList<>(positional.subList(0, positional.size() - pathCount));
        List<String> paths = positional.subList(positional.size() - pathCount, positional.size());
        for (String revision : revisions) {
            if (revision.startsWith("-")) {
                throw new Failure(ExitCode.USAGE, "unknown option '" + revision + "'; see 'vcai analyze --help'", null);
            }
        }
        return new LogQuery(revisions, maxCount, dates.since(), dates.until(), authorPattern(), paths);
    }

    /** The branch a plain revision names, or HEAD's branch: what a user means by "the branch I analyse". */
    private static String defaultRef(Repository repository, LogQuery query) throws IOException {
        List<String> positive = query.revisions().stream().filter(r -> !r.startsWith("^")).toList();
        String revision = positive.isEmpty() ? Constants.HEAD : positive.get(positive.size() - 1);
        int dots = revision.lastIndexOf("..");
        if (dots >= 0) {
            revision = revision.substring(dots + 2).replaceFirst("^\\.", "");
            revision = revision.isEmpty() ? Constants.HEAD : revision;
        }
        // exactRef for HEAD: findRef would read every ref (a large packed-refs file) to resolve a short name.
        Ref found = revision.equals(Constants.HEAD) ? repository.exactRef(Constants.HEAD) : repository.findRef(revision);
        String name = found == null ? null : found.getTarget().getName();
        if (name != null && (name.startsWith(Constants.R_HEADS) || name.startsWith(Constants.R_TAGS))) {
            return name;
        }
        return revision.equals(Constants.HEAD) ? CiRef.of(System.getenv(), repository.getRemoteNames()) : null; // CI's detached HEAD
    }

    /**
     * A --ref as given when it is a full ref; a short name names the branch of that name, else the tag, else a branch
     * this clone does not have (CI's, often).
     */
    private static String fullRef(Repository repository, String ref) throws IOException {
        if (ref.startsWith("refs/")) {
            return ref;
        }
        if (repository.exactRef(Constants.R_HEADS + ref) == null && repository.exactRef(Constants.R_TAGS + ref) != null) {
            return Constants.R_TAGS + ref;
        }
        return Constants.R_HEADS + ref;
    }
}
