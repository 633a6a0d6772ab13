package dev.vcai.triton;

import dev.vcai.analysis.ChangeType;
import java.util.List;

/** What the LLM said about a commit, after validation. */
public record LlmAnswer(ChangeType changeType, String summary, List<String> riskNotes) {
    public LlmAnswer {
        riskNotes = List.copyOf(riskNotes);
    }
}
