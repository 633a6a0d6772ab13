package dev.vcai.impact.lang;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits C-family source (Java, Kotlin, JavaScript, TypeScript, Go, Gradle scripts) into identifiers,
 * string literals and punctuation, dropping comments, so that an import written in a comment or a string is never
 * taken for a real one. Each language's quirks are a {@link Flavor}: Kotlin nests block comments and has raw
 * {@code """} strings with templates, JavaScript has template literals and regular expression literals, Go has raw
 * back-quoted strings. String values are unescaped only as far as imports need (quotes and backslashes).
 *
 * <p>It reads the UTF-8 bytes as they come from the object store and keeps tokens as offsets into them: a cold graph
 * build lexes every version of every source file of a range (tens of megabytes), so no string is made for a token
 * until a reader asks for its text. Non-ASCII characters are decoded only where they occur, and classified as
 * {@link Character} classifies them.
 */
final class Lexer {
    enum Flavor { JAVA, KOTLIN, SCRIPT, GO }

    enum Kind { IDENT, STRING, PUNCT, NEWLINE }

    private static final Kind[] KINDS = Kind.values();
    private static final int IDENT = Kind.IDENT.ordinal();
    private static final int STRING = Kind.STRING.ordinal();
    private static final int PUNCT = Kind.PUNCT.ordinal();
    private static final int NEWLINE = Kind.NEWLINE.ordinal();
    /** A token's kind and code share one int, code << 2 | kind: one store per token, and one compare for is(i, ';'). */
    private static final int KIND_BITS = 2;
    private static final int KIND_MASK = 3;

    private static final int WHITESPACE = 1;
    private static final int IDENT_START = 2;
    private static final int IDENT_PART = 4;
    private static final int DIGIT = 8;
    private static final int NUMBER_PART = 16;
    private static final int LETTER = 32;
    private static final int NON_ASCII = 64;
    /**
     * The classes of a byte, indexed by {@code b & 0xff}: an ASCII character's, or just {@link #NON_ASCII} for a byte of
     * a multi-byte character (decoded where it occurs). One table load tells a name's next byte without a sign test.
     */
    private static final byte[] BYTES = new byte[256];

    static {
        for (char c = 0; c < 128; c++) {
            BYTES[c] = (byte) ((Character.isWhitespace(c) ? WHITESPACE : 0) | (Character.isJavaIdentifierStart(c) ? IDENT_START : 0)
                    | (Character.isJavaIdentifierPart(c) ? IDENT_PART : 0) | (Character.isDigit(c) ? DIGIT : 0)
                    | (Character.isLetterOrDigit(c) || c == '.' || c == '_' ? NUMBER_PART : 0) | (Character.isLetter(c) ? LETTER : 0));
        }
        for (int b = 128; b < 256; b++) {
            BYTES[b] = NON_ASCII;
        }
    }

    // What a string token's code says about its value.
    private static final int ESCAPED = 0;
    private static final int RAW = 1;
    private static final int NO_VALUE = 2; // a template holding ${...} code, or a literal whose value no reader needs
    private static final int REGEX_OR_NUMBER = '0'; // a literal value, told apart from names as the punctuation "0"

    /**
     * Each thread lexes into the same arrays again: a cold graph build lexes thousands of files one after another, and
     * fresh arrays per file (about two bytes of tokens per byte of source, zeroed, then grown) cost a tenth of the lexing.
     */
    private static final ThreadLocal<Tokens> REUSED = ThreadLocal.withInitial(Tokens::new);
    /** Arrays longer than this (in tokens, 12 bytes each) are not kept for the next file: a rare huge file only. */
    private static final int KEPT_CAPACITY = 1 << 17;

    /**
     * The tokens of one source: kinds and byte ranges. A punctuation token's code is its character ({@code 0} for a
     * number or a regular expression literal); a string token's range is its content between the quotes. They are
     * valid until the same thread tokenizes again: every reader reads its tokens before it returns.
     */
    static final class Tokens {
        private byte[] src;
        private int[] heads; // code << KIND_BITS | kind ordinal
        private int[] starts;
        private int[] ends;
        private int size;
        private int[] seen = new int[64]; // names seen by firstOccurrence: open addressing, token index + 1 (0: empty)
        private int seenCount;

        private Tokens() {
            allocate(1024);
        }

        private void allocate(int capacity) {
            heads = new int[capacity];
            starts = new int[capacity];
            ends = new int[capacity];
        }

        /** Makes these the (empty) tokens of another source. */
        private void reset(byte[] source) {
            src = source;
            size = 0;
            int capacity = 64 + source.length / 6; // about one token in six bytes of code
            if (heads.length < capacity || heads.length > KEPT_CAPACITY) {
                allocate(Math.max(capacity, heads.length > KEPT_CAPACITY ? 1024 : heads.length));
            }
            if (seenCount > 0) {
                Arrays.fill(seen, 0);
                seenCount = 0;
            }
        }

        private void add(int kind, int start, int end, int code) {
            if (size == heads.length) {
                grow();
            }
            heads[size] = code << KIND_BITS | kind;
            starts[size] = start;
            ends[size] = end;
            size++;
        }

        private void grow() {
            int grown = size * 2;
            heads = Arrays.copyOf(heads, grown);
            starts = Arrays.copyOf(starts, grown);
            ends = Arrays.copyOf(ends, grown);
        }

        int size() {
            return size;
        }

        Kind kind(int i) {
            return KINDS[heads[i] & KIND_MASK];
        }

        boolean isIdent(int i) {
            return (heads[i] & KIND_MASK) == IDENT;
        }

        boolean isNewline(int i) {
            return (heads[i] & KIND_MASK) == NEWLINE;
        }

        /** Punctuation token i's character ({@code 0} for a literal value), or -1 for a token of another kind. */
        int punct(int i) {
            int head = heads[i];
            return (head & KIND_MASK) == PUNCT ? head >>> KIND_BITS : -1;
        }

        /** Whether token i is this punctuation character. */
        boolean is(int i, char punct) {
            return heads[i] == (punct << KIND_BITS | PUNCT);
        }

        /** Whether token i is this ASCII word or punctuation (never a string literal's value). */
        boolean is(int i, String text) {
            int head = heads[i];
            int kind = head & KIND_MASK;
            if (kind == IDENT) {
                return spells(i, text);
            }
            return kind != STRING && text.length() == 1 && head >>> KIND_BITS == text.charAt(0);
        }

        /** Whether name i is this ASCII word (the caller knows token i is a name). */
        boolean spells(int i, String text) {
            int start = starts[i];
            if (ends[i] - start != text.length()) {
                return false;
            }
            for (int k = 0; k < text.length(); k++) {
                if (src[start + k] != text.charAt(k)) {
                    return false;
                }
            }
            return true;
        }

        /** Identifier i's length in bytes, for telling keywords apart cheaply. */
        int length(int i) {
            return ends[i] - starts[i];
        }

        /** Whether identifier i starts with an upper-case letter. */
        boolean startsUpperCase(int i) {
            byte b = src[starts[i]];
            return b >= 0 ? b >= 'A' && b <= 'Z' : Character.isUpperCase(decode(src, starts[i], ends[i]));
        }

        /**
         * Whether this is the first time this method is asked about a name with the text of token i: a file uses the
         * same few names over and over, and telling them apart by their bytes makes no string for the repeats.
         */
        boolean firstOccurrence(int i) {
            if (2 * seenCount >= seen.length) {
                int[] old = seen;
                seen = new int[old.length * 2];
                for (int t : old) {
                    if (t != 0) {
                        seen[free(t - 1)] = t;
                    }
                }
            }
            int slot = free(i);
            if (seen[slot] != 0) {
                return false;
            }
            seen[slot] = i + 1;
            seenCount++;
            return true;
        }

        /** The slot of the name with token i's text, or the empty slot where it goes. */
        private int free(int i) {
            byte[] src = this.src;
            int start = starts[i];
            int end = ends[i];
            int hash = 0;
            for (int p = start; p < end; p++) {
                hash = 31 * hash + src[p];
            }
            int mask = seen.length - 1;
            for (int slot = hash & mask; ; slot = (slot + 1) & mask) {
                int t = seen[slot];
                if (t == 0 || same(starts[t - 1], ends[t - 1], start, end)) {
                    return slot;
                }
            }
        }

        /** Whether two ranges of the source hold the same bytes (a plain loop: names are short). */
        private boolean same(int start, int end, int otherStart, int otherEnd) {
            if (end - start != otherEnd - otherStart) {
                return false;
            }
            for (int p = start, q = otherStart; p < end; p++, q++) {
                if (src[p] != src[q]) {
                    return false;
                }
            }
            return true;
        }

        /** A name's or punctuation's text; a string literal's value ({@code ""} for a template with code in it). */
        String text(int i) {
            int code = heads[i] >>> KIND_BITS;
            return switch (kind(i)) {
                case IDENT -> new String(src, starts[i], ends[i] - starts[i], StandardCharsets.UTF_8);
                case PUNCT, NEWLINE -> Character.toString(code);
                case STRING -> switch (code) {
                    case RAW -> new String(src, starts[i], ends[i] - starts[i], StandardCharsets.UTF_8);
                    case NO_VALUE -> "";
                    default -> unescaped(starts[i], ends[i]);
                };
            };
        }

        /**
         * The source text of tokens first to last when nothing lies between them (no blank, no comment), as a dotted
         * name is nearly always written: one string instead of one per segment; null otherwise.
         */
        String textBetween(int first, int last) {
            for (int k = first; k < last; k++) {
                if (ends[k] != starts[k + 1]) {
                    return null;
                }
            }
            return new String(src, starts[first], ends[last] - starts[first], StandardCharsets.UTF_8);
        }

        /** A backslash keeps the character after it (a quote, a backslash), which is all an import's value needs. */
        private String unescaped(int start, int end) {
            byte[] value = new byte[end - start];
            int n = 0;
            for (int p = start; p < end; p++) {
                if (src[p] == '\\') {
                    if (++p == end) {
                        break;
                    }
                }
                value[n++] = src[p];
            }
            return new String(value, 0, n, StandardCharsets.UTF_8);
        }
    }

    private final byte[] src;
    private final Flavor flavor;
    private final Tokens tokens;
    /** JavaScript's statements do not end at line ends, and its import reader never looks for them. */
    private final boolean newlines;
    private int pos;

    private Lexer(byte[] src, Flavor flavor, Tokens tokens) {
        this.src = src;
        this.flavor = flavor;
        this.tokens = tokens;
        this.newlines = flavor != Flavor.SCRIPT;
    }

    static Tokens tokenize(byte[] src, Flavor flavor) {
        Tokens tokens = REUSED.get();
        tokens.reset(src);
        new Lexer(src, flavor, tokens).run(-1);
        return tokens;
    }

    private void add(int kind, int start, int end, int code) {
        if (kind != NEWLINE || newlines) {
            tokens.add(kind, start, end, code);
        }
    }

    /**
     * Lexes until the end, or (inside a template expression) until the brace that closes it at depth 0. The position
     * is kept in a local and each token is stored at one place at the bottom of the loop: under C1 (no escape
     * analysis, little inlining) a field write and two calls per token were a third of the lexing.
     */
    private void run(int stopAtDepth) {
        byte[] src = this.src;
        int length = src.length;
        int depth = 0;
        int p = pos;
        while (p < length) {
            int b = src[p];
            int c = b;
            int width = 1;
            int type = BYTES[b & 0xff];
            if ((type & NON_ASCII) != 0) {
                c = decode(src, p, length);
                width = width(src, p, length);
                type = type(c);
            }
            int start = p;
            int head;
            // Names and blanks first: they are most of the tokens and most of the bytes.
            if ((type & IDENT_START) != 0) {
                p += width;
                while (p < length && (BYTES[src[p] & 0xff] & IDENT_PART) != 0) {
                    p++;
                }
                if (p < length && src[p] < 0) {
                    p = skip(p, IDENT_PART);
                }
                head = IDENT;
            } else if (c == ' ') {
                p++;
                while (p < length && src[p] == ' ') {
                    p++; // indentation
                }
                continue;
            } else if (c == '\n') {
                p++;
                if (!newlines) {
                    continue;
                }
                head = '\n' << KIND_BITS | NEWLINE;
            } else if ((type & WHITESPACE) != 0) {
                p += width;
                continue;
            } else if (c == '/' && p + 1 < length && (src[p + 1] == '/' || src[p + 1] == '*')) {
                pos = p;
                if (src[p + 1] == '/') {
                    skipLine();
                } else {
                    skipBlockComment();
                }
                p = pos;
                continue;
            } else if (c == '"' || c == '\'' || c == '`') {
                pos = p;
                string(c);
                p = pos;
                continue;
            } else if (c == '/' && flavor == Flavor.SCRIPT && regexAllowed()) {
                pos = p;
                skipRegex();
                p = pos;
                continue;
            } else if ((type & DIGIT) != 0) {
                p = skip(p + width, NUMBER_PART);
                head = REGEX_OR_NUMBER << KIND_BITS | PUNCT;
            } else {
                if (c == '{') {
                    depth++;
                } else if (c == '}') {
                    if (depth == 0 && stopAtDepth == 0) {
                        pos = p + 1;
                        return;
                    }
                    depth--;
                }
                p += width;
                head = c << KIND_BITS | PUNCT;
            }
            Tokens t = tokens;
            int n = t.size;
            if (n == t.heads.length) {
                t.grow();
            }
            t.heads[n] = head;
            t.starts[n] = start;
            t.ends[n] = p;
            t.size = n + 1;
        }
        pos = p;
    }

    /** The position after the characters of a class that start at from. */
    private int skip(int from, int kind) {
        int p = from;
        int length = src.length;
        while (p < length) {
            int b = src[p];
            if (b >= 0) {
                if ((BYTES[b] & kind) == 0) {
                    return p;
                }
                p++;
            } else if ((type(decode(src, p, length)) & kind) != 0) {
                p += width(src, p, length);
            } else {
                return p;
            }
        }
        return p;
    }

    private int peek(int ahead) {
        return pos + ahead < src.length ? src[pos + ahead] : 0;
    }

    private boolean at(int p, char c) {
        return p < src.length && src[p] == c;
    }

    private boolean tripleQuote(int p) {
        return at(p, '"') && at(p + 1, '"') && at(p + 2, '"');
    }

    private void skipLine() {
        int p = pos;
        while (p < src.length && src[p] != '\n') {
            p++;
        }
        pos = p;
    }

    private void skipBlockComment() {
        int nesting = 0;
        boolean nests = flavor == Flavor.KOTLIN;
        int p = pos + 2;
        while (p < src.length) {
            byte b = src[p];
            if (b == '*' && at(p + 1, '/')) {
                p += 2;
                if (nesting-- == 0) {
                    break;
                }
            } else if (nests && b == '/' && at(p + 1, '*')) {
                nesting++;
                p += 2;
            } else {
                p++;
            }
        }
        pos = p;
    }

    private void string(int quote) {
        boolean raw = quote == '`' && flavor == Flavor.GO;
        boolean template = quote == '`' && flavor == Flavor.SCRIPT;
        boolean kotlinRaw = flavor == Flavor.KOTLIN && quote == '"' && tripleQuote(pos);
        boolean textBlock = flavor == Flavor.JAVA && quote == '"' && tripleQuote(pos);
        boolean templates = template || flavor == Flavor.KOTLIN;
        boolean triple = kotlinRaw || textBlock;
        pos += triple ? 3 : 1;
        int start = pos;
        int end = -1;
        boolean plain = true;
        int length = src.length;
        while (pos < length) {
            int c = src[pos];
            if (c != '\\' && c != quote && c != '$' && c != '\n') {
                // Most of a literal: none of the rules below applies to it. A local position keeps the field out of the loop.
                int p = pos + 1;
                while (p < length && (c = src[p]) != '\\' && c != quote && c != '$' && c != '\n') {
                    p++;
                }
                pos = p;
                continue;
            }
            if (c == '\\' && !raw && !kotlinRaw) {
                pos += 2;
            } else if (triple ? tripleQuote(pos) : c == quote) {
                end = pos;
                pos += triple ? 3 : 1;
                while (kotlinRaw && pos < src.length && src[pos] == '"') {
                    pos++; // """a"""" ends at the last of the quotes
                }
                break;
            } else if (templates && c == '$' && peek(1) == '{') {
                pos += 2;
                plain = false;
                run(0); // a template expression is code: it may hold strings and braces of its own
            } else if (c == '\n' && !raw && !template && !kotlinRaw && !textBlock) {
                break; // an unterminated ordinary string ends at the line
            } else {
                pos++;
            }
        }
        if (end < 0) {
            end = Math.min(pos, src.length);
        }
        add(STRING, start, end, !plain ? NO_VALUE : raw || kotlinRaw ? RAW : ESCAPED);
    }

    /** In JavaScript a slash starts a regular expression unless it follows something that has a value. */
    private boolean regexAllowed() {
        int i = tokens.size - 1; // the last token: JavaScript's line ends are not kept
        if (i < 0) {
            return true;
        }
        return switch (tokens.kind(i)) {
            case STRING -> false;
            case IDENT -> tokens.is(i, "return") || tokens.is(i, "typeof") || tokens.is(i, "instanceof") || tokens.is(i, "in")
                    || tokens.is(i, "of") || tokens.is(i, "new") || tokens.is(i, "delete") || tokens.is(i, "void") || tokens.is(i, "throw")
                    || tokens.is(i, "case") || tokens.is(i, "do") || tokens.is(i, "else") || tokens.is(i, "yield") || tokens.is(i, "await");
            default -> !(tokens.is(i, ')') || tokens.is(i, ']') || tokens.is(i, '}') || tokens.is(i, '0'));
        };
    }

    private void skipRegex() {
        int start = pos;
        pos++;
        boolean inClass = false;
        while (pos < src.length) {
            int c = src[pos];
            if (c == '\\') {
                pos += 2;
                continue;
            }
            if (c == '\n') {
                return; // not a regular expression after all: the line's rest is dropped
            }
            pos++;
            if (c == '[') {
                inClass = true;
            } else if (c == ']') {
                inClass = false;
            } else if (c == '/' && !inClass) {
                break;
            }
        }
        pos = skip(Math.min(pos, src.length), LETTER);
        add(PUNCT, start, pos, REGEX_OR_NUMBER); // a regular expression is a value, like a number
    }

    private static int type(int codePoint) {
        if (codePoint < 128) {
            return BYTES[codePoint];
        }
        return (Character.isWhitespace(codePoint) ? WHITESPACE : 0) | (Character.isJavaIdentifierStart(codePoint) ? IDENT_START : 0)
                | (Character.isJavaIdentifierPart(codePoint) ? IDENT_PART : 0) | (Character.isDigit(codePoint) ? DIGIT : 0)
                | (Character.isLetterOrDigit(codePoint) ? NUMBER_PART : 0) | (Character.isLetter(codePoint) ? LETTER : 0);
    }

    /** The code point of the UTF-8 sequence at p (U+FFFD for a malformed one, as a decoder would replace it). */
    private static int decode(byte[] src, int p, int limit) {
        int b = src[p] & 0xff;
        int width = width(src, p, limit);
        if (width == 1) {
            return b < 0x80 ? b : 0xFFFD;
        }
        int cp = b & (0xff >> (width + 1));
        for (int k = 1; k < width; k++) {
            cp = cp << 6 | src[p + k] & 0x3f;
        }
        return cp;
    }

    /** The length of the UTF-8 sequence at p: 1 for ASCII and for a malformed byte. */
    private static int width(byte[] src, int p, int limit) {
        int b = src[p] & 0xff;
        int width = b >= 0xf0 && b < 0xf8 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
        if (b >= 0xf8 || p + width > limit) {
            return 1;
        }
        for (int k = 1; k < width; k++) {
            if ((src[p + k] & 0xc0) != 0x80) {
                return 1;
            }
        }
        return width;
    }
}
