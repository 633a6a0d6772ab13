package dev.vcai.hooks;

import dev.vcai.git.GitError;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.jgit.lib.Repository;

/**
 * The pre-receive decision: analyse each ref's new commits, print the report, and refuse the push when a ref's
 * verdict is REJECTED or BLOCKED and no allowed override was given. Reads the repository (and git's quarantine)
 * only; writes nothing to it.
 */
public final class PreReceive {
    private PreReceive() {
    }

    /** @return true when the push may go ahead */
    public static boolean run(Repository repository, List<RefChange> changes, Policy policy, Push push, Analyzer analyzer,
                              PrintWriter out) throws IOException, GitError, ModelException {
        List<RefResult> results = new ArrayList<>();
        for (RefChange change : changes) {
            results.add(decide(repository, change, policy, push, analyzer));
        }
        PushMessages.print(out, results, push);
        return results.stream().noneMatch(RefResult::refused);
    }

    private static RefResult decide(Repository repository, RefChange change, Policy policy, Push push, Analyzer analyzer)
            throws IOException, GitError, ModelException {
        if (change.isDelete()) {
            boolean denied = policy.matches(policy.denyDeletes(), change.ref());
            return overridable(change, null, denied ? Verdict.REJECTED : Verdict.APPROVED,
                    denied ? "deleting this ref is not allowed" : "deleted, nothing to analyse", policy, push, 0);
        }
        RefSelection selection = RefSelection.of(repository, change, repository.getRefDatabase().getRefs());
        if (selection.query() == null) {
            return new RefResult(change, null, Verdict.APPROVED, "not a commit, nothing to analyse", false, 0);
        }
        RangeAnalysis analysis;
        try {
            analysis = analyzer.analyze(repository, selection.query(), change.ref(), Analyzer.Progress.NONE);
        } catch (GitError e) {
            if (e.kind() != GitError.Kind.EMPTY_RANGE) {
                throw e;
            }
            return new RefResult(change, null, Verdict.APPROVED, "no new commits", false, selection.dropped());
        }
        return overridable(change, analysis, analysis.verdict(), reasons(analysis), policy, push, selection.dropped());
    }

    private static RefResult overridable(RefChange change, RangeAnalysis analysis, Verdict verdict, String reason, Policy policy,
                                         Push push, int dropped) {
        boolean refusing = verdict == Verdict.REJECTED || verdict == Verdict.BLOCKED;
        boolean overridden = refusing && push.overrideReason() != null && policy.matches(policy.allowOverride(), change.ref());
        return new RefResult(change, analysis, verdict, reason, overridden, dropped);
    }

    /** The must-pass gates that failed, with the commits they failed on. */
    private static String reasons(RangeAnalysis analysis) {
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
