package dev.vcai.impact;

import dev.vcai.impact.build.Layout;
import dev.vcai.impact.lang.Language;
import dev.vcai.impact.lang.SourceFacts;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Turns a file's facts into the keys it provides and the keys it requests: file A depends on file B when A requests
 * a key B provides. Keys are namespaced strings: {@code java:a.b.C} (a JVM type), {@code js:src/x} (a script
 * module, its path without extension), {@code py:a.b} (a Python module, under every suffix of its path, since the
 * source root is not known), {@code go:example.com/m/p} and {@code godir:p} (a Go package). Matching by key makes
 * the graph incremental: adding or removing a file changes only its own keys, never another file's.
 */
final class Keys {
    private static final List<String> SCRIPT_EXTENSIONS = List.of(".d.ts", ".tsx", ".ts", ".jsx", ".js", ".mjs", ".cjs", ".mts", ".cts", ".json");

    private Keys() {
    }

    /**
     * Whether a file's keys depend on the layout (tsconfig, package names, go.mod) and so change with it: Go files,
     * and scripts importing a bare specifier (relative imports resolve without the layout).
     */
    static boolean layoutDependent(SourceFacts facts) {
        return switch (facts.language()) {
            case GO -> true;
            case SCRIPT -> facts.imports().stream().anyMatch(Keys::bare);
            default -> false;
        };
    }

    /**
     * What differs between two layouts for import resolution, compared once for all the files of a tree: Go module
     * paths, tsconfig files, and the names of the npm packages added, removed or changed.
     */
    record LayoutChange(Layout before, Layout after, boolean goModules, boolean tsConfigs, Set<String> packages) {
        /** The difference, or null when the two layouts resolve every import alike. */
        static LayoutChange between(Layout before, Layout after) {
            Set<String> packages = new HashSet<>();
            before.packages().forEach((name, pkg) -> {
                if (!pkg.equals(after.packages().get(name))) {
                    packages.add(name);
                }
            });
            after.packages().keySet().stream().filter(name -> !before.packages().containsKey(name)).forEach(packages::add);
            boolean goModules = !before.goModules().equals(after.goModules());
            boolean tsConfigs = !before.tsConfigs().equals(after.tsConfigs());
            return goModules || tsConfigs || !packages.isEmpty() ? new LayoutChange(before, after, goModules, tsConfigs, packages) : null;
        }

        /**
         * Whether a layout-dependent file's keys can differ: for Go the module paths, for a script its tsconfig or a
         * package its bare specifiers could name (every prefix up to a slash, as {@link #requests} tries).
         */
        boolean resolvesDifferently(String path, SourceFacts facts) {
            if (facts.language() == Language.GO) {
                return goModules;
            }
            if (tsConfigs && !Objects.equals(before.tsConfigFor(path), after.tsConfigFor(path))) {
                return true;
            }
            if (packages.isEmpty()) {
                return false;
            }
            for (String specifier : facts.imports()) {
                if (!bare(specifier)) {
                    continue;
                }
                for (String name = specifier; ; name = name.substring(0, name.lastIndexOf('/'))) {
                    if (packages.contains(name)) {
                        return true;
                    }
                    if (name.lastIndexOf('/') <= 0) {
                        break;
                    }
                }
            }
            return false;
        }
    }

    private static boolean relative(String specifier) {
        return specifier.startsWith("./") || specifier.startsWith("../") || specifier.equals(".") || specifier.equals("..");
    }

    /** A package name or an alias, resolved through the layout (absolute paths and node:/http: URLs are outside the tree). */
    private static boolean bare(String specifier) {
        return !relative(specifier) && !specifier.startsWith("/") && !specifier.contains(":");
    }

    static Set<String> provides(String path, SourceFacts facts, Layout layout) {
        Set<String> keys = new LinkedHashSet<>();
        String dir = Layout.parent(path);
        String base = withoutExtension(path.substring(path.lastIndexOf('/') + 1));
        switch (facts.language()) {
            case JAVA, KOTLIN -> {
                String pkg = declared(facts, "package:");
                String prefix = pkg.isEmpty() ? "java:" : "java:" + pkg + ".";
                keys.add(prefix + base);
                if (facts.language() == Language.KOTLIN) {
                    keys.add(prefix + Character.toUpperCase(base.charAt(0)) + base.substring(1) + "Kt"); // top-level members, as Java sees them
                }
                for (String d : facts.declared()) {
                    if (d.startsWith("type:")) {
                        keys.add(prefix + d.substring(5));
                    }
                }
            }
            case SCRIPT -> {
                keys.add("js:" + scriptModule(path));
                if (base.equals("index")) {
                    keys.add("js:" + dir);
                }
            }
            case PYTHON -> {
                String module = withoutExtension(path);
                if (base.equals("__init__")) {
                    module = dir;
                }
                String[] parts = module.split("/");
                for (int i = 0; i < parts.length; i++) {
                    keys.add("py:" + String.join(".", Arrays.copyOfRange(parts, i, parts.length)));
                }
            }
            case GO -> {
                keys.add("godir:" + dir);
                String moduleDir = dir;
                while (true) {
                    String modulePath = layout.goModules().get(moduleDir);
                    if (modulePath != null) {
                        String rest = moduleDir.isEmpty() ? dir : dir.substring(moduleDir.length());
                        keys.add("go:" + modulePath + (rest.isEmpty() || rest.startsWith("/") ? rest : "/" + rest));
                        break;
                    }
                    if (moduleDir.isEmpty()) {
                        break;
                    }
                    moduleDir = Layout.parent(moduleDir);
                }
            }
            case OTHER -> {
            }
        }
        return keys;
    }

    static Set<String> requests(String path, SourceFacts facts, Layout layout) {
        Set<String> keys = new LinkedHashSet<>();
        String dir = Layout.parent(path);
        switch (facts.language()) {
            case JAVA, KOTLIN -> jvm(facts, keys);
            case SCRIPT -> {
                Layout.TsConfig config = layout.tsConfigFor(path);
                for (String specifier : facts.imports()) {
                    script(dir, specifier, config, layout, keys);
                }
            }
            case PYTHON -> {
                for (String module : facts.imports()) {
                    python(dir, module, keys);
                }
            }
            case GO -> {
                keys.add("godir:" + dir);
                facts.imports().forEach(p -> keys.add("go:" + p));
            }
            case OTHER -> {
            }
        }
        return keys;
    }

    private static void jvm(SourceFacts facts, Set<String> keys) {
        String pkg = declared(facts, "package:");
        List<String> wildcards = new ArrayList<>();
        Set<String> imported = new HashSet<>();
        for (String i : facts.imports()) {
            if (i.startsWith("wild:")) {
                wildcards.add(i.substring(5));
            } else if (i.startsWith("import:")) {
                imported.add(i.substring(i.lastIndexOf('.') + 1));
            }
        }
        // Every file version of a range passes here, with dozens of names each: no string is made that is not a key.
        for (String i : facts.imports()) {
            if (!i.startsWith("use:")) {
                jvmName(i.substring(i.indexOf(':') + 1), keys);
                continue;
            }
            int dot = i.indexOf('.', 4);
            if (dot >= 0 && !Character.isUpperCase(i.charAt(4))) {
                jvmName(i.substring(4), keys); // a fully qualified name in the code
                continue;
            }
            String first = dot < 0 ? i.substring(4) : i.substring(4, dot);
            if (imported.contains(first)) {
                continue; // a single-type import shadows the package's and the wildcards' types of that name
            }
            keys.add(pkg.isEmpty() ? "java:".concat(first) : javaKey(pkg, first));
            for (String wildcard : wildcards) {
                keys.add(javaKey(wildcard, first));
            }
        }
    }

    private static String javaKey(String pkg, String name) {
        return new StringBuilder(6 + pkg.length() + name.length()).append("java:").append(pkg).append('.').append(name).toString();
    }

    /** A dotted JVM name, and each prefix ending in a capitalised segment (the outer class of a nested one). */
    private static void jvmName(String name, Set<String> keys) {
        keys.add("java:".concat(name));
        for (int dot = name.indexOf('.'); dot > 0; dot = name.indexOf('.', dot + 1)) {
            int segment = name.lastIndexOf('.', dot - 1) + 1;
            if (segment < dot && Character.isUpperCase(name.charAt(segment))) {
                keys.add("java:".concat(name.substring(0, dot)));
            }
        }
    }

    /** @param config the tsconfig governing the importing file, or null */
    private static void script(String dir, String specifier, Layout.TsConfig config, Layout layout, Set<String> keys) {
        if (relative(specifier)) {
            keys.add("js:" + scriptModule(Layout.normalize(dir, specifier)));
            return;
        }
        if (!bare(specifier)) {
            return;
        }
        if (config != null) {
            for (Map.Entry<String, List<String>> alias : config.paths().entrySet()) {
                String pattern = alias.getKey();
                int star = pattern.indexOf('*');
                String matched = null;
                if (star < 0 && pattern.equals(specifier)) {
                    matched = "";
                } else if (star >= 0 && specifier.length() >= pattern.length() - 1 && specifier.regionMatches(0, pattern, 0, star)
                        && specifier.regionMatches(specifier.length() - (pattern.length() - star - 1), pattern, star + 1, pattern.length() - star - 1)) {
                    matched = specifier.substring(star, specifier.length() - (pattern.length() - star - 1));
                }
                if (matched != null) {
                    for (String target : alias.getValue()) {
                        keys.add("js:" + scriptModule(target.replace("*", matched)));
                    }
                }
            }
            if (config.baseUrl() != null) {
                keys.add("js:" + scriptModule(Layout.normalize(config.baseUrl(), specifier)));
            }
        }
        String name = specifier;
        while (true) {
            Layout.Package pkg = layout.packages().get(name);
            if (pkg != null) {
                String rest = specifier.substring(name.length());
                String root = pkg.dir().isEmpty() ? "" : pkg.dir() + "/";
                if (rest.isEmpty()) {
                    if (pkg.entry() != null) {
                        keys.add("js:" + scriptModule(pkg.entry()));
                    }
                    keys.add("js:" + root + "index");
                    keys.add("js:" + root + "src/index");
                } else {
                    keys.add("js:" + scriptModule(root + rest.substring(1)));
                    keys.add("js:" + scriptModule(root + "src/" + rest.substring(1)));
                }
                return;
            }
            int slash = name.lastIndexOf('/');
            if (slash <= 0) {
                return;
            }
            name = name.substring(0, slash);
        }
    }

    private static void python(String dir, String module, Set<String> keys) {
        int dots = 0;
        while (dots < module.length() && module.charAt(dots) == '.') {
            dots++;
        }
        if (dots == 0) {
            String[] parts = module.split("\\.");
            for (int i = parts.length; i > 0; i--) {
                keys.add("py:" + String.join(".", Arrays.copyOfRange(parts, 0, i)));
            }
            return;
        }
        String base = dir;
        for (int i = 1; i < dots; i++) {
            base = Layout.parent(base);
        }
        String rest = module.substring(dots);
        String packageName = base.replace('/', '.');
        String full = packageName.isEmpty() ? rest : rest.isEmpty() ? packageName : packageName + "." + rest;
        if (!full.isEmpty()) {
            keys.add("py:" + full);
        }
        if (!rest.isEmpty() && !packageName.isEmpty()) {
            keys.add("py:" + packageName); // the package's __init__ runs first
        }
    }

    private static String declared(SourceFacts facts, String prefix) {
        for (String d : facts.declared()) {
            if (d.startsWith(prefix)) {
                return d.substring(prefix.length());
            }
        }
        return "";
    }

    /** A script's module path: its tree path without a script extension ({@code src/a.ts} and {@code ./a.js} meet). */
    private static String scriptModule(String path) {
        if (path.lastIndexOf('.') <= path.lastIndexOf('/')) {
            return path; // most specifiers name no extension
        }
        for (String extension : SCRIPT_EXTENSIONS) {
            if (path.regionMatches(true, path.length() - extension.length(), extension, 0, extension.length())) {
                return path.substring(0, path.length() - extension.length());
            }
        }
        return path;
    }

    private static String withoutExtension(String path) {
        int dot = path.lastIndexOf('.');
        return dot > path.lastIndexOf('/') ? path.substring(0, dot) : path;
    }
}
