package dev.vcai.git;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * How a source file's language writes comments, to tell a change of comments and blank lines only (a typo fixed in
 * a doc comment, a licence header) from a change of code. Two versions differ in comments only when their code,
 * each line with its comments cut out and blank lines left out, is the same byte for byte: commenting code out or
 * re-indenting it is a change of code. Strings are read as strings, so that a {@code //} inside one is not taken for
 * a comment; a comment that tells a tool what to do (Go's {@code //go:} and {@code // +build}, TypeScript's
 * {@code /// <reference>} and {@code @ts-} lines, bundlers' {@code #__PURE__} and {@code webpack} hints, Python's
 * {@code #!}, {@code coding} and {@code type:} lines) counts as code, and so does every comment of a Go file that
 * uses cgo, whose comments hold C code.
 */
enum CommentSyntax {
    /** C, C++, C#, Java, Groovy, Objective-C, protobuf: line and block comments, "..." and '...', Java's """ text blocks. */
    C(false, true, false, false),
    /** Kotlin, Scala, Swift, Dart, Rust: block comments nest; """ strings (Rust: none, harmlessly). */
    C_NESTING(true, true, false, false),
    /** Go: `raw strings` and '...' runes. */
    GO(false, false, true, false),
    /** JavaScript and TypeScript: `template literals`, '...' strings and /regular expressions/. */
    SCRIPT(false, false, true, true),
    /** Python: # comments, '...', "..." and triple-quoted strings (a docstring is a string: code). */
    PYTHON(false, true, false, false);

    private static final Map<String, CommentSyntax> BY_EXTENSION = Map.ofEntries(
            Map.entry("java", C), Map.entry("groovy", C), Map.entry("gradle", C), Map.entry("c", C), Map.entry("h", C),
            Map.entry("cc", C), Map.entry("cpp", C), Map.entry("cxx", C), Map.entry("hpp", C), Map.entry("hh", C),
            Map.entry("cs", C), Map.entry("m", C), Map.entry("mm", C), Map.entry("proto", C),
            Map.entry("kt", C_NESTING), Map.entry("kts", C_NESTING), Map.entry("scala", C_NESTING),
            Map.entry("swift", C_NESTING), Map.entry("dart", C_NESTING), Map.entry("rs", C_NESTING),
            Map.entry("go", GO),
            Map.entry("js", SCRIPT), Map.entry("jsx", SCRIPT), Map.entry("mjs", SCRIPT), Map.entry("cjs", SCRIPT),
            Map.entry("ts", SCRIPT), Map.entry("tsx", SCRIPT), Map.entry("mts", SCRIPT), Map.entry("cts", SCRIPT),
            Map.entry("py", PYTHON), Map.entry("pyi", PYTHON));
    private static final byte[][] LINE_DIRECTIVES = ascii("go:", "+build", "/ <reference", "/<reference", "@ts-",
            "# sourceMappingURL", "@ sourceMappingURL");
    private static final byte[][] BLOCK_DIRECTIVES = ascii("#__PURE__", "@__PURE__", "webpack", "@jsx", "@flow");
    private static final byte[][] PYTHON_DIRECTIVES = ascii("type:");
    private static final byte[] CGO = "import \"C\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CODING_COLON = "coding:".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CODING_EQUALS = "coding=".getBytes(StandardCharsets.US_ASCII);

    private final boolean nests;
    private final boolean tripleQuotes;
    private final boolean backticks;
    private final boolean regularExpressions;

    CommentSyntax(boolean nests, boolean tripleQuotes, boolean backticks, boolean regularExpressions) {
        this.nests = nests;
        this.tripleQuotes = tripleQuotes;
        this.backticks = backticks;
        this.regularExpressions = regularExpressions;
    }

    /** The syntax of a path's language, or null when vcai does not know how it writes comments. */
    static CommentSyntax of(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        return dot <= 0 ? null : BY_EXTENSION.get(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /**
     * Whether a changed line (its text, without the patch's sign) could hold nothing but a comment and blanks: blank,
     * a block comment's continuation ({@code *}), or a comment marker somewhere. A cheap test that lets most changes
     * of code skip {@link #sameCode}, which reads both versions whole.
     */
    boolean mayBeComment(byte[] line, int from, int to) {
        int i = from;
        while (i < to && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r')) {
            i++;
        }
        if (i == to || this != PYTHON && line[i] == '*') {
            return true;
        }
        for (; i < to; i++) {
            if (this == PYTHON ? line[i] == '#' : line[i] == '/' && i + 1 < to && (line[i + 1] == '/' || line[i + 1] == '*')) {
                return true;
            }
        }
        return false;
    }

    /** Whether two versions of a file have the same code: they differ in comments and blank lines, if at all. */
    boolean sameCode(byte[] old, byte[] now) {
        if (this == GO && (indexOf(old, CGO) >= 0 || indexOf(now, CGO) >= 0)) {
            return false;
        }
        return Arrays.equals(code(old), code(now));
    }

    /** The file's code: each line without its comments and trailing blanks; blank lines left out, except inside a string. */
    private byte[] code(byte[] text) {
        Code code = new Code(text.length);
        int depth = 0; // block comments open
        byte quote = 0; // the string open: its quote byte, 0 for none
        boolean triple = false; // the string open is a """ (or ''') one
        int lineNumber = 1;
        int i = 0;
        int n = text.length;
        while (i < n) {
            byte b = text[i];
            if (b == '\n') {
                boolean multiLine = quote != 0 && (triple || quote == '`');
                code.endLine(multiLine);
                if (!multiLine) {
                    quote = 0; // an unclosed one-line string (a Rust lifetime, a Scala symbol) ends with its line
                }
                lineNumber++;
                i++;
            } else if (depth > 0) {
                if (b == '*' && i + 1 < n && text[i + 1] == '/') {
                    depth--;
                    i += 2;
                } else if (nests && b == '/' && i + 1 < n && text[i + 1] == '*') {
                    depth++;
                    i += 2;
                } else {
                    i = runEnd(text, i + 1, IN_COMMENT);
                }
            } else if (quote != 0) {
                if (b != quote && b != '\\') {
                    int end = runEnd(text, i + 1, IN_STRING);
                    code.write(text, i, end - i);
                    i = end;
                    continue;
                }
                code.write(b);
                i++;
                if (b == '\\' && !(quote == '`' && this == GO)) {
                    if (i < n && text[i] != '\n') {
                        code.write(text[i]);
                        i++;
                    }
                } else if (b == quote && (!triple || startsWith(text, i, quote, quote))) {
                    if (triple) {
                        code.write(text, i, 2);
                        i += 2;
                    }
                    quote = 0;
                }
            } else if (this == PYTHON ? b == '#' : b == '/' && i + 1 < n && text[i + 1] == '/') {
                int end = lineEnd(text, i);
                if (isDirective(text, i + (this == PYTHON ? 1 : 2), end, lineNumber)) {
                    code.write(text, i, end - i);
                }
                i = end;
            } else if (this != PYTHON && b == '/' && i + 1 < n && text[i + 1] == '*') {
                if (startsWithAny(text, skipBlanks(text, i + 2, n), n, BLOCK_DIRECTIVES)) {
                    int close = indexOf(text, i + 2, (byte) '*', (byte) '/');
                    int end = close < 0 ? n : close + 2;
                    code.write(text, i, end - i);
                    i = end;
                } else {
                    depth = 1;
                    i += 2;
                }
            } else if (b == '"' || b == '\'' || b == '`' && backticks) {
                quote = b;
                triple = tripleQuotes && b != '`' && startsWith(text, i + 1, b, b);
                int length = triple ? 3 : 1;
                code.write(text, i, length);
                i += length;
            } else if (regularExpressions && b == '/' && code.expectsValue()) {
                int end = regularExpressionEnd(text, i);
                code.write(text, i, end - i);
                i = end;
            } else {
                int end = runEnd(text, i + 1, IN_CODE);
                code.write(text, i, end - i);
                i = end;
            }
        }
        code.endLine(false);
        return Arrays.copyOf(code.bytes, code.size);
    }

    /** Bytes that may end a run of plain code, of a string's text or of a comment's text: all else is copied or skipped in bulk. */
    private static final boolean[] IN_CODE = stops("\n/\"'`#");
    private static final boolean[] IN_STRING = stops("\n\"'`\\");
    private static final boolean[] IN_COMMENT = stops("\n*/");

    private static boolean[] stops(String bytes) {
        boolean[] stops = new boolean[256];
        for (char c : bytes.toCharArray()) {
            stops[c] = true;
        }
        return stops;
    }

    /** Where a run from an index ends: at the next byte that stops it, or the end of the text. */
    private static int runEnd(byte[] text, int from, boolean[] stops) {
        int j = from;
        while (j < text.length && !stops[text[j] & 0xff]) {
            j++;
        }
        return j;
    }

    /** The code read so far, line by line. */
    private static final class Code {
        private byte[] bytes;
        private int size;
        private int lineStart;

        Code(int capacity) {
            bytes = new byte[Math.max(16, capacity + 1)];
        }

        void write(byte b) {
            if (size == bytes.length) {
                bytes = Arrays.copyOf(bytes, bytes.length * 2);
            }
            bytes[size++] = b;
        }

        void write(byte[] from, int offset, int length) {
            if (size + length > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + length));
            }
            System.arraycopy(from, offset, bytes, size, length);
            size += length;
        }

        /** Trailing blanks cut and a blank line dropped, unless the line ends inside a multi-line string. */
        void endLine(boolean inString) {
            if (!inString) {
                while (size > lineStart && (bytes[size - 1] == ' ' || bytes[size - 1] == '\t' || bytes[size - 1] == '\r')) {
                    size--;
                }
                if (size == lineStart) {
                    return;
                }
            }
            write((byte) '\n');
            lineStart = size;
        }

        /** Whether a slash here starts a regular expression: after an operator or a bracket, or at the start. */
        boolean expectsValue() {
            for (int j = size - 1; j >= 0; j--) {
                byte c = bytes[j];
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                    return "(,=:[!&|?{};+-*%<>~^".indexOf(c) >= 0;
                }
            }
            return true;
        }
    }

    private boolean isDirective(byte[] text, int from, int end, int lineNumber) {
        if (this == PYTHON) {
            if (lineNumber == 1 && from < end && text[from] == '!') {
                return true;
            }
            if (lineNumber <= 2 && (indexOf(text, from, end, CODING_COLON) >= 0 || indexOf(text, from, end, CODING_EQUALS) >= 0)) {
                return true; // PEP 263: the file's encoding
            }
            return startsWithAny(text, skipBlanks(text, from, end), end, PYTHON_DIRECTIVES);
        }
        return startsWithAny(text, from, end, LINE_DIRECTIVES) || startsWithAny(text, skipBlanks(text, from, end), end, LINE_DIRECTIVES);
    }

    /** The end of a regular expression literal: after its closing slash (not one escaped or in a [class]), or its line's end. */
    private static int regularExpressionEnd(byte[] text, int start) {
        boolean inClass = false;
        for (int j = start + 1; j < text.length; j++) {
            byte c = text[j];
            if (c == '\n') {
                return j;
            }
            if (c == '\\') {
                j++;
            } else if (c == '[') {
                inClass = true;
            } else if (c == ']') {
                inClass = false;
            } else if (c == '/' && !inClass) {
                return j + 1;
            }
        }
        return text.length;
    }

    private static int lineEnd(byte[] text, int from) {
        int end = from;
        while (end < text.length && text[end] != '\n') {
            end++;
        }
        return end;
    }

    private static int skipBlanks(byte[] text, int from, int end) {
        while (from < end && (text[from] == ' ' || text[from] == '\t')) {
            from++;
        }
        return from;
    }

    private static boolean startsWith(byte[] text, int at, byte first, byte second) {
        return at + 1 < text.length && text[at] == first && text[at + 1] == second;
    }

    private static boolean startsWithAny(byte[] text, int at, int end, byte[][] prefixes) {
        for (byte[] prefix : prefixes) {
            if (end - at >= prefix.length && Arrays.equals(text, at, at + prefix.length, prefix, 0, prefix.length)) {
                return true;
            }
        }
        return false;
    }

    private static int indexOf(byte[] text, int from, byte first, byte second) {
        for (int j = from; j + 1 < text.length; j++) {
            if (text[j] == first && text[j + 1] == second) {
                return j;
            }
        }
        return -1;
    }

    private static int indexOf(byte[] text, byte[] part) {
        return indexOf(text, 0, text.length, part);
    }

    /** Where part first occurs in text between from and end, or -1. */
    private static int indexOf(byte[] text, int from, int end, byte[] part) {
        outer:
        for (int j = from; j + part.length <= end; j++) {
            for (int k = 0; k < part.length; k++) {
                if (text[j + k] != part[k]) {
                    continue outer;
                }
            }
            return j;
        }
        return -1;
    }

    private static byte[][] ascii(String... prefixes) {
        byte[][] bytes = new byte[prefixes.length][];
        for (int k = 0; k < prefixes.length; k++) {
            bytes[k] = prefixes[k].getBytes(StandardCharsets.US_ASCII);
        }
        return bytes;
    }
}
