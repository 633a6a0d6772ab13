package dev.vcai.triton;

/**
 * The LLM's answer for one commit, or why there is none (not JSON, an unknown type, no final response, the
 * deadline, Triton unreachable). A failure never replaces the classifier's result; callers count and report it.
 */
public record LlmResult(LlmAnswer answer, String failure) {
    public static LlmResult answered(LlmAnswer answer) {
        return new LlmResult(answer, null);
    }

    public static LlmResult failed(String reason) {
        return new LlmResult(null, reason);
    }

    public boolean ok() {
        return answer != null;
    }
}
