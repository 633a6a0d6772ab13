package dev.vcai.analysis;

import dev.vcai.git.CommitDiff;
import dev.vcai.git.FileDiff;
import dev.vcai.git.HistoryEntry;
import dev.vcai.git.RangeRead;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns what the git package read into {@link CommitFacts}. The entry point of this package.
 *
 * <p>History metrics are computed by replaying the range's history oldest first, so each commit sees exactly
 * the commits before it, however the range was selected.
 */
public final class FactsBuilder {
    private FactsBuilder() {
    }

    /** Facts of the range's commits, in the range's order (newest first). */
    public static List<CommitFacts> build(RangeRead range) {
        Map<String, HistoryMetrics> history = replay(range);
        List<CommitFacts> facts = new ArrayList<>(range.commits().size());
        for (CommitDiff commit : range.commits()) {
            List<ChangedFile> files = new ArrayList<>(commit.files().size());
            for (FileDiff f : commit.files()) {
                files.add(ChangedFile.of(f));
            }
            facts.add(of(commit.id(), commit.subject(), commit.body(), commit.authorName(), commit.authorEmail(),
                    commit.authorTime(), commit.parentCount(), files, commit.patchSample(), commit.capped(),
                    history.getOrDefault(commit.id(), HistoryMetrics.NONE)));
        }
        return facts;
    }

    /** Facts of a commit known only by its content (a dataset row, a diff sent to the service). */
    public static CommitFacts of(String id, String subject, String body, String authorName, String authorEmail,
                                 Instant authorTime, int parentCount, List<ChangedFile> files, String patchSample,
                                 boolean capped, HistoryMetrics history) {
        ConventionalCommit declared = ConventionalCommit.parse(subject).orElse(null);
        return new CommitFacts(id, subject, body, authorName, authorEmail, authorTime, parentCount, files, patchSample,
                capped, declared, metrics(files, history));
    }

    /** What the history says about a commit's files and author; {@link #NONE} when there is no history. */
    public record HistoryMetrics(double meanFileAgeDays, int priorChanges, int priorAuthors, int authorCommits) {
        public static final HistoryMetrics NONE = new HistoryMetrics(-1, -1, -1, -1);
    }

    private static ChangeMetrics metrics(List<ChangedFile> files, HistoryMetrics history) {
        int added = 0;
        int deleted = 0;
        Set<String> directories = new HashSet<>();
        Set<String> subsystems = new HashSet<>();
        boolean tests = false;
        boolean code = false;
        for (ChangedFile file : files) {
            added += Math.max(0, file.added());
            deleted += Math.max(0, file.deleted());
            int slash = file.path().lastIndexOf('/');
            directories.add(slash < 0 ? "" : file.path().substring(0, slash));
            int first = file.path().indexOf('/');
            subsystems.add(first < 0 ? "" : file.path().substring(0, first));
            tests |= file.touchesTests();
            code |= file.changesCode();
        }
        return new ChangeMetrics(added, deleted, files.size(), directories.size(), subsystems.size(), entropy(files, added + deleted),
                tests, code, history.meanFileAgeDays(), history.priorChanges(), history.priorAuthors(), history.authorCommits());
    }

    private static double entropy(List<ChangedFile> files, int total) {
        if (files.size() < 2 || total == 0) {
            return 0;
        }
        double h = 0;
        for (ChangedFile file : files) {
            double p = (double) file.churn() / total;
            if (p > 0) {
                h -= p * Math.log(p);
            }
        }
        return h / Math.log(files.size());
    }

    private static Map<String, HistoryMetrics> replay(RangeRead range) {
        Set<String> wanted = new HashSet<>();
        for (CommitDiff commit : range.commits()) {
            wanted.add(commit.id());
        }
        Map<String, Instant> lastTouched = new HashMap<>();
        Map<String, Integer> changes = new HashMap<>();
        Map<String, Set<String>> authors = new HashMap<>();
        Map<String, Integer> authorCommits = new HashMap<>();
        Map<String, HistoryMetrics> result = new HashMap<>();
        boolean first = true;
        for (HistoryEntry entry : range.history()) {
            String author = entry.authorEmail().toLowerCase(Locale.ROOT);
            // The oldest commit of the window has no known past: its metrics would claim "never touched".
            if (wanted.contains(entry.id()) && !first) {
                double ageSum = 0;
                int aged = 0;
                int prior = 0;
                Set<String> priorAuthors = new HashSet<>();
                for (String path : entry.paths()) {
                    Instant last = lastTouched.get(path);
                    if (last != null) {
                        ageSum += Math.max(0, Duration.between(last, entry.time()).toHours() / 24.0);
                        aged++;
                    }
                    prior += changes.getOrDefault(path, 0);
                    priorAuthors.addAll(authors.getOrDefault(path, Set.of()));
                }
                result.put(entry.id(), new HistoryMetrics(aged == 0 ? 0 : ageSum / aged, prior, priorAuthors.size(),
                        authorCommits.getOrDefault(author, 0)));
            }
            first = false;
            for (String path : entry.paths()) {
                lastTouched.put(path, entry.time());
                changes.merge(path, 1, Integer::sum);
                authors.computeIfAbsent(path, p -> new HashSet<>()).add(author);
            }
            authorCommits.merge(author, 1, Integer::sum);
        }
        return result;
    }
}
