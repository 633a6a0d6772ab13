package dev.vcai.git;

import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import org.eclipse.jgit.util.IntList;

/**
 * Tests written inside source files, beside the code they test: Rust's {@code #[cfg(test)]} modules and
 * {@code #[test]} functions (also {@code #[tokio::test]}, {@code #[rstest]}, {@code #[test_case(...)]}). A commit
 * that changes such lines changed tests, though no test file changed: on ripgrep's and axum's last 1,000 commits,
 * 67 and 126 of the commits flagged as code without tests had changed tests this way.
 */
final class InlineTests {
    private static final byte[] CFG_TEST = "#[cfg(test)]".getBytes(StandardCharsets.US_ASCII);

    private InlineTests() {
    }

    /** Whether files at this path can hold tests among their code. */
    static boolean possibleIn(String path) {
        return path.endsWith(".rs");
    }

    /** Whether a line's bytes (without a diff's sign) are a test attribute: leading blanks, "#[", a test's name. */
    static boolean marksTest(byte[] line, int from, int to) {
        int i = from;
        while (i < to && (line[i] == ' ' || line[i] == '\t')) {
            i++;
        }
        if (i + 1 >= to || line[i] != '#' || line[i + 1] != '[') {
            return false;
        }
        if (startsWith(line, i, to, CFG_TEST)) {
            return true;
        }
        i += 2;
        // The attribute's path: its last segment names the kind of test (tokio::test, test_log::test, rstest).
        int segment = i;
        while (i < to && (Character.isLetterOrDigit(line[i]) || line[i] == '_' || line[i] == ':')) {
            if (line[i] == ':') {
                segment = i + 1;
            }
            i++;
        }
        if (i == to || line[i] != ']' && line[i] != '(') {
            return false;
        }
        String name = new String(line, segment, i - segment, StandardCharsets.US_ASCII);
        return name.equals("test") || name.equals("rstest") || name.equals("test_case");
    }

    /**
     * Whether one of a version's changed lines (0-based, ascending) lies in an item only a test build compiles. The
     * file is read through only when a change reaches past its first {@code #[cfg(test)]}: test modules close most
     * files, and most changes are to the code above them.
     */
    static boolean anyInTestItems(byte[] text, IntList changedLines) {
        if (changedLines.size() == 0) {
            return false;
        }
        int first = indexOf(text, CFG_TEST);
        if (first < 0 || changedLines.get(changedLines.size() - 1) < lineOf(text, first)) {
            return false;
        }
        BitSet tests = testLines(text);
        for (int k = 0; k < changedLines.size(); k++) {
            if (tests.get(changedLines.get(k))) {
                return true;
            }
        }
        return false;
    }

    private static int lineOf(byte[] text, int offset) {
        int line = 0;
        for (int i = 0; i < offset; i++) {
            if (text[i] == '\n') {
                line++;
            }
        }
        return line;
    }

    /**
     * The lines (0-based) of a Rust file that only a test build compiles: each {@code #[cfg(test)]} and the item it
     * marks, a module, function or impl up to its closing brace, a {@code use} up to its semicolon. Read with Rust's
     * comments (nested), strings (raw ones too) and character literals, so that a brace in them is no brace.
     */
    static BitSet testLines(byte[] text) {
        return indexOf(text, CFG_TEST) < 0 ? new BitSet() : new Scanner(text).run();
    }

    private static final class Scanner {
        private final byte[] text;
        private final BitSet lines = new BitSet();
        private int i;
        private int line;
        private int braces;
        private int brackets;
        /** The line of the #[cfg(test)] whose item is being read, or -1. */
        private int itemStart = -1;
        /** The brace depth inside the item's body, or -1 before its opening brace. */
        private int itemBody = -1;

        Scanner(byte[] text) {
            this.text = text;
        }

        BitSet run() {
            while (i < text.length) {
                byte c = text[i];
                if (c == '\n') {
                    line++;
                    i++;
                } else if (c == '/' && at(i + 1) == '/') {
                    while (i < text.length && text[i] != '\n') {
                        i++;
                    }
                } else if (c == '/' && at(i + 1) == '*') {
                    blockComment();
                } else if (c == '"') {
                    string();
                } else if (c == 'r' && rawStringStart()) {
                    rawString();
                } else if (c == '\'') {
                    quote();
                } else if (c == '#' && itemStart < 0 && startsWith(text, i, text.length, CFG_TEST)) {
                    itemStart = line;
                    itemBody = -1;
                    i += CFG_TEST.length;
                } else {
                    punctuation(c);
                    i++;
                }
            }
            if (itemStart >= 0) {
                lines.set(itemStart, line + 1); // an item left open runs to the end
            }
            return lines;
        }

        private void punctuation(byte c) {
            switch (c) {
                case '{' -> {
                    braces++;
                    if (itemStart >= 0 && itemBody < 0) {
                        itemBody = braces;
                    }
                }
                case '}' -> {
                    if (itemStart >= 0 && itemBody == braces) {
                        endItem();
                    }
                    braces--;
                }
                case '(', '[' -> brackets++;
                case ')', ']' -> brackets--;
                case ';' -> {
                    if (itemStart >= 0 && itemBody < 0 && brackets == 0) {
                        endItem();
                    }
                }
                default -> {
                }
            }
        }

        private void endItem() {
            lines.set(itemStart, line + 1);
            itemStart = -1;
        }

        private int at(int index) {
            return index < text.length ? text[index] : -1;
        }

        private void blockComment() {
            int depth = 0;
            do {
                if (text[i] == '/' && at(i + 1) == '*') {
                    depth++;
                    i += 2;
                } else if (text[i] == '*' && at(i + 1) == '/') {
                    depth--;
                    i += 2;
                } else {
                    newline();
                    i++;
                }
            } while (depth > 0 && i < text.length);
        }

        private void string() {
            i++;
            while (i < text.length && text[i] != '"') {
                newline();
                i += text[i] == '\\' && at(i + 1) != '\n' ? 2 : 1;
            }
            i++;
        }

        /** r"..." or r#"..."#, also after a b; not the r ending a name such as "bar". */
        private boolean rawStringStart() {
            int before = i - 1;
            if (before >= 0 && text[before] == 'b') {
                before--;
            }
            if (before >= 0 && (Character.isLetterOrDigit(text[before]) || text[before] == '_')) {
                return false;
            }
            int j = i + 1;
            while (at(j) == '#') {
                j++;
            }
            return at(j) == '"';
        }

        private void rawString() {
            i++;
            int hashes = 0;
            while (text[i] == '#') {
                hashes++;
                i++;
            }
            i++;
            while (i < text.length) {
                if (text[i] == '"' && closesRaw(i + 1, hashes)) {
                    i += 1 + hashes;
                    return;
                }
                newline();
                i++;
            }
        }

        private boolean closesRaw(int from, int hashes) {
            for (int k = 0; k < hashes; k++) {
                if (at(from + k) != '#') {
                    return false;
                }
            }
            return true;
        }

        /** A character literal ('x', '}', an escape, a multi-byte letter) is skipped; a lifetime or label ('a) is none. */
        private void quote() {
            if (at(i + 1) == '\\') {
                int j = i + 3;
                while (j < text.length && j < i + 12 && text[j] != '\'') {
                    j++;
                }
                i = j + 1;
                return;
            }
            int length = codePointLength(at(i + 1));
            i += at(i + 1 + length) == '\'' ? 2 + length : 1;
        }

        /** How many bytes the UTF-8 character starting with this byte takes. */
        private static int codePointLength(int lead) {
            int b = lead & 0xFF;
            if (lead >= 0 || (b & 0xC0) == 0x80) {
                return 1;
            }
            return (b & 0xE0) == 0xC0 ? 2 : (b & 0xF0) == 0xE0 ? 3 : 4;
        }

        private void newline() {
            if (text[i] == '\n') {
                line++;
            }
        }
    }

    private static int indexOf(byte[] text, byte[] part) {
        byte lead = part[0];
        for (int i = 0, last = text.length - part.length; i <= last; i++) {
            if (text[i] == lead && startsWith(text, i, text.length, part)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean startsWith(byte[] line, int from, int to, byte[] prefix) {
        if (to - from < prefix.length) {
            return false;
        }
        for (int k = 0; k < prefix.length; k++) {
            if (line[from + k] != prefix[k]) {
                return false;
            }
        }
        return true;
    }
}
