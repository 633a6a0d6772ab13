package dev.vcai.service;

import dev.vcai.model.LabelledCommit;
import java.util.List;

/**
 * The served-LLM side of the service: evaluating a served model and drafting commit messages through Triton. Triton
 * ({@link TritonServedLlm}) when an endpoint is configured, else {@link #unavailable}, which answers every call with
 * the reason, so runs of served-LLM experiments fail with it.
 */
public interface ServedLlm {

    /** A served model could not be used; the message says why, in one line. */
    final class Unavailable extends Exception {
        public Unavailable(String message) {
            super(message);
        }
    }

    /** The answer of a served model for one commit: a change-type id, or the raw text when it was not one. */
    record Answer(String changeType, String raw, double latencyMs) {
    }

    /** Asks the served model for the change type of each commit, in order. */
    List<Answer> classify(ExperimentSpec.ServedLlm model, List<LabelledCommit> commits) throws Unavailable;

    /** A commit message for a diff, from the production LLM. */
    String generateMessage(String diff, String analysisSummary) throws Unavailable;

    /** True when a served LLM can answer (the endpoint is configured and a client is wired). */
    boolean available();

    /** No Triton endpoint configured: every call fails with the reason. */
    static ServedLlm unavailable() {
        String reason = "no Triton endpoint is configured (VCAI_TRITON_URL), so served LLMs cannot run";
        return new ServedLlm() {
            @Override
            public List<Answer> classify(ExperimentSpec.ServedLlm model, List<LabelledCommit> commits) throws Unavailable {
                throw new Unavailable(reason);
            }

            @Override
            public String generateMessage(String diff, String analysisSummary) throws Unavailable {
                throw new Unavailable(reason);
            }

            @Override
            public boolean available() {
                return false;
            }
        };
    }
}
