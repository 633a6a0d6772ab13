package dev.vcai.git;

import java.time.Instant;
import java.util.List;

/** A commit of the history around a range, by name only: who, when, which paths it touched, and its subject line. */
public record HistoryEntry(String id, String authorEmail, Instant time, List<String> paths, String subject) {
    public HistoryEntry {
        paths = List.copyOf(paths);
    }
}
