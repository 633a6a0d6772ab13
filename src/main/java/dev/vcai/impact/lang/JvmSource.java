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
import java.nio.charset.StandardCharsets;
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

    static SourceFacts java(byte[] source) {
        ParseResult<CompilationUnit> result;
        try {
            result = PARSER.get().parse(new String(source, StandardCharsets.UTF_8));
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

    static SourceFacts kotlin(byte[] source) {
        return tokens(source, Lexer.Flavor.KOTLIN, Language.KOTLIN);
    }

    /** Package, imports, top-level declarations and capitalised names, read from the token stream. */
    private static SourceFacts tokens(byte[] source, Lexer.Flavor flavor, Language language) {
        Lexer.Tokens tokens = Lexer.tokenize(source, flavor);
        int n = tokens.size();
        List<String> declared = new ArrayList<>();
        Set<String> imports = new LinkedHashSet<>();
        Set<String> uses = new LinkedHashSet<>();
        int depth = 0;
        int parens = 0;
        boolean lineStart = true;
        for (int i = 0; i < n; i++) {
            Lexer.Kind kind = tokens.kind(i);
            if (kind == Lexer.Kind.NEWLINE || tokens.is(i, ';')) {
                lineStart = true;
                continue;
            }
            boolean atLineStart = lineStart;
            lineStart = false;
            if (kind == Lexer.Kind.PUNCT) {
                if (tokens.is(i, '(')) {
                    parens++;
                } else if (tokens.is(i, ')')) {
                    parens = Math.max(0, parens - 1);
                } else if (tokens.is(i, '{')) {
                    depth++;
                } else if (tokens.is(i, '}')) {
                    depth = Math.max(0, depth - 1);
                }
            } else if (kind != Lexer.Kind.IDENT) {
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
            } else if (tokens.startsUpperCase(i) && (i == 0 || !tokens.is(i - 1, '.'))) {
                uses.add(tokens.text(i));
            }
        }
        uses.forEach(u -> imports.add("use:" + u));
        return new SourceFacts(language, declared, new ArrayList<>(imports), true);
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
