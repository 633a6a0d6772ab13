package dev.vcai.jenkins;

import dev.vcai.git.GitError;
import dev.vcai.git.GitRepositories;
import dev.vcai.model.ChangeTypeModel;
import dev.vcai.model.EmbeddedModel;
import dev.vcai.model.ModelException;
import dev.vcai.pipeline.Analyzer;
import dev.vcai.policy.Policy;
import dev.vcai.report.Summary;
import dev.vcai.triton.TritonSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jgit.lib.Repository;

/**
 * The one call the Jenkins plugin makes, on the agent that holds the workspace: choose the build's commits from its
 * environment, run the {@link Analyzer} on them, and return the small {@link JenkinsResult} that goes back to the
 * controller. It never throws: a failure (no repository, an invalid gates file, a broken model, the time limit)
 * becomes a failed result that names it, which the settings' fail-open or fail-closed turns into a build result.
 */
public final class JenkinsAnalysis {
    private final Path workspace;
    private final Map<String, String> environment;
    private final String range;
    private final JenkinsSettings settings;

    private JenkinsAnalysis(Builder builder) {
        this.workspace = builder.workspace;
        Map<String, String> env = new HashMap<>(builder.environment);
        if (builder.previousTip != null) {
            env.putIfAbsent("GIT_PREVIOUS_SUCCESSFUL_COMMIT", builder.previousTip);
        }
        this.environment = Map.copyOf(env);
        this.range = builder.range;
        this.settings = builder.settings;
    }

    public static Builder builder(Path workspace) {
        return new Builder(workspace);
    }

    public JenkinsResult run() {
        List<String> notes = new ArrayList<>();
        ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "vcai-analysis");
            thread.setDaemon(true);
            return thread;
        });
        try {
            Future<JenkinsResult> analysis = worker.submit(() -> analyse(notes));
            return analysis.get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return JenkinsResult.failed("the analysis took longer than its time limit of " + settings.timeout().toSeconds() + " s",
                    snapshot(notes), settings.failClosed());
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            String message = cause instanceof GitError || cause instanceof ModelException || cause instanceof Policy.PolicyException
                    ? cause.getMessage() : cause.getClass().getSimpleName() + ": " + cause.getMessage();
            return JenkinsResult.failed(message, snapshot(notes), settings.failClosed());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return JenkinsResult.failed("the analysis was interrupted", snapshot(notes), settings.failClosed());
        } finally {
            worker.shutdownNow();
        }
    }

    private JenkinsResult analyse(List<String> notes) throws Exception {
        Policy policy = settings.gatesFile() == null ? Policy.defaults() : Policy.load(workspace.resolve(settings.gatesFile()));
        try (Repository repository = GitRepositories.open(workspace, environment)) {
            RangeSelection selection = RangeSelection.select(repository, environment, range, settings.firstBuildCommits());
            synchronized (notes) {
                notes.addAll(selection.notes());
            }
            try (ChangeTypeModel model = openModel()) {
                Analyzer analyzer = Analyzer.builder(model).policy(policy).build();
                Summary summary = Summary.of(analyzer.analyze(repository, selection.query(), selection.ref(), Analyzer.Progress.NONE));
                return JenkinsResult.analysed(selection, summary, snapshot(notes), settings.failClosed());
            }
        }
    }

    /**
     * The model the settings ask for: Triton when an endpoint is configured (its failures fall back to the model
     * inside vcai, which the summary's warnings then name, unless the settings fail closed), else the model inside vcai.
     */
    private ChangeTypeModel openModel() throws ModelException {
        EmbeddedModel local = EmbeddedModel.shipped();
        if (settings.tritonEndpoint() == null) {
            return local;
        }
        Map<String, String> credentials = settings.tritonToken() == null ? Map.of() : Map.of(TritonSettings.TOKEN_VARIABLE, settings.tritonToken());
        return TritonSettings.of(settings.tritonEndpoint(), credentials).withFailClosed(settings.failClosed()).open(local);
    }

    private static List<String> snapshot(List<String> notes) {
        synchronized (notes) {
            return List.copyOf(notes);
        }
    }

    public static final class Builder {
        private final Path workspace;
        private Map<String, String> environment = Map.of();
        private String range;
        private String previousTip;
        private JenkinsSettings settings = JenkinsSettings.DEFAULTS;

        private Builder(Path workspace) {
            this.workspace = workspace;
        }

        /** The build's environment: the Git plugin's {@code GIT_*} variables, {@code BRANCH_NAME}, ... */
        public Builder environment(Map<String, String> env) {
            this.environment = env;
            return this;
        }

        /** An explicit range ({@code A..B}, as {@code git log} takes it) instead of the commits since the last success. */
        public Builder range(String revisions) {
            this.range = revisions;
            return this;
        }

        /**
         * The commit the last successful build analysed up to ({@link JenkinsResult#tip()}): the base when the
         * environment has no {@code GIT_PREVIOUS_SUCCESSFUL_COMMIT}, as in a scripted Pipeline, whose checkout does
         * not export the Git plugin's variables.
         */
        public Builder previousTip(String commit) {
            this.previousTip = commit;
            return this;
        }

        public Builder settings(JenkinsSettings value) {
            this.settings = value;
            return this;
        }

        public JenkinsAnalysis build() {
            return new JenkinsAnalysis(this);
        }
    }
}
