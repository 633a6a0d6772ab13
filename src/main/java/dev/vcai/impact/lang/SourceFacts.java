package dev.vcai.impact.lang;

import java.util.List;

/**
 * What one source file says about its dependencies, before anything is resolved against the rest of the tree. The
 * strings depend on the file's content only (never on its path), so they can be cached by blob id.
 *
 * <ul>
 * <li>Java and Kotlin: {@code declared} holds {@code package:a.b} and {@code type:Name} (top-level types and, for
 * Kotlin, top-level functions and properties); {@code imports} holds {@code import:a.b.C}, {@code static:a.b.C.m},
 * {@code wild:a.b}, {@code staticwild:a.b.C} and {@code use:Name} for each type-like name the code uses.</li>
 * <li>JavaScript and TypeScript: {@code imports} are the module specifiers as written ({@code ./x}, {@code @scope/pkg}).</li>
 * <li>Python: {@code imports} are dotted module names, relative ones with their leading dots ({@code ..pkg.mod}).</li>
 * <li>Go: {@code imports} are import paths.</li>
 * </ul>
 *
 * @param parsed false when the file could not be read (it then counts at file and directory level only)
 */
public record SourceFacts(Language language, List<String> declared, List<String> imports, boolean parsed) {
    public static final SourceFacts NONE = new SourceFacts(Language.OTHER, List.of(), List.of(), false);

    public SourceFacts {
        declared = List.copyOf(declared);
        imports = List.copyOf(imports);
    }
}
