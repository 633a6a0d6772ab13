package dev.vcai.policy;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Glob patterns for refs and paths: {@code *} matches within one path segment, {@code **} across segments.
 * A ref pattern without {@code refs/} matches branch names ({@code main} matches {@code refs/heads/main}).
 */
public final class RefPatterns {
    private RefPatterns() {
    }

    public static boolean matches(String pattern, String ref) {
        String name = ref;
        if (!pattern.startsWith("refs/") && ref.startsWith("refs/heads/")) {
            name = ref.substring("refs/heads/".length());
        }
        return glob(pattern).matcher(name).matches();
    }

    public static boolean matchesAny(List<String> patterns, String ref) {
        return patterns.stream().anyMatch(p -> matches(p, ref));
    }

    /** As {@link #matchesAny}, with the word {@code protected} standing for the protected branches' patterns. */
    public static boolean matchesAny(List<String> patterns, List<String> protectedBranches, String ref) {
        return patterns.stream().anyMatch(p -> p.equals("protected") ? matchesAny(protectedBranches, ref) : matches(p, ref));
    }

    /**
     * Whether a list of path globs takes a path, as a .gitignore's lines do: the last pattern that matches decides,
     * and a pattern starting with {@code !} gives back a path an earlier one took (a build tool's wrapper jar among
     * the vendored binaries).
     */
    public static boolean matchesAnyPath(List<String> patterns, String path) {
        for (int i = patterns.size() - 1; i >= 0; i--) {
            String pattern = patterns.get(i);
            boolean exception = pattern.startsWith("!");
            if (matchesPath(exception ? pattern.substring(1) : pattern, path)) {
                return !exception;
            }
        }
        return false;
    }

    /** Path globs: a pattern without a slash matches the file name in any directory, as in .gitignore. */
    static boolean matchesPath(String pattern, String path) {
        if (!pattern.contains("/")) {
            return glob(pattern).matcher(path.substring(path.lastIndexOf('/') + 1)).matches();
        }
        return glob(pattern.startsWith("/") ? pattern.substring(1) : pattern).matcher(path).matches();
    }

    /** Policies use a handful of patterns on every file of every commit: compile each once. */
    private static final Map<String, Pattern> COMPILED = new ConcurrentHashMap<>();

    static Pattern glob(String glob) {
        return COMPILED.computeIfAbsent(glob, RefPatterns::compile);
    }

    private static Pattern compile(String glob) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                boolean slash = i + 2 < glob.length() && glob.charAt(i + 2) == '/';
                regex.append(slash ? "(?:.*/)?" : ".*");
                i += slash ? 2 : 1;
            } else if (c == '*') {
                regex.append("[^/]*");
            } else if (c == '?') {
                regex.append("[^/]");
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }
}
