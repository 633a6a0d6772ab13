package dev.vcai.pipeline;

import dev.vcai.analysis.CommitFacts;
import dev.vcai.analysis.FactsBuilder;
import dev.vcai.git.CommitDiff;
import dev.vcai.git.CommitReader;
import dev.vcai.git.DiffLimits;
import dev.vcai.git.GitError;
import dev.vcai.git.HistoryEntry;
import dev.vcai.git.LogQuery;
import dev.vcai.git.RangeRead;
import dev.vcai.impact.BlastRadius;
import dev.vcai.impact.BlastRadiusAnalyzer;
import dev.vcai.model.ChangeTypeModel;
import dev.vcai.model.DeclaredHistory;
import dev.vcai.model.ModelException;
import dev.vcai.model.Prediction;
import dev.vcai.policy.CommitPolicy;
import dev.vcai.policy.Decision;
import dev.vcai.policy.Gate;
import dev.vcai.policy.Policy;
import dev.vcai.policy.Verdict;
import dev.vcai.risk.Risk;
import dev.vcai.risk.RiskScorer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.eclipse.jgit.lib.Repository;

/**
 * One commit's way through vcai: git reads the range, analysis derives the facts, the model classifies, impact
 * measures the blast radius, risk scores, the policy decides. The entry point for every caller (CLI, hooks,
 * Jenkins, service); build one with {@link #builder(ChangeTypeModel)} and reuse it.
 */
public final class Analyzer {
    /** Ranges shorter than this are worked on by the calling thread alone: a second thread would cost more than it saves. */
    private static final int IN_HALVES_FROM = 64;

    private final ChangeTypeModel model;
    private final CommitPolicy policy;
    private final DiffLimits limits;
    private final BlastRadiusAnalyzer impact;

    private Analyzer(Builder builder) {
        this.model = builder.model;
        this.policy = new CommitPolicy(builder.policy);
        this.limits = builder.limits;
        this.impact = builder.blastRadius ? blastRadius(builder.policy) : null;
    }

    /** The blast radius as an analyzer with this policy measures it: for {@link #read} to start early. */
    public static BlastRadiusAnalyzer blastRadius(Policy policy) {
        return BlastRadiusAnalyzer.builder().ignore(policy.impactIgnore()).build();
    }

    public static Builder builder(ChangeTypeModel model) {
        return new Builder(model);
    }

    /** Told how far an analysis has come: the phase ("reading", "classifying") and counts. */
    @FunctionalInterface
    public interface Progress {
        Progress NONE = (phase, done, total) -> { };

        void update(String phase, int done, int total);
    }

    public RangeAnalysis analyze(Repository repository, LogQuery query, String ref, Progress progress) throws GitError, ModelException {
        return analyze(read(repository, query, limits, impact, progress), ref, progress);
    }

    /**
     * The commits of a range read and turned into facts, ready for {@link #analyze(Range, String, Progress)}.
     *
     * @param source the repository they were read from, whose trees give the blast radius (open while the range is
     *               used); null when the facts came from elsewhere, and then no radius is computed
     * @param radii  the blast radii, being measured since the commits were selected; null when not started
     * @param subjectsBefore the subject lines of the commits just before the range (the history lookback), oldest first:
     *               what the team declared for commits like the range's (see {@link DeclaredHistory})
     */
    public record Range(String repository, String range, List<CommitFacts> facts, List<String> warnings, Repository source,
                        CompletableFuture<Map<String, BlastRadius>> radii, List<String> subjectsBefore) {
    }

    /**
     * The git half of an analysis, which needs no model: a caller in a hurry (a hook) reads while the model loads.
     *
     * @param impact measures the blast radius (see {@link #blastRadius(Policy)}) on its own thread from the moment
     *               the commits are selected, while their diffs are read; null to leave it to {@link #analyze}
     */
    public static Range read(Repository repository, LogQuery query, DiffLimits limits, BlastRadiusAnalyzer impact, Progress progress)
            throws GitError {
        RangeRead read;
        List<CompletableFuture<Map<String, BlastRadius>>> radii = new ArrayList<>(1);
        try (CommitReader reader = new CommitReader(repository, limits)) {
            read = reader.read(query, new CommitReader.ReadProgress() {
                @Override
                public void commitRead(int done, int total) {
                    progress.update("reading", done, total);
                }

                @Override
                public void selected(List<String> commitIds) {
                    if (impact != null) {
                        radii.add(measure(impact, repository, commitIds));
                    }
                }
            });
        }
        List<String> warnings = new ArrayList<>();
        if (!read.shallowBoundary().isEmpty()) {
            warnings.add(read.shallowBoundary().size() + " commit(s) at the shallow clone's boundary were skipped: their parents are "
                    + "missing; 'git fetch --deepen=N' brings them");
        }
        List<String> capped = read.commits().stream().filter(CommitDiff::capped).map(c -> c.id().substring(0, 10)).toList();
        if (!capped.isEmpty()) {
            warnings.add(capped.size() + " commit(s) too large to read whole (" + String.join(", ", capped.subList(0, Math.min(3, capped.size())))
                    + (capped.size() > 3 ? ", ..." : "") + "): their line counts are partial and their risk counts them as the largest; "
                    + "--max-patch-bytes reads more");
        }
        Set<String> selected = read.commits().stream().map(CommitDiff::id).collect(Collectors.toSet());
        List<String> subjectsBefore = read.history().stream().filter(h -> !selected.contains(h.id())).map(HistoryEntry::subject).toList();
        return new Range(repository.isBare() ? repository.getDirectory().getPath() : repository.getWorkTree().getPath(),
                query.describe(), FactsBuilder.build(read), warnings, repository,
                radii.isEmpty() ? null : radii.get(0), subjectsBefore);
    }

    /** The graph only reads the object store: it is measured on its own thread while git's diffs are read and the model classifies. */
    private static CompletableFuture<Map<String, BlastRadius>> measure(BlastRadiusAnalyzer impact, Repository repository, List<String> commitIds) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return impact.measure(repository, commitIds).byCommit();
            } catch (IOException e) {
                throw new CompletionException(e);
            }
        }, daemon("vcai-blast-radius"));
    }

    public RangeAnalysis analyze(Range range, String ref, Progress progress) throws ModelException {
        List<String> warnings = new ArrayList<>(range.warnings());
        List<String> branchGates = policy.policy().gates().stream().filter(g -> !g.branches().isEmpty()).map(Gate::name).toList();
        if (ref == null && !branchGates.isEmpty()) { // before the graph's thread may add its own warning
            warnings.add("no branch was named to judge the commits for (a detached HEAD, as CI checks out, or a commit id): the gates "
                    + String.join(", ", branchGates) + " apply to some branches only and were not applied");
        }
        CompletableFuture<Map<String, BlastRadius>> radii;
        if (range.source() == null || impact == null) {
            radii = CompletableFuture.completedFuture(Map.of());
        } else {
            radii = (range.radii() != null ? range.radii() : measure(impact, range.source(), range.facts().stream().map(CommitFacts::id).toList()))
                    .exceptionally(e -> {
                        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                        warnings.add("the blast radius could not be computed: " + cause.getMessage());
                        return Map.of();
                    });
        }
        List<CommitAnalysis> commits = analyze(range.facts(), range.subjectsBefore(), radii::join, ref, progress);
        return new RangeAnalysis(range.repository(), range.range(), ref, commits, worst(commits), warnings);
    }

    /** Analyses commits already turned into facts (by the service, or by a hook that read them itself). */
    public List<CommitAnalysis> analyze(List<CommitFacts> facts, String ref, Progress progress) throws ModelException {
        return analyze(facts, List.of(), Map::of, ref, progress);
    }

    /**
     * @param subjectsBefore subject lines of the commits before these, oldest first: the team's earlier declarations
     * @param blastRadii     blast radii by commit id, asked for once classified; a commit without one is reported as not computed
     */
    private List<CommitAnalysis> analyze(List<CommitFacts> facts, List<String> subjectsBefore, Supplier<Map<String, BlastRadius>> blastRadii,
                                         String ref, Progress progress) throws ModelException {
        progress.update("classifying", 0, facts.size());
        List<Prediction> predictions = new DeclaredHistory(model.labelShares(), subjectsBefore)
                .apply(facts, inHalves(facts.size(), (from, to) -> model.classify(facts.subList(from, to))));
        Map<String, BlastRadius> radii = blastRadii.get();
        List<CommitAnalysis> commits = inHalves(facts.size(), (from, to) -> {
            List<CommitAnalysis> judged = new ArrayList<>(to - from);
            for (int i = from; i < to; i++) {
                CommitFacts commit = facts.get(i);
                Prediction prediction = predictions.get(i);
                BlastRadius blastRadius = radii.getOrDefault(commit.id(), BlastRadius.NOT_COMPUTED);
                if (blastRadius.computed() && commit.commentsOnly()) {
                    blastRadius = blastRadius.reachingNothing(); // comments break nothing, however much depends on their file
                }
                Risk risk = RiskScorer.score(commit, prediction, blastRadius);
                Decision decision = policy.decide(commit, prediction, risk, blastRadius, ref);
                judged.add(new CommitAnalysis(commit, prediction, blastRadius, risk, decision));
            }
            return judged;
        });
        progress.update("classifying", facts.size(), facts.size());
        return commits;
    }

    /** Work on the items from one index to another of a range, returning one result per item, in their order. */
    @FunctionalInterface
    private interface Part<R> {
        List<R> of(int from, int to) throws ModelException;
    }

    /**
     * A part's results for the whole range, in order. A long range is done in two halves at once: classifying and
     * judging commits are CPU work that a second core halves, and every model, scorer and policy is safe to share.
     */
    private static <R> List<R> inHalves(int size, Part<R> part) throws ModelException {
        if (size < IN_HALVES_FROM || Runtime.getRuntime().availableProcessors() < 2) {
            return part.of(0, size);
        }
        int half = size / 2;
        CompletableFuture<List<R>> secondHalf = CompletableFuture.supplyAsync(() -> {
            try {
                return part.of(half, size);
            } catch (ModelException e) {
                throw new CompletionException(e);
            }
        }, daemon("vcai-second-half"));
        List<R> results = new ArrayList<>(part.of(0, half));
        try {
            results.addAll(secondHalf.join());
        } catch (CompletionException e) {
            if (e.getCause() instanceof ModelException cause) {
                throw cause;
            }
            throw e;
        }
        return results;
    }

    private static Executor daemon(String name) {
        return task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            thread.start();
        };
    }

    public static Verdict worst(List<CommitAnalysis> commits) {
        Verdict verdict = Verdict.APPROVED;
        for (CommitAnalysis commit : commits) {
            verdict = verdict.worst(commit.decision().verdict());
        }
        return verdict;
    }

    public ChangeTypeModel model() {
        return model;
    }

    public static final class Builder {
        private final ChangeTypeModel model;
        private Policy policy = Policy.defaults();
        private DiffLimits limits = DiffLimits.DEFAULT;
        private boolean blastRadius = true;

        private Builder(ChangeTypeModel model) {
            this.model = model;
        }

        public Builder policy(Policy policy) {
            this.policy = policy;
            return this;
        }

        public Builder limits(DiffLimits limits) {
            this.limits = limits;
            return this;
        }

        /** Whether the blast radius is measured (default true); without it every commit reports it as not computed. */
        public Builder blastRadius(boolean measure) {
            this.blastRadius = measure;
            return this;
        }

        public Analyzer build() {
            return new Analyzer(this);
        }
    }
}
