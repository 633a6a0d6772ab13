package dev.vcai.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** The dates --since and --until take, in the forms a pipeline passes them (git log's, date's). */
class DateBoundsTest {
    @Test
    void epochSecondsAsGitWritesThem() {
        assertEquals(Instant.ofEpochSecond(1700000000), DateBounds.date("@1700000000"));
    }

    @Test
    void iso8601WithAndWithoutOffsetSecondsOrT() {
        Instant noon = Instant.parse("2024-06-30T10:00:00Z");
        assertEquals(noon, DateBounds.date("2024-06-30T12:00:00+02:00"), "date -Iseconds, git's %cI");
        assertEquals(noon, DateBounds.date("2024-06-30T12:00:00+0200"));
        assertEquals(noon, DateBounds.date("2024-06-30T10:00:00Z"));
        assertEquals(Instant.parse("2024-06-30T10:00:00.500Z"), DateBounds.date("2024-06-30T10:00:00.5Z"));
        Instant local = LocalDateTime.parse("2024-06-30T12:00").atZone(ZoneId.systemDefault()).toInstant();
        assertEquals(local, DateBounds.date("2024-06-30 12:00"), "local time, as git reads it");
        assertEquals(local, DateBounds.date("2024-06-30T12:00:00"));
    }

    @Test
    void jgitsFormsStillWork() {
        assertEquals(LocalDateTime.parse("2024-01-31T00:00").atZone(ZoneId.systemDefault()).toInstant(), DateBounds.date("2024-01-31"));
        long hours = java.time.Duration.between(DateBounds.date("2 weeks ago"), Instant.now()).toHours();
        org.junit.jupiter.api.Assertions.assertTrue(hours >= 14 * 24 - 1 && hours <= 14 * 24 + 1, hours + " hours (a daylight-saving change moves it by one)");
    }

    @Test
    void anUnreadableDateIsAUsageError() {
        Failure failure = assertThrows(Failure.class, () -> DateBounds.date("the day after never"));
        assertEquals(ExitCode.USAGE, failure.exitCode());
        assertThrows(Failure.class, () -> DateBounds.date("2024-13-45T99:99"));
    }
}
