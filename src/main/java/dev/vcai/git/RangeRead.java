package dev.vcai.git;

import java.util.List;

/**
 * What {@link CommitReader} read for one query.
 *
 * @param commits          the selected commits, newest first as {@code git log} lists them
 * @param history          the selected commits and up to {@link DiffLimits#historyLookback()} older ones, oldest first
 * @param shallowBoundary  ids of selected commits whose parents are missing because the clone is shallow; they are
 *                         left out of {@code commits}
 */
public record RangeRead(List<CommitDiff> commits, List<HistoryEntry> history, List<String> shallowBoundary) {
    public RangeRead {
        commits = List.copyOf(commits);
        history = List.copyOf(history);
        shallowBoundary = List.copyOf(shallowBoundary);
    }
}
