package dev.vcai.hooks;

import dev.vcai.pipeline.CommitAnalysis;
import java.io.PrintWriter;
import java.util.List;

/** The report a pusher reads as {@code remote:} lines: compact, under 80 columns with git's prefix. */
final class PushMessages {
    /** git prefixes every line with "remote: " (8 columns). */
    static final int WIDTH = 71;

    private PushMessages() {
    }

    static void print(PrintWriter out, List<RefResult> results, Push push) {
        for (RefResult result : results) {
            String ref = shorten(result.change().ref(), 40);
            if (result.analysis() == null && !result.refused() && !result.overridden()) {
                line(out, "vcai: " + ref + ": " + result.reason());
                continue;
            }
            if (result.analysis() != null) {
                int commits = result.analysis().commits().size();
                line(out, "vcai: " + ref + ": " + commits + (commits == 1 ? " new commit" : " new commits"));
                for (CommitAnalysis c : result.analysis().commits()) {
                    String head = String.format("  %s %-13s %-10s %-7s %-11s ", c.facts().shortId().substring(0, 8),
                            c.prediction().type().id(), c.risk().level().id() + " " + c.risk().score(),
                            c.blastRadius().computed() ? c.blastRadius().score() + "/100" : "n/a", c.decision().verdict().name());
                    line(out, head + c.facts().subject());
                }
                for (String warning : result.analysis().warnings()) {
                    line(out, "vcai: warning: " + warning);
                }
            }
            if (result.dropped() > 0) {
                line(out, "vcai: warning: forced update drops " + result.dropped() + " commit(s) from " + ref);
            }
            String verdict = "vcai: " + ref + ": " + result.verdict().name() + (result.reason().isEmpty() ? "" : ": " + result.reason());
            if (result.overridden()) {
                line(out, verdict);
                line(out, "vcai: overridden by " + push.pusher() + ": " + push.overrideReason());
            } else if (result.refused()) {
                line(out, (push.gitlab() ? "GL-HOOK-ERR: " : "") + verdict);
                if (push.overrideReason() != null) {
                    line(out, "vcai: override not allowed on this ref by the policy");
                }
            } else {
                line(out, verdict);
            }
        }
        out.flush();
    }

    static void line(PrintWriter out, String text) {
        String flat = text.replace('\n', ' ').replace('\r', ' ');
        out.println(flat.length() > WIDTH ? flat.substring(0, WIDTH - 3) + "..." : flat);
    }

    private static String shorten(String ref, int width) {
        String name = ref.startsWith("refs/heads/") ? ref.substring("refs/heads/".length()) : ref;
        return name.length() > width ? name.substring(0, width - 3) + "..." : name;
    }
}
