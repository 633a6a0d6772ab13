package dev.vcai.pipeline;

import dev.vcai.analysis.CommitFacts;
import dev.vcai.impact.BlastRadius;
import dev.vcai.model.Prediction;
import dev.vcai.policy.Decision;
import dev.vcai.risk.Risk;

/** Everything vcai concluded about one commit. */
public record CommitAnalysis(CommitFacts facts, Prediction prediction, BlastRadius blastRadius, Risk risk, Decision decision) {
}
