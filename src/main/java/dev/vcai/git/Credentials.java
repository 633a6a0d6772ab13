package dev.vcai.git;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Well-known credential signatures (private keys, cloud and forge tokens) on added lines. Checked while the
 * patch streams by, because the patch is not kept whole.
 */
final class Credentials {
    private static final Pattern SIGNATURES = Pattern.compile(
            "-----BEGIN (?:[A-Z]+ )*PRIVATE KEY-----"
                    + "|\\bAKIA[0-9A-Z]{16}\\b"
                    + "|\\bgh[pousr]_[A-Za-z0-9]{36}\\b|\\bgithub_pat_[A-Za-z0-9_]{22,}"
                    + "|\\bglpat-[A-Za-z0-9_-]{20}\\b"
                    + "|\\bxox[baprs]-[A-Za-z0-9-]{10,}"
                    + "|\\bAIza[0-9A-Za-z_-]{35}\\b");

    /** How much of an added line is searched: the bytes after its sign that {@link PatchCounter} keeps of a line. */
    static final int LINE_BYTES = 511;

    private Credentials() {
    }

    /**
     * Whether an added line, given as its bytes without the sign, holds a credential in its first {@link #LINE_BYTES}
     * bytes (read as ISO-8859-1: the signatures are ASCII), however the line's file is counted.
     */
    static boolean foundInLine(byte[] bytes, int offset, int length) {
        return found(new String(bytes, offset, Math.min(length, LINE_BYTES), StandardCharsets.ISO_8859_1));
    }

    /** A cheap test first: most lines hold none of the fixed parts of the signatures. */
    static boolean found(String line) {
        if (line.indexOf("PRIVATE KEY") < 0 && line.indexOf("AKIA") < 0 && !githubPrefix(line) && line.indexOf("glpat-") < 0
                && line.indexOf("xox") < 0 && line.indexOf("AIza") < 0) {
            return false;
        }
        return SIGNATURES.matcher(line).find();
    }

    /**
     * Whether the line holds a GitHub token's prefix ({@code ghp_} and its kin, {@code github_pat_}): "gh" alone is in
     * every other English line (high, through, might), and each of those ran the whole pattern, while a fine-grained
     * token ({@code github_pat_}, no "gh" in it) was looked for only when its random part happened to hold one.
     */
    private static boolean githubPrefix(String line) {
        for (int at = line.indexOf("gh"); at >= 0; at = line.indexOf("gh", at + 2)) {
            if (at + 3 < line.length() && "pousr".indexOf(line.charAt(at + 2)) >= 0 && line.charAt(at + 3) == '_') {
                return true;
            }
        }
        return line.contains("github_pat_");
    }
}
