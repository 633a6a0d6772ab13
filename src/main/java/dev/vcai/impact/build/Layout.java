package dev.vcai.impact.build;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.stream.JsonReader;
import dev.vcai.impact.lang.BuildScripts;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.xml.XMLConstants;
import org.eclipse.jgit.lib.ObjectId;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.helpers.DefaultHandler;

/**
 * What the build and configuration files of one tree say: the modules and their dependencies (Maven, Gradle,
 * npm/pnpm/yarn workspaces, Go modules), and what resolving an import needs (tsconfig {@code baseUrl}/{@code paths},
 * npm package names, Go module paths). A file that does not parse is left out, never an error.
 */
public final class Layout {
    private static final Pattern TRAILING_COMMA = Pattern.compile(",(\\s*[}\\]])");
    private final List<Module> modules;
    private final Map<String, Module> byDir = new HashMap<>();
    private final Map<String, Module> byBuildFile = new HashMap<>();
    private final Map<String, List<Module>> dependents = new HashMap<>();
    private final Set<String> aggregators;
    private final Map<String, Package> packages;
    private final Map<String, String> goModules;
    private final Map<String, TsConfig> tsConfigs;
    private final Map<String, Map<String, List<String>>> affectedByBuildFile = new ConcurrentHashMap<>();

    /** An npm package of the tree: its directory and its entry file (without extension), if package.json names one. */
    public record Package(String dir, String entry) {
    }

    /** A tsconfig's resolution settings: {@code baseUrl} as a tree path, and {@code paths} patterns to tree paths. */
    public record TsConfig(String baseUrl, Map<String, List<String>> paths) {
    }

    private Layout(List<Module> modules, Set<String> aggregators, Map<String, Package> packages, Map<String, String> goModules,
                   Map<String, TsConfig> tsConfigs) {
        this.modules = List.copyOf(modules);
        for (Module m : this.modules) {
            byDir.put(m.dir(), m);
            byBuildFile.putIfAbsent(m.buildFile(), m);
            m.dependsOn().forEach(dep -> dependents.computeIfAbsent(dep, d -> new ArrayList<>()).add(m));
        }
        dependents.replaceAll((module, users) -> List.copyOf(users));
        this.aggregators = Set.copyOf(aggregators);
        this.packages = Map.copyOf(packages);
        this.goModules = Map.copyOf(goModules);
        this.tsConfigs = Map.copyOf(tsConfigs);
    }

    /**
     * The module directories whose module differs in another layout (added, removed or renamed): only the paths
     * under them can move to another module. Empty when the layouts place every path alike (a new dependency
     * between modules moves no file).
     */
    public Set<String> dirsPlacedDifferently(Layout other) {
        Set<String> dirs = new HashSet<>();
        for (Map.Entry<String, Module> e : byDir.entrySet()) {
            Module same = other.byDir.get(e.getKey());
            if (same == null || !same.name().equals(e.getValue().name())) {
                dirs.add(e.getKey());
            }
        }
        for (String dir : other.byDir.keySet()) {
            if (!byDir.containsKey(dir)) {
                dirs.add(dir);
            }
        }
        return dirs;
    }

    /** Whether the layout reads this file (its change can change modules or import resolution). */
    public static boolean reads(String path) {
        return factsOf(name(path)) != null;
    }

    /**
     * What the layout takes from a build file of this name, or null for a file it does not read: a pom's artifact and
     * dependencies, a Gradle script's includes or project dependencies, a package.json's name, entry and dependencies,
     * a go.mod's module and requirements, a tsconfig's settings; of pnpm-workspace.yaml only its presence. The one
     * list of the files the layout reads; {@link #read} parses each with the same function.
     */
    private static Function<byte[], ?> factsOf(String name) {
        return switch (name) {
            case "pom.xml" -> Layout::pom;
            case "settings.gradle", "settings.gradle.kts" -> BuildScripts::gradleIncludes;
            case "build.gradle", "build.gradle.kts" -> BuildScripts::gradleProjectDependencies;
            case "package.json" -> Layout::npmPackage;
            case "go.mod" -> Layout::goMod;
            case "pnpm-workspace.yaml" -> content -> Boolean.TRUE;
            case "jsconfig.json" -> Layout::json;
            default -> name.startsWith("tsconfig") && name.endsWith(".json") ? Layout::json : null;
        };
    }

    /**
     * Whether a new version of a file the layout reads leaves the layout as it was: what the layout takes from it
     * ({@link #factsOf}) is the same. Most edits of build files (a version bump, a plugin's setting) are such, and the
     * layout is then not read again.
     */
    public static boolean readsAlike(String path, ObjectId before, ObjectId after, Parses parses) {
        return reads(path) && Objects.equals(parses.of(path, before), parses.of(path, after));
    }

    /** Whether a change to this file affects the modules under its directory (a build file or a shared configuration). */
    public static boolean isBuildOrSharedConfig(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        return reads(path) || name.endsWith(".gradle") || name.endsWith(".gradle.kts") || name.equals("gradle.properties")
                || name.endsWith(".versions.toml") || name.equals("go.sum") || name.equals("go.work")
                || name.equals("package-lock.json") || name.equals("yarn.lock") || name.equals("pnpm-lock.yaml")
                || name.equals("pyproject.toml") || name.equals("setup.py") || name.equals("setup.cfg")
                || name.startsWith("requirements") && name.endsWith(".txt") || name.startsWith(".eslintrc")
                || name.startsWith("eslint.config.") || name.startsWith("babel.config.") || name.startsWith(".babelrc")
                || name.startsWith("jest.config.") || name.startsWith("vite.config.") || name.startsWith("vitest.config.")
                || name.startsWith("webpack.config.") || name.startsWith("rollup.config.") || path.startsWith("buildSrc/");
    }

    /**
     * The parses of build file versions, by blob, for one range. A range changes a few build files per commit, and
     * moving between the lines of its history brings the same versions back: each version is read and parsed once.
     * Each file is parsed one way, told by its name ({@link #factsOf}).
     */
    public static final class Parses {
        private final Map<ParseKey, Object> byBlob = new HashMap<>();
        private final Map<String, TsConfig> tsConfigs = new HashMap<>();

        private record ParseKey(String name, ObjectId blob) {
        }

        /** Whether this version of a file the layout reads is parsed already. */
        public boolean has(String path, ObjectId blob) {
            return byBlob.containsKey(new ParseKey(name(path), blob));
        }

        /** Parses a version of a file the layout reads (see {@link #reads}); one that does not parse is kept as such. */
        public void parse(String path, ObjectId blob, byte[] content) {
            byBlob.put(new ParseKey(name(path), blob), factsOf(name(path)).apply(content));
        }

        @SuppressWarnings("unchecked")
        private <T> T of(String path, ObjectId blob) {
            ParseKey key = new ParseKey(name(path), blob);
            if (!byBlob.containsKey(key)) {
                throw new IllegalStateException(path + " " + blob.name() + " was not parsed");
            }
            return (T) byBlob.get(key);
        }

        /**
         * The tsconfig read last for this path when it equals this one: layouts are compared file by file after
         * every build file change, and the same instance compares at once.
         */
        private TsConfig same(String path, TsConfig config) {
            TsConfig last = tsConfigs.get(path);
            if (config.equals(last)) {
                return last;
            }
            tsConfigs.put(path, config);
            return config;
        }

    }

    /** The layout of a tree's files the layout reads (path to blob), each parsed already in parses. */
    public static Layout read(Map<String, ObjectId> files, Parses parses) {
        Map<String, Module> byDir = new LinkedHashMap<>();
        Set<String> aggregators = new LinkedHashSet<>();
        Map<String, Package> packages = new LinkedHashMap<>();
        Map<String, String> goModules = new LinkedHashMap<>();
        Map<String, JsonObject> tsJson = new LinkedHashMap<>();
        List<String> paths = new ArrayList<>(files.keySet());
        paths.sort(Comparator.naturalOrder());
        // Maven first, so that a directory with both a pom.xml and a package.json is named by its pom.
        for (String path : paths) {
            if (path.endsWith("pom.xml") && name(path).equals("pom.xml")) {
                maven(path, parses.of(path, files.get(path)), byDir, aggregators);
            }
        }
        Set<String> mavenNames = byDir.values().stream().map(Module::name).collect(Collectors.toSet());
        byDir.replaceAll((dir, m) -> new Module(m.name(), m.dir(), m.buildFile(), m.dependsOn().stream().filter(mavenNames::contains).toList()));
        for (String path : paths) {
            if (name(path).startsWith("settings.gradle")) {
                gradle(path, files, parses, byDir, aggregators);
            }
        }
        Map<String, List<String>> npmDeps = new LinkedHashMap<>();
        for (String path : paths) {
            String name = name(path);
            if (name.equals("package.json")) {
                npm(path, parses.of(path, files.get(path)), byDir, aggregators, packages, npmDeps);
            } else if (name.equals("pnpm-workspace.yaml")) {
                aggregators.add(path);
            } else if (name.equals("go.mod")) {
                go(path, parses.of(path, files.get(path)), byDir, goModules);
            } else if (name.equals("jsconfig.json") || name.startsWith("tsconfig")) {
                JsonObject json = parses.of(path, files.get(path));
                if (json != null) {
                    tsJson.put(path, json);
                }
            }
        }
        byDir.replaceAll((dir, m) -> npmDeps.containsKey(m.buildFile())
                ? new Module(m.name(), m.dir(), m.buildFile(), npmDeps.get(m.buildFile()).stream().filter(packages::containsKey).toList()) : m);
        Map<String, TsConfig> tsConfigs = new LinkedHashMap<>();
        for (String path : tsJson.keySet()) {
            tsConfigs.put(path, parses.same(path, tsConfig(path, tsJson, 0)));
        }
        return new Layout(new ArrayList<>(byDir.values()), aggregators, packages, goModules, tsConfigs);
    }

    public List<Module> modules() {
        return modules;
    }

    /** The declared modules in a directory or below it ("" for the whole tree). */
    public List<Module> modulesUnder(String dir) {
        return modules.stream().filter(m -> dir.isEmpty() || m.dir().equals(dir) || m.dir().startsWith(dir + "/")).toList();
    }

    /**
     * The modules a build or shared configuration file affects: the module it declares (or, for an aggregator or a
     * shared configuration, every module under its directory, else the module holding it), then the modules
     * depending on those, transitively. Each with its path: the file, then {@code module NAME} steps, breadth first
     * (the shortest). Remembered for this layout: the commits of a range change the same few build files again and
     * again, and a root one reaches every module.
     */
    public Map<String, List<String>> modulesAffectedBy(String buildFile) {
        return affectedByBuildFile.computeIfAbsent(buildFile, this::reachThroughModules);
    }

    private Map<String, List<String>> reachThroughModules(String path) {
        List<Module> first = new ArrayList<>();
        Module declared = byBuildFile.get(path);
        if (declared != null && !isAggregator(path)) {
            first.add(declared);
        } else {
            first.addAll(modulesUnder(parent(path)));
            if (first.isEmpty() && moduleOf(path) != null) {
                first.add(moduleOf(path)); // a module's own configuration file
            }
        }
        Map<String, List<String>> reached = new LinkedHashMap<>();
        ArrayDeque<Module> queue = new ArrayDeque<>();
        for (Module m : first) {
            if (!reached.containsKey(m.name())) {
                reached.put(m.name(), List.of(path, "module " + m.name()));
                queue.add(m);
            }
        }
        while (!queue.isEmpty()) {
            Module m = queue.poll();
            for (Module user : dependents.getOrDefault(m.name(), List.of())) {
                if (!reached.containsKey(user.name())) {
                    List<String> steps = new ArrayList<>(reached.get(m.name()));
                    steps.add("module " + user.name());
                    reached.put(user.name(), List.copyOf(steps));
                    queue.add(user);
                }
            }
        }
        return Collections.unmodifiableMap(reached);
    }

    /** The innermost module holding a path, or null when no build file declares one. */
    public Module moduleOf(String path) {
        String dir = parent(path);
        while (true) {
            Module module = byDir.get(dir);
            if (module != null || dir.isEmpty()) {
                return module;
            }
            dir = parent(dir);
        }
    }

    /** Whether this build file lists other modules (a Maven aggregator, a Gradle settings file, a workspace root). */
    public boolean isAggregator(String path) {
        return aggregators.contains(path);
    }

    public Map<String, Package> packages() {
        return packages;
    }

    /** The tsconfig (and jsconfig) files' settings by path. */
    public Map<String, TsConfig> tsConfigs() {
        return tsConfigs;
    }

    /** Go module paths by the directory of their go.mod. */
    public Map<String, String> goModules() {
        return goModules;
    }

    /** The tsconfig (or jsconfig) that governs a file: {@code tsconfig.json} in its directory or the nearest above. */
    public TsConfig tsConfigFor(String path) {
        String dir = parent(path);
        while (true) {
            TsConfig config = tsConfigs.get(dir.isEmpty() ? "tsconfig.json" : dir + "/tsconfig.json");
            if (config == null) {
                config = tsConfigs.get(dir.isEmpty() ? "jsconfig.json" : dir + "/jsconfig.json");
            }
            if (config != null) {
                return config;
            }
            if (dir.isEmpty()) {
                return null;
            }
            dir = parent(dir);
        }
    }

    public static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    private static String name(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static String text(byte[] content) {
        return new String(content, StandardCharsets.UTF_8);
    }

    /** What a pom says: its artifactId, the artifactIds it depends on (its parent's too), whether it lists modules. */
    private record Pom(String artifactId, List<String> dependsOn, boolean aggregator) {
    }

    private static void maven(String path, Pom pom, Map<String, Module> byDir, Set<String> aggregators) {
        if (pom == null) {
            return;
        }
        if (pom.aggregator()) {
            aggregators.add(path);
        }
        String dir = parent(path);
        byDir.putIfAbsent(dir, new Module(pom.artifactId(), dir, path, pom.dependsOn()));
    }

    /**
     * One XML parser per thread, reset between poms: finding the factory and making a parser cost as much as parsing
     * a pom (a monorepo has hundreds), and a parser is not safe to share between threads.
     */
    private static final ThreadLocal<DocumentBuilder> POM_PARSER = ThreadLocal.withInitial(() -> {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser refuses secure processing", e);
        }
    });

    /** The pom of a file, null when it is not well-formed or names no artifactId. */
    private static Pom pom(byte[] content) {
        Document pom;
        try {
            DocumentBuilder builder = POM_PARSER.get();
            builder.reset();
            builder.setErrorHandler(new DefaultHandler()); // throws, prints nothing: the default handler prints "[Fatal Error] ..." on stderr, into a pusher's terminal
            pom = builder.parse(new ByteArrayInputStream(content));
        } catch (Exception e) {
            return null;
        }
        Element project = pom.getDocumentElement();
        String artifactId = childText(project, "artifactId");
        if (artifactId == null) {
            return null;
        }
        List<String> deps = new ArrayList<>();
        Element dependencies = child(project, "dependencies");
        if (dependencies != null) {
            for (Element dependency : children(dependencies, "dependency")) {
                String id = childText(dependency, "artifactId");
                if (id != null) {
                    deps.add(id);
                }
            }
        }
        Element parent = child(project, "parent");
        if (parent != null && childText(parent, "artifactId") != null) {
            deps.add(childText(parent, "artifactId")); // a child inherits its parent's build: a change there reaches it
        }
        Element modules = child(project, "modules");
        return new Pom(artifactId, List.copyOf(deps), modules != null && !children(modules, "module").isEmpty());
    }

    private static Element child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        return null;
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                found.add(e);
            }
        }
        return found;
    }

    private static String childText(Element parent, String name) {
        Element e = child(parent, name);
        return e == null ? null : e.getTextContent().strip();
    }

    private static void gradle(String settings, Map<String, ObjectId> files, Parses parses, Map<String, Module> byDir, Set<String> aggregators) {
        aggregators.add(settings);
        String root = parent(settings);
        List<String> projects = new ArrayList<>();
        projects.add(":");
        for (String include : parses.<List<String>>of(settings, files.get(settings))) {
            projects.add(include.startsWith(":") ? include : ":" + include);
        }
        Set<String> known = new HashSet<>(projects); // hundreds of projects, each listing dozens of dependencies
        Map<String, String> accessors = new HashMap<>();
        projects.forEach(p -> accessors.put(accessorKey(p.substring(1).replace(':', '.')), p));
        for (String project : projects) {
            String relative = project.substring(1).replace(':', '/');
            String dir = root.isEmpty() ? relative : relative.isEmpty() ? root : root + "/" + relative;
            String prefix = dir.isEmpty() ? "" : dir + "/";
            String script = files.containsKey(prefix + "build.gradle.kts") ? prefix + "build.gradle.kts"
                    : files.containsKey(prefix + "build.gradle") ? prefix + "build.gradle" : null;
            List<String> deps = new ArrayList<>();
            if (script != null) {
                for (String dep : parses.<List<String>>of(script, files.get(script))) {
                    String name = dep.startsWith("accessor:") ? accessors.getOrDefault(accessorKey(dep.substring(9)), dep)
                            : dep.startsWith(":") ? dep : ":" + dep;
                    if (known.contains(name) && !deps.contains(name)) {
                        deps.add(name);
                    }
                }
            }
            byDir.putIfAbsent(dir, new Module(project, dir, script != null ? script : settings, deps));
        }
    }

    /** Gradle names the accessor of project {@code :okhttp-tls} {@code okhttpTls}: compare without case and separators. */
    private static String accessorKey(String name) {
        StringBuilder key = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = Character.toLowerCase(name.charAt(i));
            if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.') {
                key.append(c); // a plain loop: the layout is read again after every build file change
            }
        }
        return key.toString();
    }

    /** What a package.json says: whether it lists workspaces, its name, its entry file as written, its dependencies' names. */
    private record NpmPackage(boolean workspaces, String name, String entry, List<String> dependsOn) {
    }

    private static NpmPackage npmPackage(byte[] content) {
        JsonObject json = json(content);
        if (json == null) {
            return null;
        }
        String entry = null;
        for (String field : List.of("source", "types", "typings", "module", "main")) {
            entry = string(json, field);
            if (entry != null) {
                break;
            }
        }
        List<String> deps = new ArrayList<>();
        for (String field : List.of("dependencies", "devDependencies", "peerDependencies", "optionalDependencies")) {
            if (json.get(field) instanceof JsonObject object) {
                deps.addAll(object.keySet());
            }
        }
        return new NpmPackage(json.has("workspaces"), string(json, "name"), entry, deps);
    }

    private static void npm(String path, NpmPackage npm, Map<String, Module> byDir, Set<String> aggregators,
                            Map<String, Package> packages, Map<String, List<String>> npmDeps) {
        if (npm == null) {
            return;
        }
        if (npm.workspaces()) {
            aggregators.add(path);
        }
        if (npm.name() == null) {
            return;
        }
        String dir = parent(path);
        packages.putIfAbsent(npm.name(), new Package(dir, npm.entry() == null ? null : normalize(dir, npm.entry())));
        npmDeps.put(path, npm.dependsOn());
        byDir.putIfAbsent(dir, new Module(npm.name(), dir, path, List.of()));
    }

    /** What a go.mod says: its module path and the modules it requires. */
    private record GoMod(String module, List<String> requires) {
    }

    private static GoMod goMod(byte[] content) {
        String module = null;
        List<String> requires = new ArrayList<>();
        boolean inRequire = false;
        for (String line : text(content).split("\n")) {
            String l = line.replaceFirst("//.*", "").strip();
            if (l.startsWith("module ")) {
                module = l.substring(7).strip().replace("\"", "");
            } else if (l.startsWith("require (")) {
                inRequire = true;
            } else if (inRequire && l.equals(")")) {
                inRequire = false;
            } else if (inRequire && !l.isEmpty()) {
                requires.add(l.split("\\s+")[0]);
            } else if (l.startsWith("require ")) {
                requires.add(l.substring(8).strip().split("\\s+")[0]);
            }
        }
        return new GoMod(module, requires);
    }

    private static void go(String path, GoMod mod, Map<String, Module> byDir, Map<String, String> goModules) {
        if (mod.module() == null) {
            return;
        }
        String dir = parent(path);
        goModules.put(dir, mod.module());
        byDir.putIfAbsent(dir, new Module(mod.module(), dir, path, mod.requires()));
    }

    private static JsonObject json(byte[] content) {
        String text = text(content);
        try {
            return parseObject(text);
        } catch (RuntimeException e) {
            // tsconfig files are JSON with comments (the lenient reader skips them) and trailing commas (dropped here).
            try {
                return parseObject(TRAILING_COMMA.matcher(text).replaceAll("$1"));
            } catch (RuntimeException again) {
                return null;
            }
        }
    }

    private static JsonObject parseObject(String text) {
        JsonReader reader = new JsonReader(new StringReader(text));
        reader.setLenient(true);
        JsonElement element = JsonParser.parseReader(reader);
        return element instanceof JsonObject object ? object : null;
    }

    private static String string(JsonObject json, String field) {
        JsonElement e = json.get(field);
        return e != null && e.isJsonPrimitive() ? e.getAsString() : null;
    }

    private static TsConfig tsConfig(String path, Map<String, JsonObject> all, int depth) {
        JsonObject json = all.get(path);
        String dir = parent(path);
        TsConfig base = null;
        String extendsPath = json == null ? null : string(json, "extends");
        if (extendsPath != null && extendsPath.startsWith(".") && depth < 5) {
            String target = normalize(dir, extendsPath.endsWith(".json") ? extendsPath : extendsPath + ".json");
            if (all.containsKey(target)) {
                base = tsConfig(target, all, depth + 1);
            }
        }
        JsonObject options = json != null && json.get("compilerOptions") instanceof JsonObject o ? o : new JsonObject();
        String baseUrl = string(options, "baseUrl") == null ? base == null ? null : base.baseUrl() : normalize(dir, string(options, "baseUrl"));
        Map<String, List<String>> paths = base == null ? new LinkedHashMap<>() : new LinkedHashMap<>(base.paths());
        if (options.get("paths") instanceof JsonObject map) {
            paths.clear();
            String from = baseUrl == null ? dir : baseUrl;
            for (String pattern : map.keySet()) {
                List<String> targets = new ArrayList<>();
                if (map.get(pattern).isJsonArray()) {
                    map.get(pattern).getAsJsonArray().forEach(t -> targets.add(normalize(from, t.getAsString())));
                }
                paths.put(pattern, targets);
            }
        }
        return new TsConfig(baseUrl, paths);
    }

    /** A tree path from a directory and a relative path; {@code ..} above the root is dropped. */
    public static String normalize(String dir, String relative) {
        StringBuilder path = new StringBuilder(dir.length() + relative.length());
        if (!relative.startsWith("/")) {
            path.append(dir);
        }
        int at = 0;
        while (at <= relative.length()) {
            int slash = relative.indexOf('/', at);
            int end = slash < 0 ? relative.length() : slash;
            int length = end - at;
            if (length == 2 && relative.charAt(at) == '.' && relative.charAt(at + 1) == '.') {
                path.setLength(Math.max(0, path.lastIndexOf("/")));
            } else if (length > 0 && !(length == 1 && relative.charAt(at) == '.')) {
                if (path.length() > 0) {
                    path.append('/');
                }
                path.append(relative, at, end);
            }
            at = end + 1;
        }
        return path.toString();
    }
}
