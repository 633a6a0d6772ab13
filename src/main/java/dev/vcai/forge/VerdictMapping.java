package dev.vcai.forge;

import dev.vcai.policy.Verdict;

/**
 * From a verdict to a commit status: APPROVED is success, CONDITIONAL success (or failure when
 * {@code conditionalFails}), REJECTED and BLOCKED failure. The description names the verdict and, when given, why.
 */
public record VerdictMapping(boolean conditionalFails) {
    public static final VerdictMapping DEFAULT = new VerdictMapping(false);

    public StatusState state(Verdict verdict) {
        return switch (verdict) {
            case APPROVED -> StatusState.SUCCESS;
            case CONDITIONAL -> conditionalFails ? StatusState.FAILURE : StatusState.SUCCESS;
            case REJECTED, BLOCKED -> StatusState.FAILURE;
        };
    }

    /** "vcai: CONDITIONAL: untested-code x1", or "vcai: APPROVED" without a detail. */
    public String description(Verdict verdict, String detail) {
        return "vcai: " + verdict + (detail == null || detail.isBlank() ? "" : ": " + detail.strip());
    }
}
