package dev.vcai.impact;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Which paths the graph leaves out (generated and vendored code). A pattern without a slash names a directory
 * anywhere in the tree ({@code node_modules}, {@code *.egg-info}); one with a slash is a path prefix from the root
 * ({@code src/generated/}); {@code *} matches within one path segment.
 */
final class Ignore {
    private final Set<String> directoryNames;
    private final List<Pattern> anyDirectory;
    private final List<Pattern> prefixes;

    Ignore(List<String> patterns) {
        // Plain names (most of them) are looked up, not matched: every directory of every tree moved through is asked about.
        this.directoryNames = patterns.stream().filter(p -> !p.contains("/") && !p.contains("*")).collect(Collectors.toSet());
        this.anyDirectory = patterns.stream().filter(p -> !p.contains("/") && p.contains("*")).map(Ignore::glob).toList();
        this.prefixes = patterns.stream().filter(p -> p.contains("/")).map(p -> glob(p.replaceFirst("/+$", ""))).toList();
    }

    /** Whether a directory (its path from the root) is left out, with everything under it. */
    boolean ignoresDirectory(String dir) {
        String name = dir.substring(dir.lastIndexOf('/') + 1);
        if (directoryNames.contains(name)) {
            return true;
        }
        for (Pattern p : anyDirectory) {
            if (p.matcher(name).matches()) {
                return true;
            }
        }
        for (Pattern p : prefixes) {
            if (p.matcher(dir).matches()) {
                return true;
            }
        }
        return false;
    }

    /** Whether a file is left out: a directory holding it is. */
    boolean ignores(String path) {
        for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
            if (ignoresDirectory(path.substring(0, slash))) {
                return true;
            }
        }
        return false;
    }

    private static Pattern glob(String glob) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                regex.append(".*");
                i++;
            } else if (c == '*') {
                regex.append("[^/]*");
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }
}
