package dev.vcai.hooks;

import dev.vcai.git.DiffLimits;
import dev.vcai.git.GitError;
import dev.vcai.impact.BlastRadiusAnalyzer;
import dev.vcai.model.ModelException;
import dev.vcai.pipeline.Analyzer;
import dev.vcai.pipeline.CommitAnalysis;
import dev.vcai.pipeline.RangeAnalysis;
import dev.vcai.policy.Decision;
import dev.vcai.policy.Policy;
import dev.vcai.policy.Verdict;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;

/**
 * The pre-receive decision: analyse each ref's new commits, print the report, and refuse the push when a ref's
 * verdict is REJECTED or BLOCKED and no allowed override was given. Reads the repository (and git's quarantine)
 * only; writes nothing to it.
 */
public final class PreReceive {
    private PreReceive() {
    }

    /**
     * @param analyzer the analyzer, possibly still loading its model: every ref's commits are read first, meanwhile
     * @return true when the push may go ahead
     */
    public static boolean run(Repository repository, List<RefChange> changes, Policy policy, Push push,
                              CompletableFuture<Analyzer> analyzer, PrintWriter out) throws IOException, GitError, ModelException {
        Collection<Ref> refs = repository.getRefDatabase().getRefs();
        List<RefSelection> selections = new ArrayList<>();
        List<Analyzer.Range> ranges = new ArrayList<>();
        for (RefChange change : changes) {
            RefSelection selection = change.isDelete() ? null : RefSelection.of(repository, change, refs);
            selections.add(selection);
            // Only the first ref's graph starts while the others are read: one graph at a time fits a hook's heap.
            boolean first = ranges.stream().allMatch(Objects::isNull);
            ranges.add(selection == null || selection.query() == null ? null
                    : newCommits(repository, selection, first ? Analyzer.blastRadius(policy) : null));
        }
        List<RefResult> results = new ArrayList<>();
        for (int i = 0; i < changes.size(); i++) {
            results.add(decide(changes.get(i), selections.get(i), ranges.get(i), policy, push, analyzer));
        }
        PushMessages.print(out, results, push);
        return results.stream().noneMatch(RefResult::refused);
    }

    /**
     * The ref's new commits, or null when there are none.
     *
     * @param impact measures their blast radius from the moment they are known; null to leave it to the analysis
     */
    private static Analyzer.Range newCommits(Repository repository, RefSelection selection, BlastRadiusAnalyzer impact) throws GitError {
        try {
            return Analyzer.read(repository, selection.query(), DiffLimits.DEFAULT, impact, Analyzer.Progress.NONE);
        } catch (GitError e) {
            if (e.kind() == GitError.Kind.EMPTY_RANGE) {
                return null;
            }
            throw e;
        }
    }

    private static RefResult decide(RefChange change, RefSelection selection, Analyzer.Range range, Policy policy, Push push,
                                    CompletableFuture<Analyzer> analyzer) throws ModelException {
        if (change.isDelete()) {
            boolean denied = policy.matches(policy.denyDeletes(), change.ref());
            return overridable(change, null, denied ? Verdict.REJECTED : Verdict.APPROVED,
                    denied ? "deleting this ref is not allowed" : "deleted, nothing to analyse", policy, push, 0);
        }
        if (selection.query() == null) {
            return new RefResult(change, null, Verdict.APPROVED, "not a commit, nothing to analyse", false, 0);
        }
        if (range == null) {
            return new RefResult(change, null, Verdict.APPROVED, "no new commits", false, selection.dropped());
        }
        RangeAnalysis analysis = ModelException.await(analyzer).analyze(range, change.ref(), Analyzer.Progress.NONE);
        return overridable(change, analysis, analysis.verdict(), reasons(analysis), policy, push, selection.dropped());
    }

    private static RefResult overridable(RefChange change, RangeAnalysis analysis, Verdict verdict, String reason, Policy policy,
                                         Push push, int dropped) {
        boolean refusing = verdict == Verdict.REJECTED || verdict == Verdict.BLOCKED;
        boolean overridden = refusing && push.overrideReason() != null && policy.matches(policy.allowOverride(), change.ref());
        return new RefResult(change, analysis, verdict, reason, overridden, dropped);
    }

    /** The must-pass gates that failed, with the commits they failed on. */
    static String reasons(RangeAnalysis analysis) {
        Set<String> reasons = new LinkedHashSet<>();
        for (CommitAnalysis c : analysis.commits()) {
            for (Decision.GateResult r : c.decision().failures()) {
                if (r.mustPass() && r.effect() == analysis.verdict()) {
                    reasons.add(r.gate() + " (" + c.facts().shortId().substring(0, 8) + ")");
                }
            }
        }
        return reasons.stream().limit(3).collect(Collectors.joining(", ")) + (reasons.size() > 3 ? ", ..." : "");
    }
}
