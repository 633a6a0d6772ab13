package dev.vcai.impact.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.javaparser.GeneratedJavaParserConstants;
import com.github.javaparser.GeneratedJavaParserTokenManager;
import com.github.javaparser.Providers;
import com.github.javaparser.SimpleCharStream;
import com.github.javaparser.Token;
import com.github.javaparser.UnicodeEscapeProcessingProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Java is read with our lexer; JavaParser's lexer is the reference it is held to: on every Java file of this project
 * (and on the tricky cases below) both must give the same names, string literals and the punctuation the facts are
 * read from. Numbers and multi-character operators are left out: the lexers split them differently and no fact
 * depends on them.
 */
class JavaLexerAgainstJavaParserTest {
    private static final String STRUCTURE = "{}();.*@";

    @Test
    void everyJavaFileOfThisProjectLexesAsJavaParserLexesIt() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(Path.of("src"))) {
            files = walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
        assertTrue(files.size() > 100, "the project's own sources: " + files.size());
        for (Path file : files) {
            byte[] source = Files.readAllBytes(file);
            assertEquals(javaParser(source), ours(source), file.toString());
        }
    }

    @Test
    void trickyCasesLexAsJavaParserLexesThem() {
        for (String source : List.of(
                "class A { String s = \"a \\\" b // c\"; char q = '\\''; char d = '\"'; /* \"x */ int x; }",
                "class B { String t = \"\"\"\n  import ghost.G; \\\"\"\" still\n  \"\"\"; Object o; }",
                "class C { // comment \\u000A import escaped.E;\n}",
                "class D { String s = \"\\\\u0041\"; \\u0055tf u; char c = '\\u0041'; }",
                "class E { /** {@link ghost.Doc} */ java.util.List<E> l = new java.util.ArrayList<>(); }",
                "@interface F { int[] v() default {1, 0x1F, 1_000}; }",
                "record G(int a, String... rest) implements H { G { Runnable r = () -> {}; } }",
                "class Ünïcode { String naïve = \"ä\"; int café; }")) {
            byte[] bytes = source.getBytes(StandardCharsets.UTF_8);
            assertEquals(javaParser(bytes), ours(bytes), source);
        }
    }

    private static List<String> ours(byte[] source) {
        Lexer.Tokens tokens = Lexer.tokenize(JvmSource.unicodeEscapesTranslated(source), Lexer.Flavor.JAVA);
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            switch (tokens.kind(i)) {
                case IDENT -> seen.add(tokens.text(i));
                case STRING -> seen.add("<string>");
                case PUNCT -> {
                    String text = tokens.text(i);
                    if (STRUCTURE.contains(text)) {
                        seen.add(text);
                    }
                }
                case NEWLINE -> { }
            }
        }
        return seen;
    }

    private static List<String> javaParser(byte[] source) {
        String text = new String(source, StandardCharsets.UTF_8);
        GeneratedJavaParserTokenManager lexer = new GeneratedJavaParserTokenManager(
                new SimpleCharStream(new UnicodeEscapeProcessingProvider(Providers.provider(text))));
        List<String> seen = new ArrayList<>();
        for (Token t = lexer.getNextToken(); t.kind != GeneratedJavaParserConstants.EOF; t = lexer.getNextToken()) {
            if (t.kind == GeneratedJavaParserConstants.STRING_LITERAL || t.kind == GeneratedJavaParserConstants.CHARACTER_LITERAL
                    || t.kind == GeneratedJavaParserConstants.TEXT_BLOCK_LITERAL) {
                seen.add("<string>");
            } else if (Character.isJavaIdentifierStart(t.image.charAt(0))) {
                seen.add(t.image);
            } else if (!Character.isDigit(t.image.charAt(0)) && !(t.image.length() > 1 && t.image.charAt(0) == '.' && Character.isDigit(t.image.charAt(1)))) {
                t.image.chars().filter(c -> STRUCTURE.indexOf(c) >= 0).forEach(c -> seen.add(Character.toString(c)));
            }
        }
        return seen;
    }
}
