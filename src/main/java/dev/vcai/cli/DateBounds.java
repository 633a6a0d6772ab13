package dev.vcai.cli;

import java.text.ParseException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.util.GitTimeParser;
import picocli.CommandLine.Option;

/** git log's bounds on the committer date, under git's names, for the commands that read a range. */
final class DateBounds {
    @Option(names = {"--since", "--after"}, paramLabel = "<date>", description = "Only commits after <date> (git's formats: 2024-01-31, 2024-01-31T09:30:00+01:00, @1706690000, '2 weeks ago', yesterday).")
    String since;

    @Option(names = {"--until", "--before"}, paramLabel = "<date>", description = "Only commits before <date> (the same formats).")
    String until;

    Instant since() {
        return date(since);
    }

    Instant until() {
        return date(until);
    }

    /** ISO 8601 as {@code date -Iseconds} and {@code git log --format=%cI} write it, or with a space for the T; seconds and offset optional. */
    private static final Pattern ISO = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})[T ](\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?)(Z|[+-]\\d{2}:?\\d{2})?");

    /**
     * A date as git reads it: {@code @<seconds since 1970>}, ISO 8601 (local time unless it has an offset), and
     * JGit's forms (2024-01-31, '2 weeks ago', yesterday, RFC 2822...).
     */
    static Instant date(String text) {
        if (text == null) {
            return null;
        }
        String date = text.strip();
        try {
            if (date.matches("@\\d+")) {
                return Instant.ofEpochSecond(Long.parseLong(date.substring(1)));
            }
            Matcher iso = ISO.matcher(date);
            if (iso.matches()) {
                LocalDateTime local = LocalDateTime.parse(iso.group(1) + "T" + iso.group(2));
                String offset = iso.group(3);
                return offset == null ? local.atZone(ZoneId.systemDefault()).toInstant()
                        : local.atOffset(ZoneOffset.of(offset.equals("Z") || offset.contains(":") ? offset
                                : offset.substring(0, 3) + ":" + offset.substring(3))).toInstant();
            }
            return GitTimeParser.parseInstant(date);
        } catch (ParseException | RuntimeException e) {
            throw new Failure(ExitCode.USAGE, "cannot read the date '" + text + "'; try 2024-01-31, 2024-01-31T09:30:00+01:00, @1706690000 or '2 weeks ago'", e);
        }
    }
}
