package dev.vcai.analysis;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The change-type model's input: named features of a commit. The one place they are computed, for training and
 * at run time alike.
 *
 * <p>The Conventional Commits prefix is never read: the subject is taken without it. Text groups (subject, body,
 * paths, added and deleted lines of the patch sample) are bags of words, each group scaled to unit length so that
 * a long diff does not drown a short subject. The shape of the change (kinds of files, statuses, sizes) is given
 * as fractions and buckets, which transfer across repositories better than vocabulary does.
 */
public final class Features {
    private static final Pattern TRAILER = Pattern.compile("(?m)^[A-Za-z][A-Za-z-]*-by:.*$|^Change-Id:.*$|^\\(cherry picked from.*$");
    private static final int MAX_BODY_CHARS = 2000;
    private static final int MAX_TOKEN = 30;

    private Features() {
    }

    /** A commit's features, by name. Values are finite and most are between 0 and 1. */
    public static Map<String, Float> of(CommitFacts commit) {
        Map<String, Float> out = new LinkedHashMap<>();
        String subject = commit.subjectWithoutPrefix();
        List<String> subjectWords = words(subject);
        Map<String, Float> subjectBag = new TreeMap<>();
        for (int i = 0; i < subjectWords.size(); i++) {
            subjectBag.put("s:" + subjectWords.get(i), 1f);
            if (i + 1 < subjectWords.size()) {
                subjectBag.put("s2:" + subjectWords.get(i) + "_" + subjectWords.get(i + 1), 1f);
            }
        }
        if (!subjectWords.isEmpty()) {
            subjectBag.put("s1:" + subjectWords.get(0), 1f);
        }
        addNormalised(out, subjectBag);

        String body = TRAILER.matcher(commit.body()).replaceAll("");
        addNormalised(out, bag("b:", words(body.length() > MAX_BODY_CHARS ? body.substring(0, MAX_BODY_CHARS) : body), false));

        Map<String, Float> pathBag = new TreeMap<>();
        for (ChangedFile file : commit.files()) {
            for (String token : words(file.path())) {
                pathBag.put("p:" + token, 1f);
            }
            String name = file.path().substring(file.path().lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
            int dot = name.lastIndexOf('.');
            if (dot > 0) {
                pathBag.put("x:" + name.substring(dot + 1), 1f);
            }
        }
        addNormalised(out, pathBag);

        shape(commit, out);
        patch(commit.patchSample(), out);
        return out;
    }

    private static void shape(CommitFacts commit, Map<String, Float> out) {
        List<ChangedFile> files = commit.files();
        int n = files.size();
        out.put("nf:" + bucket(n, 0, 1, 2, 5, 10, 30), 1f);
        if (n == 0) {
            out.put("empty", 1f);
            return;
        }
        Map<FileKind, Integer> kinds = new EnumMap<>(FileKind.class);
        Map<FileKind, Integer> kindLines = new EnumMap<>(FileKind.class);
        Map<Character, Integer> statuses = new TreeMap<>();
        int lines = 0;
        int binary = 0;
        for (ChangedFile file : files) {
            kinds.merge(file.kind(), 1, Integer::sum);
            kindLines.merge(file.kind(), file.churn(), Integer::sum);
            statuses.merge(file.status(), 1, Integer::sum);
            lines += file.churn();
            binary += file.binary() ? 1 : 0;
        }
        for (Map.Entry<FileKind, Integer> kind : kinds.entrySet()) {
            String id = kind.getKey().id();
            out.put("k:" + id, (float) kind.getValue() / n);
            if (lines > 0) {
                out.put("kl:" + id, (float) kindLines.get(kind.getKey()) / lines);
            }
            if (kind.getValue() == n) {
                out.put("konly:" + id, 1f);
            }
        }
        if (kinds.size() == 2) {
            List<String> pair = new ArrayList<>();
            kinds.keySet().forEach(k -> pair.add(k.id()));
            out.put("kpair:" + pair.get(0) + "+" + pair.get(1), 1f);
        }
        for (Map.Entry<Character, Integer> status : statuses.entrySet()) {
            out.put("st:" + status.getKey(), (float) status.getValue() / n);
            if (status.getValue() == n) {
                out.put("stonly:" + status.getKey(), 1f);
            }
        }
        if (binary > 0) {
            out.put("binary", (float) binary / n);
        }
        ChangeMetrics m = commit.metrics();
        out.put("la:" + bucket(m.linesAdded(), 0, 0, 5, 20, 100, 500), 1f);
        out.put("ld:" + bucket(m.linesDeleted(), 0, 0, 5, 20, 100, 500), 1f);
        if (m.churn() > 0) {
            double share = (double) m.linesAdded() / m.churn();
            out.put("add_share", (float) share);
            out.put("addsh:" + (share == 0 ? "0" : share < 0.25 ? "lt25" : share < 0.5 ? "lt50" : share < 0.75 ? "lt75" : share < 1 ? "lt100" : "100"), 1f);
        }
        out.put("subsys:" + bucket(m.subsystems(), 0, 1, 2, 3, 5, 10), 1f);
        out.put("entropy", (float) m.entropy());
        if (commit.isMerge()) {
            out.put("merge", 1f);
        }
    }

    private static void patch(String sample, Map<String, Float> out) {
        Map<String, Float> added = new TreeMap<>();
        Map<String, Float> deleted = new TreeMap<>();
        boolean inHunk = false;
        for (String line : sample.split("\n")) {
            if (line.startsWith("diff --git")) {
                inHunk = false;
            } else if (line.startsWith("@@")) {
                inHunk = true;
            } else if (inHunk && line.startsWith("+")) {
                count(added, "d+:", line.substring(1));
            } else if (inHunk && line.startsWith("-")) {
                count(deleted, "d-:", line.substring(1));
            }
        }
        addNormalised(out, logScaled(added));
        addNormalised(out, logScaled(deleted));
    }

    private static void count(Map<String, Float> bag, String prefix, String line) {
        for (String word : words(line)) {
            bag.merge(prefix + word, 1f, Float::sum);
        }
    }

    private static Map<String, Float> logScaled(Map<String, Float> counts) {
        counts.replaceAll((k, v) -> (float) Math.log1p(v));
        return counts;
    }

    private static Map<String, Float> bag(String prefix, List<String> words, boolean counted) {
        Map<String, Float> bag = new TreeMap<>();
        for (String word : words) {
            bag.merge(prefix + word, 1f, counted ? Float::sum : (a, b) -> a);
        }
        return bag;
    }

    private static void addNormalised(Map<String, Float> out, Map<String, Float> group) {
        double norm = 0;
        for (float v : group.values()) {
            norm += v * v;
        }
        if (norm == 0) {
            return;
        }
        float scale = (float) (1 / Math.sqrt(norm));
        group.forEach((k, v) -> out.put(k, v * scale));
    }

    private static String bucket(int value, int... upperBounds) {
        for (int bound : upperBounds) {
            if (value <= bound) {
                return "le" + bound;
            }
        }
        return "gt" + upperBounds[upperBounds.length - 1];
    }

    /**
     * Lower-case words of a text: split on anything that is not a letter or digit and at camelCase humps;
     * numbers, single letters and very long tokens (hashes, base64) are dropped.
     */
    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        int length = text.length();
        int start = -1;
        for (int i = 0; i <= length; i++) {
            char c = i < length ? text.charAt(i) : ' ';
            boolean part = Character.isLetterOrDigit(c);
            boolean hump = part && start >= 0 && Character.isUpperCase(c) && i > start
                    && Character.isLowerCase(text.charAt(i - 1));
            if ((!part || hump) && start >= 0) {
                addWord(words, text, start, i);
                start = -1;
            }
            if (part && start < 0) {
                start = i;
            }
        }
        return words;
    }

    private static void addWord(List<String> words, String text, int start, int end) {
        int length = end - start;
        if (length < 2 || length > MAX_TOKEN) {
            return;
        }
        boolean letter = false;
        for (int i = start; i < end; i++) {
            if (Character.isLetter(text.charAt(i))) {
                letter = true;
                break;
            }
        }
        if (letter) {
            words.add(text.substring(start, end).toLowerCase(Locale.ROOT));
        }
    }
}
