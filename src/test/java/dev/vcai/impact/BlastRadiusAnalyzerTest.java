package dev.vcai.impact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vcai.git.GitRepositories;
import dev.vcai.policy.Policy;
import dev.vcai.testing.GitRepo;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Blast radii on real repositories of each ecosystem, built with the git CLI; dependents written out exactly. */
class BlastRadiusAnalyzerTest {
    @TempDir
    Path tmp;

    private static final BlastRadiusAnalyzer ANALYZER = BlastRadiusAnalyzer.builder().ignore(Policy.defaults().impactIgnore())
            .cache(false).build();

    static BlastRadius measure(Path dir, String commit) throws Exception {
        try (Repository repository = GitRepositories.open(dir, Map.of())) {
            return ANALYZER.measure(repository, List.of(commit)).byCommit().get(commit);
        }
    }

    private static Set<String> dependents(BlastRadius radius) {
        return new TreeSet<>(radius.dependentFiles());
    }

    private static String pom(String artifactId, String modules, String... dependencies) {
        StringBuilder deps = new StringBuilder();
        for (String d : dependencies) {
            deps.append("<dependency><groupId>com.acme</groupId><artifactId>").append(d).append("</artifactId></dependency>");
        }
        return "<project><modelVersion>4.0.0</modelVersion><groupId>com.acme</groupId><artifactId>" + artifactId + "</artifactId>"
                + modules + "<dependencies>" + deps + "</dependencies></project>";
    }

    @Test
    void mavenMultiModule() throws Exception {
        GitRepo repo = GitRepo.init(tmp.resolve("maven"));
        repo.write("pom.xml", pom("parent", "<modules><module>core</module><module>api</module><module>app</module></modules>"));
        repo.write("core/pom.xml", pom("core", "<parent><groupId>com.acme</groupId><artifactId>parent</artifactId></parent>"));
        repo.write("api/pom.xml", pom("api", "", "core"));
        repo.write("app/pom.xml", pom("app", "", "api"));
        String core = "core/src/main/java/com/acme/core/";
        repo.write(core + "Money.java", "package com.acme.core;\npublic record Money(long cents) { public static final Money ZERO = new Money(0); }\n");
        repo.write(core + "Rates.java", "package com.acme.core;\npublic class Rates { public static double rate(Money m) { return 1; } }\n");
        repo.write(core + "Unrelated.java", "package com.acme.core;\n// uses Money only in a comment\npublic class Unrelated { String s = \"Money\"; }\n");
        repo.write("api/src/main/java/com/acme/api/Prices.java",
                "package com.acme.api;\nimport com.acme.core.Money;\npublic class Prices { Money total() { return Money.ZERO; } }\n");
        repo.write("api/src/test/java/com/acme/api/PricesTest.java", "package com.acme.api;\nclass PricesTest { Prices p = new Prices(); }\n");
        repo.write("app/src/main/java/com/acme/app/Main.java", "package com.acme.app;\nimport com.acme.api.*;\nclass Main { Prices p; }\n");
        repo.write("app/src/main/java/com/acme/app/Util.java",
                "package com.acme.app;\nimport static com.acme.core.Rates.rate;\nclass Util { double r = rate(null); }\n");
        repo.write("app/src/main/java/com/acme/app/Broken.java", "package com.acme.app;\nimport com.acme.core.Money;\nclass Broken { void f( }\n");
        BlastRadius initial = measure(repo.dir(), repo.commit("initial"));
        assertEquals(0, initial.dependentCount(), "a root commit adds every file, its poms too: nothing else depends on them");
        assertEquals(0, initial.score());
        repo.write(core + "Money.java", "package com.acme.core;\npublic record Money(long cents, String currency) { }\n");
        BlastRadius radius = measure(repo.dir(), repo.commit("money gets a currency"));

        assertEquals(Set.of(core + "Rates.java", "api/src/main/java/com/acme/api/Prices.java", "api/src/test/java/com/acme/api/PricesTest.java",
                "app/src/main/java/com/acme/app/Main.java", "app/src/main/java/com/acme/app/Util.java",
                "app/src/main/java/com/acme/app/Broken.java"), dependents(radius));
        assertEquals(List.of("core"), radius.changedModules());
        assertEquals(List.of("app", "api"), radius.topModules().stream().map(BlastRadius.ModuleReach::module).toList());
        assertEquals(3, radius.topModules().get(0).files());
        assertEquals(List.of(core + "Money.java", "app/src/main/java/com/acme/app/Broken.java"), radius.topModules().get(0).path());
        assertEquals(List.of(core + "Money.java", "api/src/main/java/com/acme/api/Prices.java"), radius.topModules().get(1).path());
        assertTrue(radius.testsCover());
        assertEquals(List.of("api/src/test/java/com/acme/api/PricesTest.java"), radius.coveringTests());
        assertEquals(8, radius.graphFiles());
        // README's formula: 0.5 * sqrt(6 / 8) + 0.3 * log10(1 + 6) / 3 + 0.2 * (2 of the 3 other modules) = 0.651.
        assertEquals(65, radius.score());

        repo.write("core/pom.xml", pom("core", "<parent><groupId>com.acme</groupId><artifactId>parent</artifactId></parent>", "guava"));
        BlastRadius build = measure(repo.dir(), repo.commit("core depends on guava"));
        assertEquals(Set.of(core + "Money.java", core + "Rates.java", core + "Unrelated.java", "api/src/main/java/com/acme/api/Prices.java",
                "api/src/test/java/com/acme/api/PricesTest.java", "app/src/main/java/com/acme/app/Main.java",
                "app/src/main/java/com/acme/app/Util.java", "app/src/main/java/com/acme/app/Broken.java"), dependents(build),
                "every source file of the modules that build with core's pom");
        assertTrue(build.testsCover(), "the api's test builds with core");
        assertEquals(List.of("api/src/test/java/com/acme/api/PricesTest.java"), build.coveringTests());
        assertEquals(List.of("core"), build.changedModules());
        assertEquals(List.of("app", "api"), build.topModules().stream().map(BlastRadius.ModuleReach::module).toList(), "most files first");
        assertEquals(List.of("core/pom.xml", "module core", "module api", "module app"), build.topModules().get(0).path());
        assertEquals(3 + 2 + 3, build.dependentCount(), "the source files of core, api and app");
        // 0.5 * sqrt(8 / 8) + 0.3 * log10(1 + 8) / 3 + 0.2 * 2 / 3 = 0.729.
        assertEquals(73, build.score());
    }

    @Test
    void gradleMultiProjectWithKotlin() throws Exception {
        GitRepo repo = GitRepo.init(tmp.resolve("gradle"));
        repo.write("settings.gradle.kts", "rootProject.name = \"ex\"\ninclude(\":lib\", \":app\", \":lib-tools\")\n// include(\":ghost\")\n");
        repo.write("lib-tools/build.gradle.kts", "dependencies { implementation(projects.lib) }\n");
        repo.write("lib/build.gradle.kts", "plugins { kotlin(\"jvm\") }\n");
        repo.write("app/build.gradle.kts", "dependencies {\n  implementation(project(\":lib\"))\n  // implementation(project(\":ghost\"))\n}\n");
        repo.write("lib/src/main/kotlin/org/ex/lib/Greeter.kt",
                "package org.ex.lib\n\nclass Greeter { fun hi() = \"import org.ex.app.App\" }\nfun greet(name: String) = \"hi $name\"\n");
        repo.write("lib/src/main/kotlin/org/ex/lib/Other.kt", "package org.ex.lib\n\nclass Other\n");
        repo.write("app/src/main/kotlin/org/ex/app/App.kt", "package org.ex.app\n\nimport org.ex.lib.greet\n\nfun main() = println(greet(\"x\"))\n");
        repo.write("app/src/main/kotlin/org/ex/app/Uses.kt",
                "package org.ex.app\n/* outer /* nested */ import org.ex.lib.Other */\nimport org.ex.lib.*\n\nval g = Greeter()\n");
        repo.write("app/src/main/java/org/ex/app/FromJava.java", "package org.ex.app;\nimport org.ex.lib.Other;\nclass FromJava { Other o; }\n");
        repo.write("app/src/main/java/org/ex/app/CallsKotlin.java",
                "package org.ex.app;\nimport org.ex.lib.GreeterKt;\nclass CallsKotlin { String s = GreeterKt.greet(\"j\"); }\n");
        repo.commit("initial");
        repo.write("lib/src/main/kotlin/org/ex/lib/Greeter.kt", "package org.ex.lib\n\nclass Greeter\nfun greet(name: String) = \"hello $name\"\n");
        BlastRadius radius = measure(repo.dir(), repo.commit("greeting"));
        assertEquals(Set.of("app/src/main/kotlin/org/ex/app/App.kt", "app/src/main/kotlin/org/ex/app/Uses.kt",
                "app/src/main/java/org/ex/app/CallsKotlin.java"), dependents(radius));
        assertEquals(List.of(":lib"), radius.changedModules());
        assertEquals(List.of(":app"), radius.topModules().stream().map(BlastRadius.ModuleReach::module).toList());

        repo.write("lib/src/main/kotlin/org/ex/lib/Other.kt", "package org.ex.lib\n\nclass Other(val x: Int)\n");
        assertEquals(Set.of("app/src/main/java/org/ex/app/FromJava.java"), dependents(measure(repo.dir(), repo.commit("other"))));

        repo.write("lib/build.gradle.kts", "plugins { kotlin(\"jvm\") }\ndependencies { api(\"x:y:1\") }\n");
        BlastRadius build = measure(repo.dir(), repo.commit("lib api"));
        assertEquals(List.of(":app", ":lib-tools"), build.topModules().stream().map(BlastRadius.ModuleReach::module).toList(),
                ":lib-tools depends on :lib through the type-safe accessor projects.lib");
        assertEquals(List.of("lib/build.gradle.kts", "module :lib", "module :app"), build.topModules().get(0).path());

        repo.write("gradle.properties", "org.gradle.jvmargs=-Xmx2g\n");
        BlastRadius shared = measure(repo.dir(), repo.commit("gradle properties"));
        assertEquals(Set.of("lib/src/main/kotlin/org/ex/lib/Greeter.kt", "lib/src/main/kotlin/org/ex/lib/Other.kt",
                "app/src/main/kotlin/org/ex/app/App.kt", "app/src/main/kotlin/org/ex/app/Uses.kt",
                "app/src/main/java/org/ex/app/FromJava.java", "app/src/main/java/org/ex/app/CallsKotlin.java"), dependents(shared),
                "gradle.properties at the root is shared by every project");
    }

    @Test
    void typescriptMonorepoWithWorkspacesAndPathAliases() throws Exception {
        GitRepo repo = GitRepo.init(tmp.resolve("ts"));
        repo.write("package.json", "{\"private\": true, \"workspaces\": [\"packages/*\", \"apps/*\"]}");
        repo.write("tsconfig.base.json", "{\n  // shared\n  \"compilerOptions\": {\"baseUrl\": \".\", \"paths\": {\"@app/*\": [\"apps/web/src/*\"]},},\n}\n");
        repo.write("apps/web/tsconfig.json", "{\"extends\": \"../../tsconfig.base.json\"}");
        repo.write("packages/ui/package.json", "{\"name\": \"@acme/ui\", \"main\": \"dist/index.js\"}");
        repo.write("packages/ui/src/index.ts", "export * from './button';\n");
        repo.write("packages/ui/src/button.tsx", "export const Button = () => null;\n");
        repo.write("packages/ui/dist/index.js", "module.exports = require('../src/button');\n");
        repo.write("apps/web/package.json", "{\"name\": \"web\", \"dependencies\": {\"@acme/ui\": \"*\", \"react\": \"18\"}}");
        repo.write("apps/web/src/page.tsx", """
                import React from 'react';
                import { Button } from '@acme/ui';
                import { fmt } from '@app/util/format';
                const s = "import x from './lazy'"; // require('./legacy')
                const re = /'(.*)'/;
                export default () => Button;
                """);
        repo.write("apps/web/src/util/format.ts", "export const fmt = (n: number) => `${n}`;\n");
        repo.write("apps/web/src/lazy.ts", "export const load = async () => (await import('./page')).default;\n");
        repo.write("apps/web/src/legacy.js", "const { fmt } = require('./util/format.js');\n");
        repo.write("apps/web/node_modules/@acme/ui/index.js", "require('../../../../packages/ui/src/button');\n");
        repo.commit("initial");
        repo.write("packages/ui/src/button.tsx", "export const Button = () => 'button';\n");
        BlastRadius radius = measure(repo.dir(), repo.commit("button"));
        assertEquals(Set.of("packages/ui/src/index.ts", "apps/web/src/page.tsx", "apps/web/src/lazy.ts"), dependents(radius));
        assertEquals(List.of("@acme/ui"), radius.changedModules());
        assertEquals(List.of("packages/ui/src/button.tsx", "packages/ui/src/index.ts", "apps/web/src/page.tsx"), radius.topModules().get(0).path());

        repo.write("apps/web/src/util/format.ts", "export const fmt = (n: number) => n.toFixed(2);\n");
        assertEquals(Set.of("apps/web/src/page.tsx", "apps/web/src/legacy.js", "apps/web/src/lazy.ts"),
                dependents(measure(repo.dir(), repo.commit("format"))));

        repo.write("packages/ui/package.json", "{\"name\": \"@acme/ui\", \"main\": \"dist/index.js\", \"version\": \"2.0.0\"}");
        BlastRadius build = measure(repo.dir(), repo.commit("ui 2.0.0"));
        assertEquals(List.of("web"), build.topModules().stream().map(BlastRadius.ModuleReach::module).toList());

        repo.write("tsconfig.base.json", "{\"compilerOptions\": {\"strict\": true, \"baseUrl\": \".\", \"paths\": {\"@app/*\": [\"apps/web/src/*\"]}}}");
        BlastRadius shared = measure(repo.dir(), repo.commit("strict"));
        assertEquals(Set.of("packages/ui/src/index.ts", "packages/ui/src/button.tsx", "apps/web/src/page.tsx", "apps/web/src/lazy.ts",
                "apps/web/src/legacy.js", "apps/web/src/util/format.ts"), dependents(shared),
                "a shared configuration at the root reaches every module's source files (dist and node_modules are ignored)");
    }

    @Test
    void pnpmWorkspace() throws Exception {
        GitRepo repo = GitRepo.init(tmp.resolve("pnpm"));
        repo.write("package.json", "{\"private\": true}");
        repo.write("pnpm-workspace.yaml", "packages:\n  # the libraries first\n  - 'libs/*'\n  - \"apps/*\"\n");
        repo.write("libs/core/package.json", "{\"name\": \"@x/core\"}");
        repo.write("libs/core/index.js", "export const c = 1;\n");
        repo.write("apps/cli/package.json", "{\"name\": \"cli\", \"dependencies\": {\"@x/core\": \"workspace:*\"}}");
        repo.write("apps/cli/main.js", "import { c } from '@x/core';\nexport const main = () => c;\n");
        repo.write("apps/cli/main.test.js", "import { main } from './main.js';\n");
        repo.write("apps/other/package.json", "{\"name\": \"other\"}");
        repo.write("apps/other/index.js", "export const o = 2;\n");
        repo.commit("initial");
        repo.write("libs/core/index.js", "export const c = 2;\n");
        BlastRadius radius = measure(repo.dir(), repo.commit("core"));
        assertEquals(Set.of("apps/cli/main.js", "apps/cli/main.test.js"), dependents(radius));
        assertEquals(List.of("@x/core"), radius.changedModules());
        assertEquals(List.of("cli"), radius.topModules().stream().map(BlastRadius.ModuleReach::module).toList());
        assertEquals(List.of("apps/cli/main.test.js"), radius.coveringTests());

        repo.write("libs/core/package.json", "{\"name\": \"@x/core\", \"version\": \"1.1.0\"}");
        BlastRadius build = measure(repo.dir(), repo.commit("core 1.1.0"));
        assertEquals(List.of("cli"), build.topModules().stream().map(BlastRadius.ModuleReach::module).toList(),
                "the app that depends on @x/core in the workspace, not the other one");
        assertEquals(Set.of("libs/core/index.js", "apps/cli/main.js", "apps/cli/main.test.js"), dependents(build));
    }

    @Test
    void aRangeMovedCommitByCommitGivesTheRadiiOfGraphsBuiltForEachCommit() throws Exception {
        GitRepo repo = GitRepo.init(tmp.resolve("moves"));
        repo.write("package.json", "{\"private\": true, \"workspaces\": [\"packages/*\"]}");
        repo.write("tsconfig.json", "{\"compilerOptions\": {\"baseUrl\": \".\", \"paths\": {\"@lib/*\": [\"packages/a/src/*\"]}}}");
        repo.write("packages/a/package.json", "{\"name\": \"a\", \"main\": \"src/index.ts\"}");
        repo.write("packages/a/src/index.ts", "export * from './x';\n");
        repo.write("packages/a/src/x.ts", "export const x = 1;\n");
        repo.write("packages/a/src/y.ts", "export const y = 2;\n");
        repo.write("packages/b/package.json", "{\"name\": \"b\", \"dependencies\": {\"a\": \"*\"}}");
        repo.write("packages/b/src/use.ts", "import { x } from '@lib/x';\nimport { a } from 'a';\n");
        repo.write("packages/b/src/nested/deep.ts", "import { y } from '@lib/y';\nimport { c } from '@lib/c';\n");
        repo.write("packages/c/package.json", "{\"name\": \"c\"}");
        repo.write("packages/c/src/c.ts", "import { y } from '../../a/src/y';\n");
        repo.write("packages/b/src/nested/tool.py", "import helper\n");
        repo.write("packages/b/src/nested/helper.py", "X = 1\n");
        repo.commit("initial");
        String[][] edits = { // path, new content, commit message
            {"tsconfig.json", "{\"compilerOptions\": {\"baseUrl\": \".\", \"paths\": {\"@lib/*\": [\"packages/a/src/*\", \"packages/c/src/*\"]}}}",
                "an alias reaches a second directory: keys change"},
            {"packages/b/src/nested/package.json", "{\"name\": \"b-nested\"}", "a new package inside b: files change modules"},
            {"packages/c/package.json", "{\"name\": \"c\", \"dependencies\": {\"a\": \"*\"}}", "a dependency between modules: nothing moves"},
            {"packages/a/src/y.ts", "export const y = 3;\n", "y"},
            {"packages/c/src/c.ts", "export const c = 1;\n", "c"},
            {"packages/a/package.json", "{\"name\": \"a2\", \"main\": \"src/index.ts\"}", "a renamed: its importers by name lose it"},
            {"packages/a/src/index.ts", "export * from './x'; export * from './y';\n", "index"},
            {"packages/b/src/nested/helper.py", "X = 2\n", "a file whose importer moved to the new module"},
            {"packages/c/package.json", "{\"name\": \"c\", \"version\": \"1.0.1\", \"dependencies\": {\"a\": \"*\"}}",
                "a version bump: what the layout reads of it is alike, so the layout is not read again"},
            {"tsconfig.json", "{ \"compilerOptions\": { \"baseUrl\": \".\",\n  \"paths\": {\"@lib/*\": [\"packages/a/src/*\", \"packages/c/src/*\"]} } }",
                "the same settings laid out otherwise: alike too"},
            {"packages/c/src/c.ts", "import { a } from 'a2';\nexport const c = 2;\n", "c imports a by its new name"},
        };
        List<String> range = new java.util.ArrayList<>();
        for (String[] edit : edits) {
            repo.write(edit[0], edit[1]);
            range.add(repo.commit(edit[2]));
        }
        try (Repository repository = GitRepositories.open(repo.dir(), Map.of())) {
            Map<String, BlastRadius> moved = ANALYZER.measure(repository, range).byCommit();
            for (String commit : range) {
                assertEquals(ANALYZER.measure(repository, List.of(commit)).byCommit().get(commit), moved.get(commit), commit);
            }
            assertEquals(Set.of("packages/b/src/nested/deep.ts", "packages/c/src/c.ts"), dependents(moved.get(range.get(3))));
            assertEquals(List.of("b-nested", "c"), moved.get(range.get(3)).topModules().stream().map(BlastRadius.ModuleReach::module).sorted().toList());
            assertEquals(Set.of("packages/b/src/nested/deep.ts"), dependents(moved.get(range.get(4))), "@lib/c resolves since the alias changed");
            assertEquals(List.of("b-nested"), moved.get(range.get(7)).affectedModules());
            assertEquals(Set.of("packages/b/src/nested/deep.ts"), dependents(moved.get(range.get(10))),
                    "after the layout was left as it was twice, @lib/c still reaches c");
        }
    }

    @Test
    void aMergedForwardBranchIsMovedThroughInOneGoAndEveryRadiusIsItsCommitsOwn() throws Exception {
        GitRepo repo = GitRepo.init(tmp.resolve("lines"));
        repo.write("a.py", "import b\n");
        repo.write("b.py", "x = 1\n");
        repo.write("c.py", "import a\n");
        repo.commit("base");
        repo.git("branch", "maint");
        // Commits on maint and on main alternate in time; main merges maint twice.
        List<String> maint = new java.util.ArrayList<>();
        List<String> main = new java.util.ArrayList<>();
        for (int round = 0; round < 2; round++) {
            repo.git("checkout", "-q", "maint");
            repo.write("b.py", "x = " + (10 + round) + "\n");
            maint.add(repo.commit("maint fix " + round));
            repo.git("checkout", "-q", "main");
            repo.write("c.py", "import a\ny = " + round + "\n");
            main.add(repo.commit("main work " + round));
            repo.git("merge", "-q", "--no-ff", "-m", "merge maint " + round, "maint");
            main.add(repo.head());
        }
        List<String> range = repo.git("rev-list", "HEAD", "^" + repo.git("rev-list", "--max-parents=0", "HEAD").strip()).lines().toList();
        try (Repository repository = GitRepositories.open(repo.dir(), Map.of());
             org.eclipse.jgit.revwalk.RevWalk walk = new org.eclipse.jgit.revwalk.RevWalk(repository)) {
            List<org.eclipse.jgit.revwalk.RevCommit> commits = new java.util.ArrayList<>();
            for (String id : range) {
                commits.add(walk.parseCommit(org.eclipse.jgit.lib.ObjectId.fromString(id)));
            }
            List<String> order = BlastRadiusAnalyzer.linesOfHistory(commits).stream().map(c -> c.name()).toList();
            assertEquals(range.size(), order.size());
            for (String id : order) {
                for (org.eclipse.jgit.revwalk.RevCommit parent : walk.parseCommit(org.eclipse.jgit.lib.ObjectId.fromString(id)).getParents()) {
                    assertTrue(!order.contains(parent.name()) || order.indexOf(parent.name()) < order.indexOf(id), "parents first");
                }
            }
            assertEquals(1, Math.abs(order.indexOf(maint.get(1)) - order.indexOf(maint.get(0))),
                    "maint's two fixes one after the other, though main's work came between them in time: " + order);

            Map<String, BlastRadius> moved = ANALYZER.measure(repository, range).byCommit();
            for (String commit : range) {
                assertEquals(ANALYZER.measure(repository, List.of(commit)).byCommit().get(commit), moved.get(commit), commit);
            }
            assertEquals(Set.of("a.py", "c.py"), dependents(moved.get(maint.get(1))));
        }
    }

    @Test
    void pythonPackageWithRelativeImports() throws Exception {
        GitRepo repo = GitRepo.init(tmp.resolve("py"));
        repo.write("pkg/__init__.py", "");
        repo.write("pkg/core.py", "def thing():\n    return 1\n");
        repo.write("pkg/sub/__init__.py", "from .. import core\n");
        repo.write("pkg/sub/helpers.py", "from ..core import thing\n");
        repo.write("pkg/sub/user.py", "from . import helpers\n");
        repo.write("pkg/other.py", "import json\n");
        repo.write("app.py", "import pkg.sub.user as u\n");
        repo.write("docs.py", "\"\"\"\nimport pkg.core\n\"\"\"\n# from pkg import core\nx = 'from pkg.core import thing'\n");
        repo.write("tests/test_core.py", "from pkg.core import thing\n\ndef test_thing():\n    assert thing() == 1\n");
        repo.write("pkg/__pycache__/core.cpython-312.py", "from pkg.core import thing\n");
        repo.commit("initial");
        repo.write("pkg/core.py", "def thing():\n    return 2\n");
        BlastRadius radius = measure(repo.dir(), repo.commit("two"));
        assertEquals(Set.of("pkg/sub/__init__.py", "pkg/sub/helpers.py", "pkg/sub/user.py", "app.py", "tests/test_core.py"), dependents(radius));
        assertEquals(List.of("tests/test_core.py"), radius.coveringTests());

        // No build file declares a module here: the project's own configuration configures every source file under it.
        repo.write("requirements.txt", "requests==2.32.0\n");
        BlastRadius requirements = measure(repo.dir(), repo.commit("pin requests"));
        assertEquals(Set.of("pkg/__init__.py", "pkg/core.py", "pkg/sub/__init__.py", "pkg/sub/helpers.py", "pkg/sub/user.py",
                "pkg/other.py", "app.py", "docs.py", "tests/test_core.py"), dependents(requirements), "__pycache__ is ignored");
        assertEquals(List.of("tests/test_core.py"), requirements.coveringTests());
        assertEquals(List.of("requirements.txt", "pkg/__init__.py"),
                requirements.topModules().stream().filter(m -> m.module().equals("pkg/")).findFirst().orElseThrow().path());
        repo.write("pkg/setup.cfg", "[metadata]\nname = pkg\n");
        assertEquals(Set.of("pkg/__init__.py", "pkg/core.py", "pkg/sub/__init__.py", "pkg/sub/helpers.py", "pkg/sub/user.py", "pkg/other.py"),
                dependents(measure(repo.dir(), repo.commit("pkg's own setup.cfg"))), "a configuration file configures its directory only");
    }

    @Test
    void goModuleWithInternalPackages() throws Exception {
        GitRepo repo = GitRepo.init(tmp.resolve("go"));
        repo.write("go.mod", "module example.com/shop\n\ngo 1.22\n\nrequire (\n\tgithub.com/x/y v1.0.0\n)\n");
        repo.write("internal/money/money.go", "package money\n\ntype Money int64\n");
        repo.write("internal/money/round.go", "package money\n\nfunc Round(m Money) Money { return m }\n");
        repo.write("internal/other/other.go", "package other\n\nimport \"fmt\"\n\nvar _ = fmt.Sprint\n");
        repo.write("cart/cart.go", "package cart\n\nimport m \"example.com/shop/internal/money\"\n\ntype Cart struct{ Total m.Money }\n");
        repo.write("cart/cart_test.go", "package cart\n\nimport \"testing\"\n\nfunc TestCart(t *testing.T) {}\n");
        repo.write("cmd/shop/main.go", "package main\n\nimport (\n\t\"fmt\"\n\t\"example.com/shop/cart\"\n)\n\nvar doc = `import \"example.com/shop/internal/other\"`\n\nfunc main() { fmt.Println(cart.Cart{}) }\n");
        repo.write("vendor/example.com/z/z.go", "package z\n\nimport \"example.com/shop/internal/money\"\n");
        repo.commit("initial");
        repo.write("internal/money/money.go", "package money\n\ntype Money int\n");
        BlastRadius radius = measure(repo.dir(), repo.commit("int"));
        assertEquals(Set.of("internal/money/round.go", "cart/cart.go", "cart/cart_test.go", "cmd/shop/main.go"), dependents(radius));
        assertEquals(List.of("example.com/shop"), radius.changedModules());
        assertEquals(List.of("cart/cart_test.go"), radius.coveringTests());

        // A second module in the same repository (its own go.mod) that requires the first one.
        repo.write("tools/go.mod", "module example.com/shop/tools\n\ngo 1.22\n\nrequire example.com/shop v0.0.0\n");
        repo.write("tools/audit/audit.go", "package audit\n\nimport \"example.com/shop/cart\"\n\nvar _ cart.Cart\n");
        repo.write("tools/lint/lint.go", "package lint\n\nimport \"fmt\"\n\nvar _ = fmt.Sprint\n");
        repo.commit("tools");
        repo.write("cart/cart.go", "package cart\n\nimport m \"example.com/shop/internal/money\"\n\ntype Cart struct{ Total, Tax m.Money }\n");
        BlastRadius across = measure(repo.dir(), repo.commit("tax"));
        assertEquals(Set.of("cart/cart_test.go", "cmd/shop/main.go", "tools/audit/audit.go"), dependents(across));
        assertEquals(List.of("example.com/shop/tools"), across.topModules().stream().map(BlastRadius.ModuleReach::module).toList());

        repo.write("go.mod", "module example.com/shop\n\ngo 1.23\n\nrequire (\n\tgithub.com/x/y v1.1.0\n)\n");
        BlastRadius build = measure(repo.dir(), repo.commit("go 1.23"));
        assertEquals(List.of("example.com/shop/tools"), build.topModules().stream().map(BlastRadius.ModuleReach::module).toList(),
                "the tools module requires the one whose go.mod changed");
        assertEquals(List.of("go.mod", "module example.com/shop", "module example.com/shop/tools"), build.topModules().get(0).path());
    }

    @Test
    void cyclesSelfImportsSymlinksSubmodulesAndUnparseableFilesNeitherCrashNorLoop() throws Exception {
        GitRepo sub = GitRepo.init(tmp.resolve("sub"));
        sub.write("x.ts", "export const x = 1;\n");
        String subCommit = sub.commit("sub");
        GitRepo repo = GitRepo.init(tmp.resolve("odd"));
        repo.write("a.ts", "import { b } from './b';\nexport const a = 1;\n");
        repo.write("b.ts", "import { a } from './a';\nimport { b as self } from './b';\nexport const b = 2;\n");
        repo.write("c.ts", "import './c';\nimport './a';\n");
        repo.write("bad.py", "from . import (\n\"\"\"never closed\n");
        repo.write("bad.go", "package bad\nimport (\n\"example.com/never\n");
        repo.write("weird.ts", "const t = `${`${'unterminated");
        repo.write("bin.ts", new byte[] {'i', 'm', 'p', 0, 1, 2});
        repo.git("add", "-A");
        java.nio.file.Files.createSymbolicLink(repo.dir().resolve("link.ts"), Path.of("a.ts"));
        repo.git("update-index", "--add", "--cacheinfo", "160000," + subCommit + ",modules/sub");
        repo.commit("initial");
        repo.write("a.ts", "import { b } from './b';\nexport const a = 3;\n");
        BlastRadius radius = measure(repo.dir(), repo.commit("a"));
        assertEquals(Set.of("b.ts", "c.ts"), dependents(radius));
        assertEquals(7, radius.graphFiles(), "the symlink and the submodule are not files of the graph");

        repo.write("b.ts", "export const b = 4;\n");
        assertEquals(Set.of("a.ts", "c.ts"), dependents(measure(repo.dir(), repo.commit("b"))));
    }

    @Test
    void worksInABareRepositoryAndOnARootCommit() throws Exception {
        GitRepo repo = GitRepo.init(tmp.resolve("work"));
        repo.write("a.py", "import b\n");
        repo.write("b.py", "x = 1\n");
        String root = repo.commit("root");
        GitRepo bare = GitRepo.init(tmp.resolve("bare.git"), "--bare");
        repo.git("push", "-q", bare.dir().toString(), "HEAD:refs/heads/main");
        BlastRadius radius = measure(bare.dir(), root);
        assertTrue(radius.computed());
        assertEquals(Set.of(), dependents(radius), "a root commit adds every file, so nothing else depends on them");
        assertEquals(List.of("."), radius.changedModules());
        repo.write("b.py", "x = 2\n");
        String second = repo.commit("b");
        repo.git("push", "-q", bare.dir().toString(), "HEAD:refs/heads/main");
        assertEquals(Set.of("a.py"), dependents(measure(bare.dir(), second)));
    }

    @Test
    void unknownLanguagesCountAtFileAndDirectoryLevel() throws Exception {
        GitRepo repo = GitRepo.init(tmp.resolve("other"));
        repo.write("docs/guide.md", "# guide\n");
        repo.write("src/main.rs", "fn main() {}\n");
        repo.commit("initial");
        repo.write("src/main.rs", "fn main() { println!(\"x\"); }\n");
        BlastRadius radius = measure(repo.dir(), repo.commit("rust"));
        assertEquals(List.of("src/"), radius.changedModules());
        assertEquals(0, radius.dependentCount());
        assertEquals(0, radius.score());
        assertFalse(radius.testsCover());
    }
}
