package dev.vcai.impact.lang;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.ImportDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Java (with JavaParser, the tokenizer as a fallback for files it rejects) and Kotlin (with the tokenizer). */
final class JvmSource {
    // RAW: the newest grammar without the per-level validators, which only reject code javac would reject anyway
    // and cost about half of the parse.
    private static final ThreadLocal<JavaParser> PARSER = ThreadLocal.withInitial(() -> new JavaParser(new ParserConfiguration()
            .setLanguageLevel(ParserConfiguration.LanguageLevel.RAW).setAttributeComments(false).setStoreTokens(false)
            .setLexicalPreservationEnabled(false)));

    private JvmSource() {
    }

    static SourceFacts java(String source) {
        ParseResult<CompilationUnit> result;
        try {
            result = PARSER.get().parse(source);
        } catch (RuntimeException | StackOverflowError e) {
            result = null;
        }
        if (result == null || result.getResult().isEmpty() || !result.isSuccessful()) {
            return tokens(source, Lexer.Flavor.JAVA, Language.JAVA);
        }
        CompilationUnit unit = result.getResult().get();
        List<String> declared = new ArrayList<>();
        unit.getPackageDeclaration().ifPresent(p -> declared.add("package:" + p.getNameAsString()));
        for (TypeDeclaration<?> type : unit.getTypes()) {
            declared.add("type:" + type.getNameAsString());
        }
        Set<String> imports = new LinkedHashSet<>();
        for (ImportDeclaration i : unit.getImports()) {
            String name = i.getNameAsString();
            imports.add((i.isStatic() ? (i.isAsterisk() ? "staticwild:" : "static:") : (i.isAsterisk() ? "wild:" : "import:")) + name);
        }
        Set<String> uses = new LinkedHashSet<>();
        unit.findAll(ClassOrInterfaceType.class).forEach(t -> uses.add(t.getNameWithScope()));
        unit.findAll(AnnotationExpr.class).forEach(a -> uses.add(a.getNameAsString()));
        unit.findAll(NameExpr.class).forEach(n -> uses.add(n.getNameAsString()));
        for (String use : uses) {
            if (!use.isEmpty() && Character.isUpperCase(use.charAt(use.lastIndexOf('.') + 1))) {
                imports.add("use:" + use);
            }
        }
        return new SourceFacts(Language.JAVA, declared, new ArrayList<>(imports), true);
    }

    static SourceFacts kotlin(String source) {
        return tokens(source, Lexer.Flavor.KOTLIN, Language.KOTLIN);
    }

    /** Package, imports, top-level declarations and capitalised names, read from the token stream. */
    private static SourceFacts tokens(String source, Lexer.Flavor flavor, Language language) {
        List<Lexer.Token> tokens = Lexer.tokenize(source, flavor);
        List<String> declared = new ArrayList<>();
        Set<String> imports = new LinkedHashSet<>();
        Set<String> uses = new LinkedHashSet<>();
        int depth = 0;
        int parens = 0;
        boolean lineStart = true;
        for (int i = 0; i < tokens.size(); i++) {
            Lexer.Token t = tokens.get(i);
            if (t.kind() == Lexer.Kind.NEWLINE || t.is(";")) {
                lineStart = true;
                continue;
            }
            boolean atLineStart = lineStart;
            lineStart = false;
            if (t.is("(")) {
                parens++;
            } else if (t.is(")")) {
                parens = Math.max(0, parens - 1);
            } else if (t.is("{")) {
                depth++;
            } else if (t.is("}")) {
                depth = Math.max(0, depth - 1);
            } else if (depth == 0 && atLineStart && t.is("package")) {
                declared.add("package:" + dotted(tokens, i + 1));
                i = skipDotted(tokens, i + 1);
            } else if (depth == 0 && atLineStart && t.is("import")) {
                boolean isStatic = i + 1 < tokens.size() && tokens.get(i + 1).is("static");
                int from = isStatic ? i + 2 : i + 1;
                String name = dotted(tokens, from);
                int end = skipDotted(tokens, from);
                boolean wildcard = end + 1 < tokens.size() && tokens.get(end).is(".") && tokens.get(end + 1).is("*");
                if (!name.isEmpty()) {
                    imports.add((isStatic ? (wildcard ? "staticwild:" : "static:") : (wildcard ? "wild:" : "import:")) + name);
                }
                i = end;
                while (i + 1 < tokens.size() && tokens.get(i + 1).kind() != Lexer.Kind.NEWLINE && !tokens.get(i + 1).is(";")) {
                    i++; // the rest of the line: 'as Alias'
                }
            } else if (t.kind() == Lexer.Kind.IDENT) {
                if (depth == 0 && declaresType(t.text()) && i + 1 < tokens.size() && tokens.get(i + 1).kind() == Lexer.Kind.IDENT
                        && !tokens.get(i + 1).is("class")) { // 'enum class X': the 'class' declares it
                    declared.add("type:" + tokens.get(i + 1).text());
                    i++;
                } else if (depth == 0 && parens == 0 && language == Language.KOTLIN && (t.is("fun") || t.is("val") || t.is("var"))) {
                    String name = kotlinMemberName(tokens, i + 1);
                    if (name != null) {
                        declared.add("type:" + name);
                    }
                } else if (Character.isUpperCase(t.text().charAt(0)) && (i == 0 || !tokens.get(i - 1).is("."))) {
                    uses.add(t.text());
                }
            }
        }
        uses.forEach(u -> imports.add("use:" + u));
        return new SourceFacts(language, declared, new ArrayList<>(imports), true);
    }

    private static boolean declaresType(String word) {
        return switch (word) {
            case "class", "interface", "enum", "record", "object", "typealias" -> true;
            default -> false;
        };
    }

    /** The name a top-level {@code fun}/{@code val} declares: the last name before its parameters or type. */
    private static String kotlinMemberName(List<Lexer.Token> tokens, int i) {
        if (i < tokens.size() && tokens.get(i).is("<")) {
            i = closing(tokens, i) + 1;
        }
        String last = null;
        for (; i < tokens.size(); i++) {
            Lexer.Token t = tokens.get(i);
            if (t.kind() == Lexer.Kind.IDENT) {
                last = t.text();
            } else if (t.is("<")) {
                i = closing(tokens, i); // a receiver's type arguments: List<T>.second
            } else if (!t.is(".") && !t.is("?")) {
                break;
            }
        }
        return last;
    }

    /** The index of the {@code >} that closes the {@code <} at i. */
    private static int closing(List<Lexer.Token> tokens, int i) {
        int nesting = 0;
        for (; i < tokens.size(); i++) {
            if (tokens.get(i).is("<")) {
                nesting++;
            } else if (tokens.get(i).is(">") && --nesting == 0) {
                return i;
            }
        }
        return i;
    }

    private static String dotted(List<Lexer.Token> tokens, int i) {
        StringBuilder name = new StringBuilder();
        while (i < tokens.size() && tokens.get(i).kind() == Lexer.Kind.IDENT) {
            name.append(tokens.get(i).text());
            if (i + 2 < tokens.size() && tokens.get(i + 1).is(".") && tokens.get(i + 2).kind() == Lexer.Kind.IDENT) {
                name.append('.');
                i += 2;
            } else {
                break;
            }
        }
        return name.toString();
    }

    /** The index of the first token after a dotted name starting at i. */
    private static int skipDotted(List<Lexer.Token> tokens, int i) {
        while (i < tokens.size() && tokens.get(i).kind() == Lexer.Kind.IDENT) {
            if (i + 2 < tokens.size() && tokens.get(i + 1).is(".") && tokens.get(i + 2).kind() == Lexer.Kind.IDENT) {
                i += 2;
            } else {
                return i + 1;
            }
        }
        return i;
    }
}
