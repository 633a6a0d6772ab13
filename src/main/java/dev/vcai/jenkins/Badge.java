package dev.vcai.jenkins;

import dev.vcai.policy.Verdict;

/**
 * The badge a build shows in the build history: a short text, an icon and a tooltip.
 *
 * @param icon a Jenkins core symbol ({@code symbol-check}), so the badge looks native in every theme
 */
public record Badge(String text, String icon, String tooltip) {
    public static Badge of(JenkinsResult result) {
        if (!result.analysed()) {
            return new Badge("vcai error", "symbol-error", "vcai could not analyse this build: " + result.error());
        }
        return new Badge(result.verdict().name(), icon(result.verdict()), "vcai: " + result.summary().text());
    }

    private static String icon(Verdict verdict) {
        return switch (verdict) {
            case APPROVED -> "symbol-check";
            case CONDITIONAL -> "symbol-warning";
            case REJECTED -> "symbol-close-circle";
            case BLOCKED -> "symbol-lock-closed";
        };
    }
}
