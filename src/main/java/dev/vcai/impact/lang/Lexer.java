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
    private static final byte PUNCT = (byte) Kind.PUNCT.ordinal();
    private static final byte NEWLINE = (byte) Kind.NEWLINE.ordinal();

    private static final int WHITESPACE = 1;
    private static final int IDENT_START = 2;
    private static final int IDENT_PART = 4;
    private static final int DIGIT = 8;
    private static final int NUMBER_PART = 16;
    private static final int LETTER = 32;
    private static final byte[] ASCII = new byte[128];

    static {
        for (char c = 0; c < 128; c++) {
            ASCII[c] = (byte) ((Character.isWhitespace(c) ? WHITESPACE : 0) | (Character.isJavaIdentifierStart(c) ? IDENT_START : 0)
                    | (Character.isJavaIdentifierPart(c) ? IDENT_PART : 0) | (Character.isDigit(c) ? DIGIT : 0)
                    | (Character.isLetterOrDigit(c) || c == '.' || c == '_' ? NUMBER_PART : 0) | (Character.isLetter(c) ? LETTER : 0));
        }
    }

    // What a string token's code says about its value.
    private static final int ESCAPED = 0;
    private static final int RAW = 1;
    private static final int NO_VALUE = 2; // a template holding ${...} code, or a literal whose value no reader needs
    private static final int REGEX_OR_NUMBER = '0'; // a literal value, told apart from names as the punctuation "0"

    /**
     * The tokens of one source: kinds and byte ranges. A punctuation token's code is its character ({@code 0} for a
     * number or a regular expression literal); a string token's range is its content between the quotes.
     */
    static final class Tokens {
        private final byte[] src;
        // Kinds as ordinals: storing a byte costs less than storing a reference, and a file has thousands of tokens.
        private byte[] kinds;
        private int[] starts;
        private int[] ends;
        private int[] codes;
        private int size;
        private int[] seen = new int[64]; // names seen by firstOccurrence: open addressing, token index + 1 (0: empty)
        private int seenCount;

        private Tokens(byte[] src) {
            this.src = src;
            int capacity = 64 + src.length / 6; // about one token in six bytes of code
            kinds = new byte[capacity];
            starts = new int[capacity];
            ends = new int[capacity];
            codes = new int[capacity];
        }

        private void add(Kind kind, int start, int end, int code) {
            if (size == kinds.length) {
                int grown = size * 2;
                kinds = Arrays.copyOf(kinds, grown);
                starts = Arrays.copyOf(starts, grown);
                ends = Arrays.copyOf(ends, grown);
                codes = Arrays.copyOf(codes, grown);
            }
            kinds[size] = (byte) kind.ordinal();
            starts[size] = start;
            ends[size] = end;
            codes[size] = code;
            size++;
        }

        int size() {
            return size;
        }

        Kind kind(int i) {
            return KINDS[kinds[i]];
        }

        /** Punctuation token i's character ({@code 0} for a literal value), or -1 for a token of another kind. */
        int punct(int i) {
            return kinds[i] == PUNCT ? codes[i] : -1;
        }

        /** Whether token i is this punctuation character. */
        boolean is(int i, char punct) {
            return codes[i] == punct && kinds[i] == PUNCT;
        }

        /** Whether token i is this ASCII word or punctuation (never a string literal's value). */
        boolean is(int i, String text) {
            return switch (kind(i)) {
                case IDENT -> sameBytes(i, text);
                case PUNCT, NEWLINE -> text.length() == 1 && codes[i] == text.charAt(0);
                case STRING -> false;
            };
        }

        private boolean sameBytes(int i, String text) {
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
            int hash = 0;
            for (int p = starts[i]; p < ends[i]; p++) {
                hash = 31 * hash + src[p];
            }
            int mask = seen.length - 1;
            for (int slot = hash & mask; ; slot = (slot + 1) & mask) {
                int t = seen[slot];
                if (t == 0 || Arrays.equals(src, starts[t - 1], ends[t - 1], src, starts[i], ends[i])) {
                    return slot;
                }
            }
        }

        /** A name's or punctuation's text; a string literal's value ({@code ""} for a template with code in it). */
        String text(int i) {
            return switch (kind(i)) {
                case IDENT -> new String(src, starts[i], ends[i] - starts[i], StandardCharsets.UTF_8);
                case PUNCT, NEWLINE -> Character.toString(codes[i]);
                case STRING -> switch (codes[i]) {
                    case RAW -> new String(src, starts[i], ends[i] - starts[i], StandardCharsets.UTF_8);
                    case NO_VALUE -> "";
                    default -> unescaped(starts[i], ends[i]);
                };
            };
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
    private int pos;
    /** The last token that is not a line end, for telling a regular expression from a division. */
    private int lastSignificant = -1;

    private Lexer(byte[] src, Flavor flavor) {
        this.src = src;
        this.flavor = flavor;
        this.tokens = new Tokens(src);
    }

    static Tokens tokenize(byte[] src, Flavor flavor) {
        Lexer lexer = new Lexer(src, flavor);
        lexer.run(-1);
        return lexer.tokens;
    }

    private void add(Kind kind, int start, int end, int code) {
        if (kind != Kind.NEWLINE) {
            lastSignificant = tokens.size;
        } else if (flavor == Flavor.SCRIPT) {
            return; // JavaScript's statements do not end at line ends, and its import reader never looks for them
        }
        tokens.add(kind, start, end, code);
    }

    /** Lexes until the end, or (inside a template expression) until the brace that closes it at depth 0. */
    private void run(int stopAtDepth) {
        int depth = 0;
        int length = src.length;
        while (pos < length) {
            int b = src[pos];
            int c = b;
            int width = 1;
            int type;
            if (b >= 0) {
                type = ASCII[b];
            } else {
                c = decode(src, pos, length);
                width = width(src, pos, length);
                type = type(c);
            }
            // Names and blanks first: they are most of the tokens and most of the bytes.
            if ((type & IDENT_START) != 0) {
                int start = pos;
                int p = pos + width;
                while (p < length && src[p] >= 0 && (ASCII[src[p]] & IDENT_PART) != 0) {
                    p++;
                }
                pos = p < length && src[p] < 0 ? skip(p, IDENT_PART) : p;
                add(Kind.IDENT, start, pos, 0);
            } else if (c == '\n') {
                add(Kind.NEWLINE, pos, pos + 1, '\n');
                pos++;
            } else if ((type & WHITESPACE) != 0) {
                pos += width;
                while (pos < length && src[pos] == ' ') {
                    pos++; // indentation
                }
            } else if (c == '/' && peek(1) == '/') {
                skipLine();
            } else if (c == '/' && peek(1) == '*') {
                skipBlockComment();
            } else if (c == '"' || c == '\'' || c == '`') {
                string(c);
            } else if (c == '/' && flavor == Flavor.SCRIPT && regexAllowed()) {
                skipRegex();
            } else if ((type & DIGIT) != 0) {
                int start = pos;
                pos = skip(pos + width, NUMBER_PART);
                add(Kind.PUNCT, start, pos, REGEX_OR_NUMBER);
            } else {
                if (c == '{') {
                    depth++;
                } else if (c == '}') {
                    if (depth == 0 && stopAtDepth == 0) {
                        pos++;
                        return;
                    }
                    depth--;
                }
                add(Kind.PUNCT, pos, pos + width, c);
                pos += width;
            }
        }
    }

    /** The position after the characters of a class that start at from. */
    private int skip(int from, int kind) {
        int p = from;
        int length = src.length;
        while (p < length) {
            int b = src[p];
            if (b >= 0) {
                if ((ASCII[b] & kind) == 0) {
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
        while (pos < src.length && src[pos] != '\n') {
            pos++;
        }
    }

    private void skipBlockComment() {
        int nesting = 0;
        pos += 2;
        while (pos < src.length) {
            if (src[pos] == '*' && at(pos + 1, '/')) {
                pos += 2;
                if (nesting-- == 0) {
                    return;
                }
            } else if (flavor == Flavor.KOTLIN && src[pos] == '/' && at(pos + 1, '*')) {
                nesting++;
                pos += 2;
            } else {
                pos++;
            }
        }
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
        while (pos < src.length) {
            int c = src[pos];
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
        add(Kind.STRING, start, end, !plain ? NO_VALUE : raw || kotlinRaw ? RAW : ESCAPED);
    }

    /** In JavaScript a slash starts a regular expression unless it follows something that has a value. */
    private boolean regexAllowed() {
        if (lastSignificant < 0) {
            return true;
        }
        int i = lastSignificant;
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
        add(Kind.PUNCT, start, pos, REGEX_OR_NUMBER); // a regular expression is a value, like a number
    }

    private static int type(int codePoint) {
        if (codePoint < 128) {
            return ASCII[codePoint];
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
