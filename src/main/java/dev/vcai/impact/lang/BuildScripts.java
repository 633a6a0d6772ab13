package dev.vcai.impact.lang;

import java.util.ArrayList;
import java.util.List;

/** Gradle scripts (Groovy or Kotlin DSL) read with the tokenizer: which projects they include or depend on. */
public final class BuildScripts {
    private BuildScripts() {
    }

    /** The project paths a settings script includes: {@code include ':a', ':b:c'} or {@code include("a")}. */
    public static List<String> gradleIncludes(byte[] source) {
        Lexer.Tokens tokens = Lexer.tokenize(source, Lexer.Flavor.KOTLIN);
        int n = tokens.size();
        List<String> includes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (!tokens.is(i, "include") || (i > 0 && tokens.is(i - 1, '.'))) {
                continue;
            }
            for (int j = i + 1; j < n; j++) {
                if (tokens.kind(j) == Lexer.Kind.STRING) {
                    includes.add(tokens.text(j));
                } else if (!(tokens.is(j, '(') || tokens.is(j, ',') || tokens.kind(j) == Lexer.Kind.NEWLINE && tokens.is(j - 1, ','))) {
                    break;
                }
            }
        }
        return includes;
    }

    /**
     * The projects a build script depends on: {@code project(':x')} and {@code project(path: ':x')} give the project
     * path; a type-safe accessor {@code projects.okhttpTls} gives {@code accessor:okhttpTls} (the caller matches it
     * to a project path).
     */
    public static List<String> gradleProjectDependencies(byte[] source) {
        Lexer.Tokens tokens = Lexer.tokenize(source, Lexer.Flavor.KOTLIN);
        int n = tokens.size();
        List<String> projects = new ArrayList<>();
        for (int i = 0; i + 2 < n; i++) {
            if (tokens.is(i, "projects") && tokens.is(i + 1, '.') && tokens.kind(i + 2) == Lexer.Kind.IDENT
                    && (i == 0 || !tokens.is(i - 1, '.'))) {
                StringBuilder accessor = new StringBuilder(tokens.text(i + 2));
                int j = i + 3;
                while (j + 1 < n && tokens.is(j, '.') && tokens.kind(j + 1) == Lexer.Kind.IDENT) {
                    accessor.append('.').append(tokens.text(j + 1));
                    j += 2;
                }
                projects.add("accessor:" + accessor);
                continue;
            }
            if (!tokens.is(i, "project") || !tokens.is(i + 1, '(')) {
                continue;
            }
            int j = i + 2;
            if (tokens.is(j, "path") && j + 2 < n && (tokens.is(j + 1, ':') || tokens.is(j + 1, '='))) {
                j += 2;
            }
            if (j < n && tokens.kind(j) == Lexer.Kind.STRING) {
                projects.add(tokens.text(j));
            }
        }
        return projects;
    }
}
