package dev.vcai.impact.lang;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Java and Kotlin, read from the token stream of our lexer, which is all the facts need: names in comments and
 * strings are dropped by it. JavaParser's lexer gave the same facts on okhttp's, gson's and this project's sources
 * (a test keeps checking this project's) but read Java about twelve times slower, a tenth of the blast radius's
 * budget on a cold cache; a full parse (a syntax tree per file) cost ten times more again and told nothing more.
 */
final class JvmSource {
    private JvmSource() {
    }

    static SourceFacts java(byte[] source) {
        return tokens(Lexer.tokenize(unicodeEscapesTranslated(source), Lexer.Flavor.JAVA), Language.JAVA);
    }

    /**
     * The source with its unicode escapes ({@code \u0041}) replaced by the characters, as javac does before it reads
     * tokens: an escape can end a comment or open a string. A backslash escaped by another one starts no escape.
     */
    static byte[] unicodeEscapesTranslated(byte[] source) {
        int first = indexOfEscape(source, 0);
        if (first < 0) {
            return source;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(source.length);
        int copied = 0;
        for (int at = first; at >= 0; at = indexOfEscape(source, copied)) {
            int p = at + 2;
            while (p < source.length && source[p] == 'u') {
                p++; // javac allows \uu0041
            }
            int code = p + 4 <= source.length ? hex(source, p) : -1;
            if (code < 0) {
                out.write(source, copied, p - copied); // not an escape after all (javac rejects it; we read on)
            } else {
                out.write(source, copied, at - copied);
                out.writeBytes(Character.toString(code).getBytes(StandardCharsets.UTF_8));
                p += 4;
            }
            copied = p;
        }
        out.write(source, copied, source.length - copied);
        return out.toByteArray();
    }

    /** The next backslash from {@code from} that starts an escape: followed by {@code u}, preceded by an even number of backslashes. */
    private static int indexOfEscape(byte[] source, int from) {
        int backslashes = 0;
        for (int p = from; p + 1 < source.length; p++) {
            if (source[p] != '\\') {
                backslashes = 0;
            } else if (backslashes++ % 2 == 0 && source[p + 1] == 'u') {
                return p;
            }
        }
        return -1;
    }

    private static int hex(byte[] source, int p) {
        int code = 0;
        for (int k = p; k < p + 4; k++) {
            int digit = Character.digit(source[k], 16);
            if (digit < 0) {
                return -1;
            }
            code = code * 16 + digit;
        }
        return code;
    }

    static SourceFacts kotlin(byte[] source) {
        return tokens(Lexer.tokenize(source, Lexer.Flavor.KOTLIN), Language.KOTLIN);
    }

    /** Package, imports, top-level declarations and capitalised names, read from the token stream. */
    private static SourceFacts tokens(Lexer.Tokens tokens, Language language) {
        int n = tokens.size();
        List<String> declared = new ArrayList<>();
        Set<String> imports = new LinkedHashSet<>();
        Set<String> uses = new LinkedHashSet<>();
        int depth = 0;
        int parens = 0;
        boolean lineStart = true;
        for (int i = 0; i < n; i++) {
            Lexer.Kind kind = tokens.kind(i);
            if (kind == Lexer.Kind.PUNCT) {
                switch (tokens.punct(i)) {
                    case ';' -> {
                        lineStart = true;
                        continue;
                    }
                    case '(' -> parens++;
                    case ')' -> parens = Math.max(0, parens - 1);
                    case '{' -> depth++;
                    case '}' -> depth = Math.max(0, depth - 1);
                    default -> { }
                }
                lineStart = false;
                continue;
            }
            if (kind == Lexer.Kind.NEWLINE) {
                lineStart = true;
                continue;
            }
            boolean atLineStart = lineStart;
            lineStart = false;
            if (kind != Lexer.Kind.IDENT) {
                continue;
            } else if (depth == 0 && atLineStart && tokens.is(i, "package")) {
                declared.add("package:" + dotted(tokens, i + 1));
                i = skipDotted(tokens, i + 1) - 1; // the line end after the name starts the next line
            } else if (depth == 0 && atLineStart && tokens.is(i, "import")) {
                boolean isStatic = i + 1 < n && tokens.is(i + 1, "static");
                int from = isStatic ? i + 2 : i + 1;
                String name = dotted(tokens, from);
                int end = skipDotted(tokens, from);
                boolean wildcard = end + 1 < n && tokens.is(end, '.') && tokens.is(end + 1, '*');
                if (!name.isEmpty()) {
                    imports.add((isStatic ? (wildcard ? "staticwild:" : "static:") : (wildcard ? "wild:" : "import:")) + name);
                }
                i = end - 1;
                while (i + 1 < n && tokens.kind(i + 1) != Lexer.Kind.NEWLINE && !tokens.is(i + 1, ';')) {
                    i++; // the rest of the line ('.*', 'as Alias'), never the next line's import
                }
            } else if (depth == 0 && declaresType(tokens, i) && i + 1 < n && tokens.kind(i + 1) == Lexer.Kind.IDENT
                    && !tokens.is(i + 1, "class")) { // 'enum class X': the 'class' declares it
                declared.add("type:" + tokens.text(i + 1));
                i++;
            } else if (depth == 0 && parens == 0 && language == Language.KOTLIN
                    && (tokens.is(i, "fun") || tokens.is(i, "val") || tokens.is(i, "var"))) {
                String name = kotlinMemberName(tokens, i + 1);
                if (name != null) {
                    declared.add("type:" + name);
                }
            } else if (i > 0 && tokens.is(i - 1, '.')) {
                continue; // a member, or a segment of a qualified name read from its start
            } else if (tokens.startsUpperCase(i)) {
                if (tokens.firstOccurrence(i)) {
                    uses.add(tokens.text(i));
                }
            } else {
                int end = skipDotted(tokens, i);
                if (qualifiedType(tokens, i, end)) {
                    uses.add(dotted(tokens, i)); // a fully qualified name in the code: java.util.List, com.acme.Money.ZERO
                }
                i = end - 1;
            }
        }
        uses.forEach(u -> imports.add("use:" + u));
        return new SourceFacts(language, declared, new ArrayList<>(imports), true);
    }

    /** Whether the dotted name from i to end has a capitalised segment after the first (a type of some package). */
    private static boolean qualifiedType(Lexer.Tokens tokens, int i, int end) {
        for (int k = i + 2; k < end; k += 2) {
            if (tokens.startsUpperCase(k)) {
                return true;
            }
        }
        return false;
    }

    private static boolean declaresType(Lexer.Tokens tokens, int i) {
        return tokens.is(i, "class") || tokens.is(i, "interface") || tokens.is(i, "enum") || tokens.is(i, "record")
                || tokens.is(i, "object") || tokens.is(i, "typealias");
    }

    /** The name a top-level {@code fun}/{@code val} declares: the last name before its parameters or type. */
    private static String kotlinMemberName(Lexer.Tokens tokens, int i) {
        if (i < tokens.size() && tokens.is(i, '<')) {
            i = closing(tokens, i) + 1;
        }
        int last = -1;
        for (; i < tokens.size(); i++) {
            if (tokens.kind(i) == Lexer.Kind.IDENT) {
                last = i;
            } else if (tokens.is(i, '<')) {
                i = closing(tokens, i); // a receiver's type arguments: List<T>.second
            } else if (!tokens.is(i, '.') && !tokens.is(i, '?')) {
                break;
            }
        }
        return last < 0 ? null : tokens.text(last);
    }

    /** The index of the {@code >} that closes the {@code <} at i. */
    private static int closing(Lexer.Tokens tokens, int i) {
        int nesting = 0;
        for (; i < tokens.size(); i++) {
            if (tokens.is(i, '<')) {
                nesting++;
            } else if (tokens.is(i, '>') && --nesting == 0) {
                return i;
            }
        }
        return i;
    }

    private static String dotted(Lexer.Tokens tokens, int i) {
        StringBuilder name = new StringBuilder();
        while (i < tokens.size() && tokens.kind(i) == Lexer.Kind.IDENT) {
            name.append(tokens.text(i));
            if (i + 2 < tokens.size() && tokens.is(i + 1, '.') && tokens.kind(i + 2) == Lexer.Kind.IDENT) {
                name.append('.');
                i += 2;
            } else {
                break;
            }
        }
        return name.toString();
    }

    /** The index of the first token after a dotted name starting at i. */
    private static int skipDotted(Lexer.Tokens tokens, int i) {
        while (i < tokens.size() && tokens.kind(i) == Lexer.Kind.IDENT) {
            if (i + 2 < tokens.size() && tokens.is(i + 1, '.') && tokens.kind(i + 2) == Lexer.Kind.IDENT) {
                i += 2;
            } else {
                return i + 1;
            }
        }
        return i;
    }
}
