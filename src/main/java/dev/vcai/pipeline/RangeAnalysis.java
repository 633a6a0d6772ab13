package dev.vcai.pipeline;

import dev.vcai.policy.Verdict;
import java.util.List;

/**
 * The analysis of a range of commits.
 *
 * @param range    the range as asked for ({@code HEAD}, {@code A..B}, ...)
 * @param ref      the ref the gates judged against, or null
 * @param commits  newest first, as {@code git log} lists them
 * @param verdict  the worst verdict of the commits
 * @param warnings things the reader should know (commits skipped at a shallow boundary, a model fallback)
 */
public record RangeAnalysis(String repository, String range, String ref, List<CommitAnalysis> commits, Verdict verdict,
                            List<String> warnings) {
    public RangeAnalysis {
        commits = List.copyOf(commits);
        warnings = List.copyOf(warnings);
    }
}
