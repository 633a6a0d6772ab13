package dev.vcai.impact.lang;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * JavaScript and TypeScript: {@code import ... from 'x'}, {@code import 'x'}, {@code export ... from 'x'},
 * {@code import('x')}, {@code require('x')} and TypeScript's {@code import x = require('x')}. Only a literal
 * specifier counts: {@code import(name)} cannot be resolved without running the code.
 */
final class ScriptSource {
    private ScriptSource() {
    }

    static SourceFacts read(String source) {
        List<Lexer.Token> tokens = new ArrayList<>();
        for (Lexer.Token t : Lexer.tokenize(source, Lexer.Flavor.SCRIPT)) {
            if (t.kind() != Lexer.Kind.NEWLINE) {
                tokens.add(t);
            }
        }
        Set<String> specifiers = new LinkedHashSet<>();
        for (int i = 0; i < tokens.size(); i++) {
            Lexer.Token t = tokens.get(i);
            boolean member = i > 0 && (tokens.get(i - 1).is(".") || tokens.get(i - 1).is("?"));
            if (member || t.kind() != Lexer.Kind.IDENT) {
                continue;
            }
            if ((t.is("require") || t.is("import")) && literalCall(tokens, i + 1)) {
                specifiers.add(tokens.get(i + 2).text());
            } else if (t.is("import") && i + 1 < tokens.size() && tokens.get(i + 1).kind() == Lexer.Kind.STRING) {
                specifiers.add(tokens.get(i + 1).text()); // import 'side-effect'
            } else if (t.is("from") && i + 1 < tokens.size() && tokens.get(i + 1).kind() == Lexer.Kind.STRING && followsClause(tokens, i)) {
                specifiers.add(tokens.get(i + 1).text());
            }
        }
        specifiers.remove("");
        return new SourceFacts(Language.SCRIPT, List.of(), new ArrayList<>(specifiers), true);
    }

    /** {@code ( 'literal' )} or {@code ( 'literal' ,} starting at i. */
    private static boolean literalCall(List<Lexer.Token> tokens, int i) {
        return i + 2 < tokens.size() && tokens.get(i).is("(") && tokens.get(i + 1).kind() == Lexer.Kind.STRING
                && (tokens.get(i + 2).is(")") || tokens.get(i + 2).is(","));
    }

    /** Whether the {@code from} at i ends an import or export clause (and is not, say, a variable named from). */
    private static boolean followsClause(List<Lexer.Token> tokens, int i) {
        for (int j = i - 1; j >= 0 && j >= i - 200; j--) {
            Lexer.Token t = tokens.get(j);
            if (t.is("import") || t.is("export")) {
                return j == 0 || !tokens.get(j - 1).is(".");
            }
            if (t.is(";") || t.is("=") || t.is("(") || t.is(")")) {
                return false;
            }
        }
        return false;
    }
}
