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
    private static final Pattern VERSION = Pattern.compile("\\bv?\\d+\\.\\d+(\\.[\\dx]+)?\\b");
    private static final Pattern DEPENDENCY_UPDATE = Pattern.compile(
            "(?i)\\b(update|bump|upgrade|pin|lock)s?\\b.*\\b(dependenc|deps?\\b|to v?\\d|from v?\\d|digest|lock ?file|monorepo)"
                    + "|\\brelock|\\bdependenc(y|ies)\\b");
    private static final Pattern ISSUE_REFERENCE = Pattern.compile("(?i)\\b(fix(es|ed)?|close[sd]?|resolve[sd]?)\\s*:?\\s*(#\\d|https?://\\S*/issues/)");

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
            // The stem as well, so that "crashes", "crashed" and "crash" meet across teams' habits.
            String stem = stem(subjectWords.get(i));
            if (!stem.equals(subjectWords.get(i))) {
                subjectBag.put("ss:" + stem, 1f);
            }
            if (i + 1 < subjectWords.size()) {
                subjectBag.put("s2:" + subjectWords.get(i) + "_" + subjectWords.get(i + 1), 1f);
            }
        }
        if (!subjectWords.isEmpty()) {
            subjectBag.put("s1:" + subjectWords.get(0), 1f);
        }
        addNormalised(out, subjectBag);
        subjectShape(subject, subjectWords, commit.body(), out);

        String body = TRAILER.matcher(commit.body()).replaceAll("");
        addNormalised(out, bag("b:", words(body.length() > MAX_BODY_CHARS ? body.substring(0, MAX_BODY_CHARS) : body)));

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
        if (!subjectWords.isEmpty() && !commit.files().isEmpty()) {
            // The subject read together with what it acts on: "update" of docs is documentation, of a lockfile a build.
            String kind = dominantKind(commit.files()).id();
            out.put("vk:" + stem(subjectWords.get(0)) + "_" + kind, 1f);
            Map<String, Float> wordKinds = new TreeMap<>();
            for (String word : subjectWords) {
                wordKinds.put("sk:" + stem(word) + "_" + kind, 1f);
            }
            addNormalised(out, wordKinds);
        }
        return out;
    }

    /** The kind of file that holds most of the changed lines (most files when no line changed). */
    private static FileKind dominantKind(List<ChangedFile> files) {
        Map<FileKind, Integer> lines = new EnumMap<>(FileKind.class);
        Map<FileKind, Integer> count = new EnumMap<>(FileKind.class);
        for (ChangedFile file : files) {
            lines.merge(file.kind(), Math.max(file.churn(), 0), Integer::sum);
            count.merge(file.kind(), 1, Integer::sum);
        }
        FileKind best = null;
        for (FileKind kind : count.keySet()) {
            if (best == null || lines.get(kind) > lines.get(best)
                    || (lines.get(kind).equals(lines.get(best)) && count.get(kind) > count.get(best))) {
                best = kind;
            }
        }
        return best;
    }

    /**
     * The subject's leading verb reduced to a crude stem ("fixes", "fixed", "fixing" all give "fix") and its object,
     * and a few cues of its form: a version number, a dependency update, code in backticks, a reference to an issue.
     */
    private static void subjectShape(String subject, List<String> subjectWords, String body, Map<String, Float> out) {
        if (!subjectWords.isEmpty()) {
            String verb = stem(subjectWords.get(0));
            out.put("v:" + verb, 1f);
            if (subjectWords.size() > 1) {
                out.put("vo:" + verb + "_" + stem(subjectWords.get(1)), 1f);
            }
        }
        out.put("sw:" + bucket(subjectWords.size(), 1, 2, 3, 5, 8, 12), 1f);
        if (VERSION.matcher(subject).find()) {
            out.put("s#version", 1f);
        }
        if (DEPENDENCY_UPDATE.matcher(subject).find()) {
            out.put("s#depupdate", 1f);
        }
        if (subject.indexOf('`') >= 0) {
            out.put("s#code", 1f);
        }
        if (ISSUE_REFERENCE.matcher(subject).find() || ISSUE_REFERENCE.matcher(body).find()) {
            out.put("s#fixref", 1f);
        }
        if (body.isBlank()) {
            out.put("nobody", 1f);
        }
    }

    /** A crude English stem: plural and tense endings and a final e removed, so that verb forms meet. */
    static String stem(String word) {
        String w = word;
        if (w.length() > 4 && w.endsWith("ing")) {
            w = w.substring(0, w.length() - 3);
        } else if (w.length() > 3 && w.endsWith("ied")) {
            w = w.substring(0, w.length() - 3) + "y";
        } else if (w.length() > 3 && w.endsWith("ies")) {
            w = w.substring(0, w.length() - 3) + "y";
        } else if (w.length() > 3 && w.endsWith("ed")) {
            w = w.substring(0, w.length() - 2);
        } else if (w.length() > 3 && (w.endsWith("ses") || w.endsWith("xes") || w.endsWith("ches") || w.endsWith("shes") || w.endsWith("zes"))) {
            w = w.substring(0, w.length() - 2);
        } else if (w.length() > 3 && w.endsWith("s") && !w.endsWith("ss") && !w.endsWith("us") && !w.endsWith("is")) {
            w = w.substring(0, w.length() - 1);
        }
        if (w.length() > 3 && w.endsWith("e")) {
            w = w.substring(0, w.length() - 1);
        }
        return w;
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
        Map<String, Float> kindStatus = new TreeMap<>();
        Map<String, Float> areas = new TreeMap<>();
        int pureRenames = 0;
        for (ChangedFile file : files) {
            kindStatus.merge("ks:" + file.kind().id() + "_" + file.status(), 1f / n, Float::sum);
            String area = area(file.path());
            if (area != null) {
                areas.put("area:" + area, 1f);
            }
            if (file.status() == 'R' && file.churn() == 0) {
                pureRenames++;
            }
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
        out.putAll(kindStatus);
        out.putAll(areas);
        if (pureRenames == n) {
            out.put("pure_renames", 1f);
        }
        boolean code = kinds.containsKey(FileKind.SOURCE);
        boolean tests = kinds.containsKey(FileKind.TEST);
        out.put("code_tests:" + (code ? "c" : "-") + (tests ? "t" : "-"), 1f);
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

    /** A coarse area of the repository a path lies in, from directory and file names alone; null when none. */
    private static String area(String path) {
        String lower = path.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".d.ts")) {
            return "typings";
        }
        String dirs = "/" + lower.substring(0, lower.lastIndexOf('/') + 1);
        for (String area : AREAS) {
            if (dirs.contains("/" + area + "/")) {
                return area;
            }
        }
        return null;
    }

    private static final List<String> AREAS = List.of("examples", "example", "samples", "playground", "benchmarks",
            "benchmark", "bench", "scripts", "i18n", "locales", "locale", "translations", "templates", "template",
            "migrations", "types", "internal", "cmd", "ui", "frontend", "api", "cli", "vendor", "third_party", ".github");

    private static void patch(String sample, Map<String, Float> out) {
        Map<String, Float> added = new TreeMap<>();
        Map<String, Float> deleted = new TreeMap<>();
        int[] cues = new int[7];
        Hunks hunks = new Hunks();
        boolean inHunk = false;
        for (String line : sample.split("\n")) {
            if (line.startsWith("diff --git")) {
                inHunk = false;
                hunks.close();
            } else if (line.startsWith("@@")) {
                inHunk = true;
                hunks.close();
            } else if (inHunk && line.startsWith("+")) {
                count(added, "d+:", line.substring(1));
                lineCues(line, true, cues);
                hunks.line(line, true);
            } else if (inHunk && line.startsWith("-")) {
                count(deleted, "d-:", line.substring(1));
                lineCues(line, false, cues);
                hunks.line(line, false);
            }
        }
        hunks.close();
        hunks.features(out);
        int changed = cues[0] + cues[1];
        if (changed > 0) {
            out.put("dl:comment", (float) cues[2] / changed);
            out.put("dl:version", (float) cues[3] / changed);
            out.put("dl:import", (float) cues[4] / changed);
            out.put("dl:blank", (float) cues[5] / changed);
            out.put("dl:test", (float) cues[6] / changed);
            if (cues[2] == changed) {
                out.put("dl:only_comments", 1f);
            }
            if (cues[3] > 0 && cues[3] * 2 >= changed) {
                out.put("dl:mostly_versions", 1f);
            }
            if (cues[0] == 0) {
                out.put("dl:no_added", 1f);
            } else if (cues[1] == 0) {
                out.put("dl:no_deleted", 1f);
            }
        }
        addNormalised(out, logScaled(added));
        addNormalised(out, logScaled(deleted));
    }

    /**
     * Counts, for one changed line: [0] added, [1] deleted, [2] comment, [3] version pin, [4] import, [5] blank,
     * [6] test assertion or test declaration.
     */
    private static void lineCues(String line, boolean add, int[] cues) {
        cues[add ? 0 : 1]++;
        String t = line.substring(1).strip();
        if (t.isEmpty()) {
            cues[5]++;
            return;
        }
        if (t.startsWith("//") || t.startsWith("#") || t.startsWith("/*") || t.startsWith("*") || t.startsWith("<!--")
                || t.startsWith("\"\"\"") || t.startsWith("--")) {
            cues[2]++;
        }
        if (isVersionLine(t)) {
            cues[3]++;
        }
        if (t.startsWith("import ") || t.startsWith("from ") || t.startsWith("use ") || t.startsWith("package ")
                || t.startsWith("require ") || t.contains("require(")) {
            cues[4]++;
        }
        if (t.startsWith("assert") || t.startsWith("expect(") || t.startsWith("it(") || t.startsWith("test(")
                || t.startsWith("describe(") || t.startsWith("@Test") || t.startsWith("def test_") || t.startsWith("func Test")
                || t.startsWith("#[test]")) {
            cues[6]++;
        }
    }

    /**
     * The shape of the patch sample's hunks: new code written beside the old (hunks of added lines only, new
     * declarations) reads as a feature, a few lines changed in place (hunks with both added and deleted lines, new
     * conditions) as a fix, declarations deleted and added alike as a refactoring.
     */
    private static final class Hunks {
        private int total;
        private int pureAdded;
        private int pureDeleted;
        private int mixed;
        private int added;
        private int deleted;
        private int declarationsAdded;
        private int declarationsDeleted;
        private int guardsAdded;

        void line(String line, boolean add) {
            String text = line.substring(1).strip();
            boolean declaration = isDeclaration(text);
            if (add) {
                added++;
                declarationsAdded += declaration ? 1 : 0;
                guardsAdded += isGuard(text) ? 1 : 0;
            } else {
                deleted++;
                declarationsDeleted += declaration ? 1 : 0;
            }
        }

        void close() {
            if (added + deleted > 0) {
                total++;
                if (deleted == 0) {
                    pureAdded++;
                } else if (added == 0) {
                    pureDeleted++;
                } else {
                    mixed++;
                }
            }
            added = 0;
            deleted = 0;
        }

        void features(Map<String, Float> out) {
            if (total == 0) {
                return;
            }
            out.put("h:" + bucket(total, 1, 2, 4, 8, 16), 1f);
            out.put("h:pure_added", (float) pureAdded / total);
            out.put("h:pure_deleted", (float) pureDeleted / total);
            out.put("h:mixed", (float) mixed / total);
            out.put("decl+:" + bucket(declarationsAdded, 0, 1, 3, 8), 1f);
            out.put("decl-:" + bucket(declarationsDeleted, 0, 1, 3, 8), 1f);
            out.put("guard+:" + bucket(guardsAdded, 0, 1, 3), 1f);
        }
    }

    /*
     * The line cues are asked of every changed line of every sample, and matching a pattern with alternatives at
     * every position of a line was close to half of the features' time. Each predicate below answers exactly what the
     * pattern's find() would (FeaturesTest checks them against it on the data set's lines): alternatives anchored
     * at the line's start are tried there only, literal ones are searched as strings, and the version pattern is
     * run only on the lines that could match it.
     */

    /** Every alternative starts at the line's start. */
    private static final Pattern DECLARATION = Pattern.compile(
            "^(export\\s+)?(default\\s+)?((public|private|protected|internal|static|abstract|final|async|override|pub(\\([a-z]+\\))?)\\s+)*"
                    + "(def|func|fn|function|class|interface|enum|struct|trait|impl|record)\\b"
                    + "|^(public|private|protected)\\s+[\\w<>\\[\\],. ?]+\\s+\\w+\\s*\\(");
    /** A guard is a line that starts with a branch keyword or holds one of the null checks. */
    private static final Pattern GUARD_START = Pattern.compile("(\\}\\s*)?(if|else|elif|unless|guard|try|catch|except|finally)\\b");
    private static final List<String> NULL_CHECKS = List.of("?.", "??", "!= null", "!== undefined", "=== undefined", "is None",
            "is not None", "== nil", "!= nil", ".is_none(", ".is_some(");
    /** All alternatives but {@code <version>}, {@code ^version} and {@code @sha256:} need a digit or 40 hex letters. */
    private static final Pattern VERSION_LINE = Pattern.compile(
            "[\"'=:@ ]\\s*[\\^~>=v]*\\d+\\.\\d+\\.\\d+|<version>|^version\\s*[=:]|\\bv\\d+\\.\\d+\\.\\d+|@sha256:|\\b[0-9a-f]{40}\\b");
    private static final int HEX_ID = 40;

    static boolean isDeclaration(String line) {
        return DECLARATION.matcher(line).lookingAt();
    }

    static boolean isGuard(String line) {
        if (GUARD_START.matcher(line).lookingAt()) {
            return true;
        }
        for (String check : NULL_CHECKS) {
            if (line.contains(check)) {
                return true;
            }
        }
        return false;
    }

    static boolean isVersionLine(String line) {
        boolean digit = false;
        int hexRun = 0;
        int longestHexRun = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            digit |= c >= '0' && c <= '9';
            hexRun = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ? hexRun + 1 : 0;
            longestHexRun = Math.max(longestHexRun, hexRun);
        }
        if (!digit && longestHexRun < HEX_ID && !line.contains("version") && !line.contains("@sha256:")) {
            return false;
        }
        return VERSION_LINE.matcher(line).find();
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

    /** Which words occur, each once. */
    private static Map<String, Float> bag(String prefix, List<String> words) {
        Map<String, Float> bag = new TreeMap<>();
        for (String word : words) {
            bag.put(prefix + word, 1f);
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
