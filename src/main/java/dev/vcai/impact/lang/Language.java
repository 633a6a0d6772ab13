package dev.vcai.impact.lang;

import java.util.Locale;

/** The languages whose imports vcai reads, told from a file's extension; any other file is {@link #OTHER}. */
public enum Language {
    JAVA, KOTLIN, SCRIPT, PYTHON, GO, OTHER;

    public static Language of(String path) {
        int dot = path.lastIndexOf('.');
        if (dot < 0 || dot < path.lastIndexOf('/')) {
            return OTHER;
        }
        return switch (path.substring(dot + 1).toLowerCase(Locale.ROOT)) {
            case "java" -> JAVA;
            case "kt", "kts" -> path.endsWith(".gradle.kts") ? OTHER : KOTLIN;
            case "js", "jsx", "mjs", "cjs", "ts", "tsx", "mts", "cts" -> SCRIPT;
            case "py", "pyi" -> PYTHON;
            case "go" -> GO;
            default -> OTHER;
        };
    }

    /** Whether files of this language take part in the import graph. */
    public boolean hasImports() {
        return this != OTHER;
    }
}
