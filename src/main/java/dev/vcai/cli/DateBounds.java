package dev.vcai.cli;

import java.text.ParseException;
import java.time.Instant;
import org.eclipse.jgit.util.GitTimeParser;
import picocli.CommandLine.Option;

/** git log's bounds on the committer date, under git's names, for the commands that read a range. */
final class DateBounds {
    @Option(names = {"--since", "--after"}, paramLabel = "<date>", description = "Only commits after <date> (git's formats: 2024-01-31, '2 weeks ago', yesterday).")
    String since;

    @Option(names = {"--until", "--before"}, paramLabel = "<date>", description = "Only commits before <date> (the same formats).")
    String until;

    Instant since() {
        return date(since);
    }

    Instant until() {
        return date(until);
    }

    private static Instant date(String text) {
        if (text == null) {
            return null;
        }
        try {
            return GitTimeParser.parseInstant(text);
        } catch (ParseException | RuntimeException e) {
            throw new Failure(ExitCode.USAGE, "cannot read the date '" + text + "'; try 2024-01-31 or '2 weeks ago'", e);
        }
    }
}
