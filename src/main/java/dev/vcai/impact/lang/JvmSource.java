package dev.vcai.impact.lang;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
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

    // What a name at depth 0 may be: the words the facts pass looks for there.
    private static final int NONE = 0;
    private static final int PACKAGE = 1;
    private static final int IMPORT = 2;
    private static final int TYPE = 3; // class, interface, enum, record, object, typealias
    private static final int MEMBER = 4; // Kotlin's fun, val, var

    /**
     * Package, imports, top-level declarations and capitalised names, read from the token stream. It runs once per token
     * of every file version a range touches, so it tells kinds by ints and keywords by their length first.
     */
    private static SourceFacts tokens(Lexer.Tokens tokens, Language language) {
        int n = tokens.size();
        List<String> declared = new ArrayList<>();
        Set<String> imports = new LinkedHashSet<>();
        // Capitalised names in the order first used; firstOccurrence keeps them unique without hashing strings.
        List<String> uses = new ArrayList<>();
        Set<String> qualified = new HashSet<>(); // the dotted ones, which can repeat
        int depth = 0;
        int parens = 0;
        boolean lineStart = true;
        for (int i = 0; i < n; i++) {
            int punct = tokens.punct(i);
            if (punct >= 0) {
                switch (punct) {
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
            if (!tokens.isIdent(i)) {
                lineStart = tokens.isNewline(i); // a line end, or a string literal
                continue;
            }
            boolean atLineStart = lineStart;
            lineStart = false;
            int keyword = depth == 0 ? keyword(tokens, i) : NONE;
            if (keyword == PACKAGE && atLineStart) {
                declared.add("package:".concat(dotted(tokens, i + 1)));
                i = skipDotted(tokens, i + 1) - 1; // the line end after the name starts the next line
            } else if (keyword == IMPORT && atLineStart) {
                boolean isStatic = i + 1 < n && tokens.is(i + 1, "static");
                int from = isStatic ? i + 2 : i + 1;
                String name = dotted(tokens, from);
                int end = skipDotted(tokens, from);
                boolean wildcard = end + 1 < n && tokens.is(end, '.') && tokens.is(end + 1, '*');
                if (!name.isEmpty()) {
                    imports.add((isStatic ? (wildcard ? "staticwild:" : "static:") : (wildcard ? "wild:" : "import:")).concat(name));
                }
                i = end - 1;
                while (i + 1 < n && !tokens.isNewline(i + 1) && !tokens.is(i + 1, ';')) {
                    i++; // the rest of the line ('.*', 'as Alias'), never the next line's import
                }
            } else if (keyword == TYPE && i + 1 < n && tokens.isIdent(i + 1)
                    && !tokens.is(i + 1, "class")) { // 'enum class X': the 'class' declares it
                declared.add("type:".concat(tokens.text(i + 1)));
                i++;
            } else if (keyword == MEMBER && parens == 0 && language == Language.KOTLIN) {
                String name = kotlinMemberName(tokens, i + 1);
                if (name != null) {
                    declared.add("type:".concat(name));
                }
            } else if (i > 0 && tokens.is(i - 1, '.')) {
                continue; // a member, or a segment of a qualified name read from its start
            } else if (tokens.startsUpperCase(i)) {
                if (tokens.firstOccurrence(i)) {
                    uses.add(tokens.text(i));
                }
            } else if (i + 1 < n && tokens.is(i + 1, '.')) { // a lone lower-case name says nothing
                int end = skipDotted(tokens, i);
                if (qualifiedType(tokens, i, end)) {
                    String name = dotted(tokens, i); // a fully qualified name in the code: java.util.List, com.acme.Money.ZERO
                    if (qualified.add(name)) {
                        uses.add(name);
                    }
                }
                i = end - 1;
            }
        }
        // A use never equals an import (their prefixes differ) nor another use: a list, not the set, takes them.
        List<String> facts = new ArrayList<>(imports.size() + uses.size());
        facts.addAll(imports);
        for (String use : uses) {
            facts.add("use:".concat(use));
        }
        return new SourceFacts(language, declared, facts, true);
    }

    /** Which of the words the facts pass looks for at depth 0 the name at i is: its length rules out most. */
    private static int keyword(Lexer.Tokens tokens, int i) {
        return switch (tokens.length(i)) {
            case 3 -> tokens.spells(i, "fun") || tokens.spells(i, "val") || tokens.spells(i, "var") ? MEMBER : NONE;
            case 4 -> tokens.spells(i, "enum") ? TYPE : NONE;
            case 5 -> tokens.spells(i, "class") ? TYPE : NONE;
            case 6 -> tokens.spells(i, "import") ? IMPORT : tokens.spells(i, "record") || tokens.spells(i, "object") ? TYPE : NONE;
            case 7 -> tokens.spells(i, "package") ? PACKAGE : NONE;
            case 9 -> tokens.spells(i, "interface") || tokens.spells(i, "typealias") ? TYPE : NONE;
            default -> NONE;
        };
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

    /** The name a top-level {@code fun}/{@code val} declares: the last name before its parameters or type. */
    private static String kotlinMemberName(Lexer.Tokens tokens, int i) {
        if (i < tokens.size() && tokens.is(i, '<')) {
            i = closing(tokens, i) + 1;
        }
        int last = -1;
        for (; i < tokens.size(); i++) {
            if (tokens.isIdent(i)) {
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
        int end = skipDotted(tokens, i);
        String written = end > i ? tokens.textBetween(i, end - 1) : null;
        if (written != null) {
            return written; // written without blanks or comments, as nearly every name is
        }
        StringBuilder name = new StringBuilder();
        while (i < tokens.size() && tokens.isIdent(i)) {
            name.append(tokens.text(i));
            if (i + 2 < tokens.size() && tokens.is(i + 1, '.') && tokens.isIdent(i + 2)) {
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
        while (i < tokens.size() && tokens.isIdent(i)) {
            if (i + 2 < tokens.size() && tokens.is(i + 1, '.') && tokens.isIdent(i + 2)) {
                i += 2;
            } else {
                return i + 1;
            }
        }
        return i;
    }
}
