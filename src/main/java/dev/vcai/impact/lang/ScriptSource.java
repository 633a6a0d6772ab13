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

    static SourceFacts read(byte[] source) {
        Lexer.Tokens tokens = Lexer.tokenize(source, Lexer.Flavor.SCRIPT);
        int n = tokens.size();
        Set<String> specifiers = new LinkedHashSet<>();
        for (int i = 0; i < n; i++) {
            boolean member = i > 0 && (tokens.is(i - 1, '.') || tokens.is(i - 1, '?'));
            if (member || tokens.kind(i) != Lexer.Kind.IDENT) {
                continue;
            }
            if ((tokens.is(i, "require") || tokens.is(i, "import")) && literalCall(tokens, i + 1)) {
                specifiers.add(tokens.text(i + 2));
            } else if (tokens.is(i, "import") && i + 1 < n && tokens.kind(i + 1) == Lexer.Kind.STRING) {
                specifiers.add(tokens.text(i + 1)); // import 'side-effect'
            } else if (tokens.is(i, "from") && i + 1 < n && tokens.kind(i + 1) == Lexer.Kind.STRING && followsClause(tokens, i)) {
                specifiers.add(tokens.text(i + 1));
            }
        }
        specifiers.remove("");
        return new SourceFacts(Language.SCRIPT, List.of(), new ArrayList<>(specifiers), true);
    }

    /** {@code ( 'literal' )} or {@code ( 'literal' ,} starting at i. */
    private static boolean literalCall(Lexer.Tokens tokens, int i) {
        return i + 2 < tokens.size() && tokens.is(i, '(') && tokens.kind(i + 1) == Lexer.Kind.STRING
                && (tokens.is(i + 2, ')') || tokens.is(i + 2, ','));
    }

    /** Whether the {@code from} at i ends an import or export clause (and is not, say, a variable named from). */
    private static boolean followsClause(Lexer.Tokens tokens, int i) {
        for (int j = i - 1; j >= 0 && j >= i - 200; j--) {
            if (tokens.is(j, "import") || tokens.is(j, "export")) {
                return j == 0 || !tokens.is(j - 1, '.');
            }
            if (tokens.is(j, ';') || tokens.is(j, '=') || tokens.is(j, '(') || tokens.is(j, ')')) {
                return false;
            }
        }
        return false;
    }
}
