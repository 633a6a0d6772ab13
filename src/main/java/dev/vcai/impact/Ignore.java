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
        // Plain names (most of them) are looked up, not matched: every path of every tree moved through is asked about.
        this.directoryNames = patterns.stream().filter(p -> !p.contains("/") && !p.contains("*")).collect(Collectors.toSet());
        this.anyDirectory = patterns.stream().filter(p -> !p.contains("/") && p.contains("*")).map(Ignore::glob).toList();
        this.prefixes = patterns.stream().filter(p -> p.contains("/")).map(p -> glob(p.endsWith("/") ? p + "**" : p + "/**")).toList();
    }

    boolean ignores(String path) {
        if (!anyDirectory.isEmpty() || !directoryNames.isEmpty()) {
            int start = 0;
            for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', start)) {
                String segment = path.substring(start, slash);
                if (directoryNames.contains(segment)) {
                    return true;
                }
                for (Pattern p : anyDirectory) {
                    if (p.matcher(segment).matches()) {
                        return true;
                    }
                }
                start = slash + 1;
            }
        }
        for (Pattern p : prefixes) {
            if (p.matcher(path).matches()) {
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
