package dev.vcai.analysis;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a changed file is, judged from its path alone so that it works the same on a commit, on a dataset row
 * and on a file not yet committed. The rules are ordered: the first that matches wins.
 */
public enum FileKind {
    CI, LOCKFILE, BUILD, TEST, CHANGELOG, DOCUMENTATION, ASSET, CONFIG, SOURCE, SUBMODULE, OTHER;

    private static final Set<String> LOCKFILES = Set.of("package-lock.json", "yarn.lock", "pnpm-lock.yaml", "go.sum",
            "cargo.lock", "poetry.lock", "pipfile.lock", "gemfile.lock", "composer.lock", "uv.lock", "gradle.lockfile",
            "bun.lockb", "bun.lock", "npm-shrinkwrap.json", "flake.lock", "requirements.lock", "pdm.lock");
    private static final Set<String> BUILD_FILES = Set.of("pom.xml", "build.gradle", "build.gradle.kts", "settings.gradle",
            "settings.gradle.kts", "gradle.properties", "package.json", "go.mod", "go.work", "cargo.toml", "pyproject.toml",
            "setup.py", "setup.cfg", "pipfile", "gemfile", "makefile", "cmakelists.txt", "dockerfile", "justfile",
            "lerna.json", "nx.json", "turbo.json", "pnpm-workspace.yaml", ".npmrc", ".yarnrc", ".yarnrc.yml", ".nvmrc",
            ".node-version", ".python-version", "rust-toolchain", "rust-toolchain.toml", "tox.ini", "noxfile.py",
            "mvnw", "gradlew", "mvnw.cmd", "gradlew.bat", "build.xml", "build.sbt", "meson.build", "bazel", "build.bazel",
            "workspace", "module.bazel", "renovate.json", "renovate.json5", ".renovaterc", ".goreleaser.yml",
            ".goreleaser.yaml", "manifest.in", "requirements.txt", "requirements-dev.txt", "environment.yml",
            "docker-compose.yml", "docker-compose.yaml", "compose.yaml", "release-please-config.json",
            ".release-please-manifest.json", "version.txt", "deno.json");
    private static final Set<String> CI_FILES = Set.of(".gitlab-ci.yml", "jenkinsfile", ".travis.yml", "azure-pipelines.yml",
            "appveyor.yml", ".drone.yml", "bitbucket-pipelines.yml", "codecov.yml", ".codecov.yml", "dependabot.yml",
            "cloudbuild.yaml", "cloudbuild.yml", ".pre-commit-config.yaml", "codeql.yml", ".mergify.yml", "mergify.yml",
            ".golangci.yml", ".golangci.yaml", "lefthook.yml", ".lefthook.yml");
    private static final Set<String> DOC_EXTENSIONS = Set.of("md", "mdx", "rst", "adoc", "asciidoc", "txt", "textile",
            "qmd", "rmd", "ipynb");
    private static final Set<String> ASSET_EXTENSIONS = Set.of("png", "jpg", "jpeg", "gif", "svg", "ico", "webp", "bmp",
            "woff", "woff2", "ttf", "eot", "otf", "pdf", "jar", "war", "so", "dll", "dylib", "exe", "zip", "gz", "tgz",
            "bz2", "xz", "7z", "class", "pyc", "wasm", "mp3", "mp4", "wav", "ogg", "webm", "bin", "dat", "a", "o", "lib");
    private static final Set<String> CONFIG_EXTENSIONS = Set.of("yml", "yaml", "json", "json5", "toml", "ini", "cfg",
            "conf", "properties", "xml", "env", "editorconfig", "prettierrc", "eslintrc", "plist");
    /** Top-level directories that hold a documentation site: everything in them is documentation. */
    private static final Set<String> DOC_ROOTS = Set.of("docs", "doc", "documentation", "website", "www", "site", "docs2",
            "docs-site");
    private static final Set<String> DOC_SITE_FILES = Set.of("mkdocs.yml", "mkdocs.yaml", ".readthedocs.yml",
            ".readthedocs.yaml", "_quarto.yml", "_quarto.yaml", "hugo.yaml", "hugo.toml", "book.toml", "typedoc.json");
    private static final Set<String> SOURCE_EXTENSIONS = Set.of("java", "kt", "kts", "scala", "groovy", "go", "rs", "py",
            "pyi", "pyx", "ts", "tsx", "mts", "cts", "js", "jsx", "mjs", "cjs", "vue", "svelte", "c", "h", "cc", "cpp",
            "cxx", "hpp", "hh", "cs", "fs", "rb", "php", "swift", "m", "mm", "sql", "sh", "bash", "zsh", "ps1", "proto",
            "graphql", "gql", "css", "scss", "sass", "less", "html", "htm", "lua", "r", "dart", "ex", "exs", "erl",
            "clj", "hs", "ml", "zig", "nim", "pl", "pm", "tf", "hcl", "jinja", "j2", "tmpl", "tpl", "hbs", "ejs");

    private static final Pattern TOOL_CONFIG = Pattern.compile(
            "(vite|vitest|webpack|rollup|esbuild|babel|jest|karma|tsup|eslint|prettier)\\.config\\..*");
    /** Build files recognised only outside test directories (test fixtures often hold such files). */
    private static final Pattern GENERIC_BUILD = Pattern.compile(
            ".*\\.(gradle|bzl|nix|bazel)|.*\\.config\\.(mjs|cjs|js|ts|mts|cts)|vitest\\.workspace\\..*|api-extractor\\.json");
    private static final Pattern JVM_TEST = Pattern.compile(".*(Test|Tests|Spec|IT|TestCase)\\.(java|kt|scala|groovy|cs|swift)");
    private static final Pattern SCRIPT_TEST = Pattern.compile(".*\\.(test|spec|e2e|test-d)\\.[a-z]+");

    public static FileKind of(String path) {
        String lower = path.toLowerCase(Locale.ROOT);
        String name = lower.substring(lower.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        String extension = dot <= 0 ? "" : name.substring(dot + 1);
        String dirs = "/" + lower.substring(0, lower.length() - name.length());

        String root = dirs.length() > 1 ? dirs.substring(1, dirs.indexOf('/', 1)) : "";
        if (dirs.contains("/.github/workflows/") || dirs.contains("/.github/actions/") || dirs.contains("/.circleci/")
                || dirs.contains("/.buildkite/") || dirs.contains("/.gitlab/") || dirs.contains("/.ci/")
                || dirs.contains("/.kokoro/") || root.equals("ci")
                || CI_FILES.contains(name)) {
            return CI;
        }
        if (LOCKFILES.contains(name) || extension.equals("lock") || name.endsWith(".lock.yml")
                || name.endsWith("-lock.yaml") || name.endsWith("-lock.json") || dirs.contains("/conda-lock/")) {
            return LOCKFILE;
        }
        if (BUILD_FILES.contains(name) || name.startsWith("dockerfile") || name.endsWith(".dockerfile")
                || (name.startsWith("requirements") && extension.equals("txt")) || name.startsWith("tsconfig")
                || TOOL_CONFIG.matcher(name).matches()
                || dirs.contains("/.mvn/") || dirs.contains("/gradle/wrapper/") || dirs.contains("/.devcontainer/")
                || name.equals(".bazelrc") || name.equals("deny.toml")) {
            return BUILD;
        }
        if (isTest(dirs, name, path.substring(path.lastIndexOf('/') + 1))) {
            return TEST;
        }
        if (GENERIC_BUILD.matcher(name).matches() || root.equals("nix")) {
            return BUILD;
        }
        // Names like changes.ts, changelog.go or license.go are code that handles those things, not the documents.
        boolean code = SOURCE_EXTENSIONS.contains(extension) && !extension.equals("html") && !extension.equals("htm");
        if (!code && (name.startsWith("changelog") || name.startsWith("changes.") || name.equals("history.md")
                || name.startsWith("release-notes") || name.startsWith("release_notes"))
                || dirs.contains("/.changeset/") || dirs.contains("/changelog.d/")) {
            return CHANGELOG;
        }
        if (DOC_ROOTS.contains(root) || DOC_SITE_FILES.contains(name) || dirs.contains("/.vitepress/")
                || name.startsWith("docusaurus.config")) {
            return DOCUMENTATION;
        }
        if (DOC_EXTENSIONS.contains(extension)
                || !code && (name.startsWith("readme") || name.startsWith("license") || name.startsWith("contributing"))
                || name.equals("authors") || name.equals("notice")
                || dirs.contains("/docs/") || dirs.contains("/doc/") || dirs.contains("/documentation/")) {
            return dirs.contains("/docs/") && SOURCE_EXTENSIONS.contains(extension) && !extension.equals("html")
                    && !extension.equals("css") && !extension.equals("vue") ? SOURCE : DOCUMENTATION;
        }
        if (ASSET_EXTENSIONS.contains(extension)) {
            return ASSET;
        }
        if (CONFIG_EXTENSIONS.contains(extension) || name.startsWith(".")) {
            return CONFIG;
        }
        if (SOURCE_EXTENSIONS.contains(extension)) {
            return SOURCE;
        }
        return OTHER;
    }

    private static boolean isTest(String dirs, String name, String originalName) {
        return dirs.contains("/test/") || dirs.contains("/tests/") || dirs.contains("/__tests__/") || dirs.contains("/spec/")
                || dirs.contains("/testdata/") || dirs.contains("/e2e/") || dirs.contains("/__snapshots__/")
                || dirs.contains("/testing/") || dirs.contains("/fixtures/") || dirs.contains("/__mocks__/")
                || dirs.contains("/test-dts/") || dirs.contains("/testutil/") || dirs.contains("/testutils/")
                || dirs.contains("/test-utils/") || dirs.contains("/cypress/") || dirs.contains("/snapshots/")
                || dirs.contains("/playground/") && name.contains(".spec.")
                || name.endsWith("_test.go") || JVM_TEST.matcher(originalName).matches()
                || SCRIPT_TEST.matcher(name).matches() || name.startsWith("test_") && name.endsWith(".py")
                || name.endsWith("_test.py") || name.equals("conftest.py") || name.endsWith(".snap")
                || name.endsWith("_test.rs") || name.endsWith("_spec.rb") || name.endsWith("_test.rb");
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Kinds whose change is a change of the program's behaviour (as opposed to its docs, tests or build). */
    public boolean isCode() {
        return this == SOURCE;
    }
}
