package dev.vcai.impact.lang;

import java.util.ArrayList;
import java.util.List;

/** Gradle scripts (Groovy or Kotlin DSL) read with the tokenizer: which projects they include or depend on. */
public final class BuildScripts {
    private BuildScripts() {
    }

    /** The project paths a settings script includes: {@code include ':a', ':b:c'} or {@code include("a")}. */
    public static List<String> gradleIncludes(String source) {
        List<Lexer.Token> tokens = Lexer.tokenize(source, Lexer.Flavor.KOTLIN);
        List<String> includes = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            if (!tokens.get(i).is("include") || (i > 0 && tokens.get(i - 1).is("."))) {
                continue;
            }
            for (int j = i + 1; j < tokens.size(); j++) {
                Lexer.Token t = tokens.get(j);
                if (t.kind() == Lexer.Kind.STRING) {
                    includes.add(t.text());
                } else if (!(t.is("(") || t.is(",") || t.kind() == Lexer.Kind.NEWLINE && tokens.get(j - 1).is(","))) {
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
    public static List<String> gradleProjectDependencies(String source) {
        List<Lexer.Token> tokens = Lexer.tokenize(source, Lexer.Flavor.KOTLIN);
        List<String> projects = new ArrayList<>();
        for (int i = 0; i + 2 < tokens.size(); i++) {
            if (tokens.get(i).is("projects") && tokens.get(i + 1).is(".") && tokens.get(i + 2).kind() == Lexer.Kind.IDENT
                    && (i == 0 || !tokens.get(i - 1).is("."))) {
                StringBuilder accessor = new StringBuilder(tokens.get(i + 2).text());
                int j = i + 3;
                while (j + 1 < tokens.size() && tokens.get(j).is(".") && tokens.get(j + 1).kind() == Lexer.Kind.IDENT) {
                    accessor.append('.').append(tokens.get(j + 1).text());
                    j += 2;
                }
                projects.add("accessor:" + accessor);
                continue;
            }
            if (!tokens.get(i).is("project") || !tokens.get(i + 1).is("(")) {
                continue;
            }
            int j = i + 2;
            if (tokens.get(j).is("path") && j + 2 < tokens.size() && (tokens.get(j + 1).is(":") || tokens.get(j + 1).is("="))) {
                j += 2;
            }
            if (j < tokens.size() && tokens.get(j).kind() == Lexer.Kind.STRING) {
                projects.add(tokens.get(j).text());
            }
        }
        return projects;
    }
}
