package dev.vcai.impact.lang;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits C-family source (JavaScript, TypeScript, Kotlin, Go, Gradle scripts, Java as a fallback) into identifiers,
 * string literals and punctuation, dropping comments, so that an import written in a comment or a string is never
 * taken for a real one. Each language's quirks are a {@link Flavor}: Kotlin nests block comments and has raw
 * {@code """} strings with templates, JavaScript has template literals and regular expression literals, Go has raw
 * back-quoted strings. String values are unescaped only as far as imports need (quotes and backslashes).
 */
final class Lexer {
    enum Flavor { JAVA, KOTLIN, SCRIPT, GO }

    enum Kind { IDENT, STRING, PUNCT, NEWLINE }

    record Token(Kind kind, String text) {
        boolean is(String s) {
            return kind != Kind.STRING && text.equals(s);
        }
    }

    private final String src;
    private final Flavor flavor;
    private final List<Token> tokens = new ArrayList<>();
    private int pos;

    private Lexer(String src, Flavor flavor) {
        this.src = src;
        this.flavor = flavor;
    }

    static List<Token> tokenize(String src, Flavor flavor) {
        Lexer lexer = new Lexer(src, flavor);
        lexer.run(-1);
        return lexer.tokens;
    }

    /** Lexes until the end, or (inside a template expression) until the brace that closes it at depth 0. */
    private void run(int stopAtDepth) {
        int depth = 0;
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (c == '\n') {
                tokens.add(new Token(Kind.NEWLINE, "\n"));
                pos++;
            } else if (Character.isWhitespace(c)) {
                pos++;
            } else if (c == '/' && peek(1) == '/') {
                skipLine();
            } else if (c == '/' && peek(1) == '*') {
                skipBlockComment();
            } else if (c == '"' || c == '\'' || c == '`') {
                string(c);
            } else if (c == '/' && flavor == Flavor.SCRIPT && regexAllowed()) {
                skipRegex();
            } else if (Character.isJavaIdentifierStart(c)) {
                int start = pos;
                while (pos < src.length() && Character.isJavaIdentifierPart(src.charAt(pos))) {
                    pos++;
                }
                tokens.add(new Token(Kind.IDENT, src.substring(start, pos)));
            } else if (Character.isDigit(c)) {
                while (pos < src.length() && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '.' || src.charAt(pos) == '_')) {
                    pos++;
                }
                tokens.add(new Token(Kind.PUNCT, "0"));
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
                tokens.add(new Token(Kind.PUNCT, String.valueOf(c)));
                pos++;
            }
        }
    }

    private char peek(int ahead) {
        return pos + ahead < src.length() ? src.charAt(pos + ahead) : '\0';
    }

    private void skipLine() {
        while (pos < src.length() && src.charAt(pos) != '\n') {
            pos++;
        }
    }

    private void skipBlockComment() {
        int nesting = 0;
        pos += 2;
        while (pos < src.length()) {
            if (src.startsWith("*/", pos)) {
                pos += 2;
                if (nesting-- == 0) {
                    return;
                }
            } else if (flavor == Flavor.KOTLIN && src.startsWith("/*", pos)) {
                nesting++;
                pos += 2;
            } else {
                pos++;
            }
        }
    }

    private void string(char quote) {
        boolean raw = quote == '`' && flavor == Flavor.GO;
        boolean template = quote == '`' && flavor == Flavor.SCRIPT;
        boolean kotlinRaw = flavor == Flavor.KOTLIN && quote == '"' && src.startsWith("\"\"\"", pos);
        boolean textBlock = flavor == Flavor.JAVA && quote == '"' && src.startsWith("\"\"\"", pos);
        boolean templates = template || flavor == Flavor.KOTLIN;
        String end = kotlinRaw || textBlock ? "\"\"\"" : String.valueOf(quote);
        pos += end.length();
        StringBuilder value = new StringBuilder();
        boolean plain = true;
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (c == '\\' && !raw && !kotlinRaw) {
                if (pos + 1 < src.length()) {
                    value.append(src.charAt(pos + 1));
                }
                pos += 2;
            } else if (src.startsWith(end, pos)) {
                pos += end.length();
                while (kotlinRaw && pos < src.length() && src.charAt(pos) == '"') {
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
                value.append(c);
                pos++;
            }
        }
        tokens.add(new Token(Kind.STRING, plain ? value.toString() : ""));
    }

    /** In JavaScript a slash starts a regular expression unless it follows something that has a value. */
    private boolean regexAllowed() {
        for (int i = tokens.size() - 1; i >= 0; i--) {
            Token t = tokens.get(i);
            if (t.kind() == Kind.NEWLINE) {
                continue;
            }
            if (t.kind() == Kind.STRING) {
                return false;
            }
            if (t.kind() == Kind.IDENT) {
                return switch (t.text()) {
                    case "return", "typeof", "instanceof", "in", "of", "new", "delete", "void", "throw", "case", "do", "else", "yield", "await" -> true;
                    default -> false;
                };
            }
            return !(t.text().equals(")") || t.text().equals("]") || t.text().equals("}") || t.text().equals("0"));
        }
        return true;
    }

    private void skipRegex() {
        pos++;
        boolean inClass = false;
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (c == '\\') {
                pos += 2;
                continue;
            }
            if (c == '\n') {
                return;
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
        while (pos < src.length() && Character.isLetter(src.charAt(pos))) {
            pos++;
        }
        tokens.add(new Token(Kind.PUNCT, "0")); // a regular expression is a value, like a number
    }
}
