package dev.vcai.impact.lang;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Go: {@code import "p"}, {@code import alias "p"} and the parenthesised block form. */
final class GoSource {
    private GoSource() {
    }

    static SourceFacts read(String source) {
        List<Lexer.Token> tokens = Lexer.tokenize(source, Lexer.Flavor.GO);
        Set<String> imports = new LinkedHashSet<>();
        for (int i = 0; i < tokens.size(); i++) {
            if (!tokens.get(i).is("import")) {
                continue;
            }
            int j = i + 1;
            if (j < tokens.size() && tokens.get(j).is("(")) {
                for (j++; j < tokens.size() && !tokens.get(j).is(")"); j++) {
                    if (tokens.get(j).kind() == Lexer.Kind.STRING) {
                        imports.add(tokens.get(j).text());
                    }
                }
            } else {
                while (j < tokens.size() && (tokens.get(j).kind() == Lexer.Kind.IDENT || tokens.get(j).is("."))) {
                    j++; // an alias, '_' or '.'
                }
                if (j < tokens.size() && tokens.get(j).kind() == Lexer.Kind.STRING) {
                    imports.add(tokens.get(j).text());
                }
            }
            i = j;
        }
        imports.remove("");
        return new SourceFacts(Language.GO, List.of(), new ArrayList<>(imports), true);
    }
}
