package dev.vcai.impact.lang;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Python: {@code import a.b [as c], d} and {@code from [..]a import (b, c)}, anywhere in the file (imports inside
 * functions and {@code try} blocks count too). Its own small tokenizer joins bracketed and backslash-continued lines
 * and skips comments and every kind of string literal (prefixed, triple-quoted), so a docstring mentioning
 * {@code import os} is not an import.
 */
final class PythonSource {
    private PythonSource() {
    }

    static SourceFacts read(String source) {
        Set<String> imports = new LinkedHashSet<>();
        for (List<String> statement : statements(source)) {
            if (statement.isEmpty()) {
                continue;
            }
            if (statement.get(0).equals("import")) {
                for (List<String> part : split(statement.subList(1, statement.size()))) {
                    String name = dotted(part, 0);
                    if (!name.isEmpty()) {
                        imports.add(name);
                    }
                }
            } else if (statement.get(0).equals("from")) {
                int i = 1;
                StringBuilder module = new StringBuilder();
                while (i < statement.size() && !statement.get(i).equals("import")) {
                    module.append(statement.get(i++));
                }
                if (i == statement.size() || module.isEmpty()) {
                    continue;
                }
                String base = module.toString();
                imports.add(base);
                for (List<String> part : split(statement.subList(i + 1, statement.size()))) {
                    String name = dotted(part, 0);
                    if (!name.isEmpty() && !name.equals("*")) {
                        imports.add(base.endsWith(".") ? base + name : base + "." + name); // the name may be a submodule
                    }
                }
            }
        }
        return new SourceFacts(Language.PYTHON, List.of(), new ArrayList<>(imports), true);
    }

    /** Splits on commas, dropping parentheses; each part is a dotted name, maybe with {@code as alias}. */
    private static List<List<String>> split(List<String> tokens) {
        List<List<String>> parts = new ArrayList<>();
        List<String> current = new ArrayList<>();
        for (String t : tokens) {
            if (t.equals(",")) {
                parts.add(current);
                current = new ArrayList<>();
            } else if (!t.equals("(") && !t.equals(")")) {
                current.add(t);
            }
        }
        parts.add(current);
        return parts;
    }

    private static String dotted(List<String> part, int i) {
        StringBuilder name = new StringBuilder();
        for (; i < part.size() && !part.get(i).equals("as"); i++) {
            name.append(part.get(i));
        }
        return name.toString();
    }

    /** Logical statements as lists of tokens (names, dots, punctuation); strings and comments are left out. */
    static List<List<String>> statements(String src) {
        List<List<String>> statements = new ArrayList<>();
        List<String> current = new ArrayList<>();
        int brackets = 0;
        int i = 0;
        while (i < src.length()) {
            char c = src.charAt(i);
            if (c == '#') {
                while (i < src.length() && src.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '\\' && i + 1 < src.length() && src.charAt(i + 1) == '\n') {
                i += 2;
            } else if (c == '\n' || c == ';') {
                if (brackets == 0 || c == ';') {
                    statements.add(current);
                    current = new ArrayList<>();
                    brackets = 0;
                }
                i++;
            } else if (c == '"' || c == '\'') {
                i = skipString(src, i);
                current.add("\"\""); // a string is a value: 'x'.join(...) is not an import statement
            } else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < src.length() && (Character.isLetterOrDigit(src.charAt(i)) || src.charAt(i) == '_')) {
                    i++;
                }
                String word = src.substring(start, i);
                if (i < src.length() && (src.charAt(i) == '"' || src.charAt(i) == '\'') && word.length() <= 2
                        && word.toLowerCase().chars().allMatch(ch -> "rbuf".indexOf(ch) >= 0)) {
                    i = skipString(src, i); // a prefixed string: r'...', b"...", f'''...'''
                    current.add("\"\"");
                } else {
                    current.add(word);
                }
            } else if (Character.isWhitespace(c)) {
                i++;
            } else {
                if (c == '(' || c == '[' || c == '{') {
                    brackets++;
                } else if ((c == ')' || c == ']' || c == '}') && brackets > 0) {
                    brackets--;
                }
                current.add(String.valueOf(c));
                i++;
            }
        }
        statements.add(current);
        return statements;
    }

    private static int skipString(String src, int i) {
        char quote = src.charAt(i);
        boolean triple = src.startsWith(String.valueOf(quote).repeat(3), i);
        String end = triple ? String.valueOf(quote).repeat(3) : String.valueOf(quote);
        i += end.length();
        while (i < src.length()) {
            char c = src.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (src.startsWith(end, i)) {
                return i + end.length();
            } else if (c == '\n' && !triple) {
                return i;
            } else {
                i++;
            }
        }
        return i;
    }
}
