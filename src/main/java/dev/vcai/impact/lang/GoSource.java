package dev.vcai.impact.lang;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Go: {@code import "p"}, {@code import alias "p"} and the parenthesised block form. */
final class GoSource {
    private GoSource() {
    }

    static SourceFacts read(byte[] source) {
        Lexer.Tokens tokens = Lexer.tokenize(source, Lexer.Flavor.GO);
        int n = tokens.size();
        Set<String> imports = new LinkedHashSet<>();
        for (int i = 0; i < n; i++) {
            if (!tokens.is(i, "import")) {
                continue;
            }
            int j = i + 1;
            if (j < n && tokens.is(j, '(')) {
                for (j++; j < n && !tokens.is(j, ')'); j++) {
                    if (tokens.kind(j) == Lexer.Kind.STRING) {
                        imports.add(tokens.text(j));
                    }
                }
            } else {
                while (j < n && (tokens.kind(j) == Lexer.Kind.IDENT || tokens.is(j, '.'))) {
                    j++; // an alias, '_' or '.'
                }
                if (j < n && tokens.kind(j) == Lexer.Kind.STRING) {
                    imports.add(tokens.text(j));
                }
            }
            i = j;
        }
        imports.remove("");
        return new SourceFacts(Language.GO, List.of(), new ArrayList<>(imports), true);
    }
}
