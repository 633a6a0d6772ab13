package dev.vcai.policy;

import dev.vcai.analysis.ChangedFile;
import dev.vcai.analysis.CommitFacts;
import dev.vcai.impact.BlastRadius;
import dev.vcai.model.Prediction;
import dev.vcai.risk.Risk;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A policy applied to commits: the named metrics of one commit, and the verdict of the policy's gates on them.
 * The metric names are the ones a policy file's gates refer to (README "Policy").
 */
public final class CommitPolicy {
    /** The names of the metrics {@link #metrics} measures, in its order: the only ones a gate may name. */
    public static final List<String> METRICS = List.of("risk.score", "risk.level", "files.blocked", "binaries.vendored",
            "credentials.added", "code.untested", "files.changed", "lines.changed", "diff.capped", "change_type.confidence",
            "change_type.mismatch", "blast_radius.score", "blast_radius.untested_score", "blast_radius.critical_modules");

    private final Policy policy;

    public CommitPolicy(Policy policy) {
        this.policy = policy;
    }

    public Policy policy() {
        return policy;
    }

    public Decision decide(CommitFacts commit, Prediction prediction, Risk risk, BlastRadius blastRadius, String ref) {
        return GateEngine.decide(policy.gates(), metrics(commit, prediction, risk, blastRadius), ref, policy.protectedBranches());
    }

    public Map<String, Double> metrics(CommitFacts commit, Prediction prediction, Risk risk, BlastRadius blastRadius) {
        int blocked = 0;
        int vendored = 0;
        int credentials = 0;
        for (ChangedFile file : commit.files()) {
            if (file.credentials() > 0 && !RefPatterns.matchesAnyPath(policy.credentialsIgnorePaths(), file.path())) {
                credentials += file.credentials();
            }
            if (file.status() == 'D') {
                continue;
            }
            if (RefPatterns.matchesAnyPath(policy.blockedPaths(), file.path())) {
                blocked++;
            }
            if (file.binary() && RefPatterns.matchesAnyPath(policy.vendoredBinaries(), file.path())) {
                vendored++;
            }
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("risk.score", (double) risk.score());
        metrics.put("risk.level", (double) risk.level().ordinal());
        metrics.put("files.blocked", (double) blocked);
        metrics.put("binaries.vendored", (double) vendored);
        metrics.put("credentials.added", (double) credentials);
        metrics.put("code.untested", commit.metrics().codeChanged() && !commit.metrics().testsChanged() ? 1.0 : 0.0);
        metrics.put("files.changed", (double) commit.metrics().files());
        metrics.put("lines.changed", (double) commit.metrics().churn());
        metrics.put("diff.capped", commit.capped() ? 1.0 : 0.0);
        metrics.put("change_type.confidence", prediction.confidence());
        metrics.put("change_type.mismatch", commit.declared() == null || commit.declared().changeType().isEmpty() ? Double.NaN
                : commit.declared().changeType().get() == prediction.type() ? 0.0 : 1.0);
        metrics.put("blast_radius.score", blastRadius.computed() ? blastRadius.score() : Double.NaN);
        metrics.put("blast_radius.untested_score", !blastRadius.computed() ? Double.NaN : commit.metrics().testsChanged() ? 0 : blastRadius.score());
        metrics.put("blast_radius.critical_modules", blastRadius.computed() ? criticalModules(blastRadius) : Double.NaN);
        return metrics;
    }

    private double criticalModules(BlastRadius blastRadius) {
        return blastRadius.changedModules().stream()
                .filter(m -> policy.criticalModules().stream().anyMatch(p -> RefPatterns.glob(p).matcher(m).matches())).count();
    }
}
