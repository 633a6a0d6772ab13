package dev.vcai.analysis;

import java.util.Locale;

/** Who wrote a commit, as far as evaluation cares: a person or a bot. */
public final class Authors {
    private Authors() {
    }

    /** The dataset's rule: renovate, dependabot, github-actions, release-please or "[bot]" in the name or e-mail. */
    public static boolean isBot(String name, String email) {
        String text = ((name == null ? "" : name) + " " + (email == null ? "" : email)).toLowerCase(Locale.ROOT);
        return text.contains("[bot]") || text.contains("renovate") || text.contains("dependabot")
                || text.contains("github-actions") || text.contains("release-please");
    }
}
