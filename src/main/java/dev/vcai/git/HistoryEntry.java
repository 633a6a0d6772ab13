package dev.vcai.git;

import java.time.Instant;
import java.util.List;

/** A commit of the history around a range, by name only: who, when, and which paths it touched. */
public record HistoryEntry(String id, String authorEmail, Instant time, List<String> paths) {
    public HistoryEntry {
        paths = List.copyOf(paths);
    }
}
