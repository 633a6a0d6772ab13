package dev.vcai.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What kind of file a path is; the first matching rule wins. */
class FileKindTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "src/main/java/Foo.java, SOURCE",
            "src/test/java/FooTest.java, TEST",
            "src/main/java/FooTest.java, TEST",
            "src/main/java/FooIT.java, TEST",
            "app/src/UserSpec.kt, TEST",
            "Latest.java, SOURCE",
            "Submit.java, SOURCE",
            "src/Contest.java, SOURCE",
            "src/LatestTest.java, TEST",
            "src/attestation/Verify.java, SOURCE",
            "src/Testing.java, SOURCE",
            "pkg/server/handler_test.go, TEST",
            "tests/test_app.py, TEST",
            "test_utils.py, TEST",
            "conftest.py, TEST",
            "web/src/Button.test.tsx, TEST",
            "web/src/Button.tsx, SOURCE",
            "src/test/resources/fixture.json, TEST",
            "web/__snapshots__/Button.snap, TEST",
            "README.md, DOCUMENTATION",
            "LICENSE, DOCUMENTATION",
            "docs/guide.md, DOCUMENTATION",
            "doc/api.rst, DOCUMENTATION",
            "notes.txt, DOCUMENTATION",
            "docs/conf.py, DOCUMENTATION",
            "docs/index.html, DOCUMENTATION",
            "package-lock.json, LOCKFILE",
            "yarn.lock, LOCKFILE",
            "Cargo.lock, LOCKFILE",
            "go.sum, LOCKFILE",
            "Gemfile.lock, LOCKFILE",
            ".github/workflows/ci.yml, CI",
            ".github/dependabot.yml, CI",
            "Jenkinsfile, CI",
            ".gitlab-ci.yml, CI",
            "pom.xml, BUILD",
            "build.gradle.kts, BUILD",
            "package.json, BUILD",
            "go.mod, BUILD",
            "Cargo.toml, BUILD",
            "Makefile, BUILD",
            "Dockerfile, BUILD",
            "deploy/Dockerfile.dev, BUILD",
            "tsconfig.json, BUILD",
            "vite.config.ts, BUILD",
            "requirements.txt, BUILD",
            "requirements-test.txt, BUILD",
            ".mvn/wrapper/maven-wrapper.properties, BUILD",
            "gradle/wrapper/gradle-wrapper.properties, BUILD",
            "CHANGELOG.md, CHANGELOG",
            "docs/CHANGELOG.md, CHANGELOG",
            "CHANGES.rst, CHANGELOG",
            "HISTORY.md, CHANGELOG",
            "logo.png, ASSET",
            "assets/fonts/Inter.woff2, ASSET",
            "lib/vendor.jar, ASSET",
            "src/main/resources/application.yml, CONFIG",
            "src/main/resources/application.properties, CONFIG",
            ".editorconfig, CONFIG",
            ".gitignore, CONFIG",
            "scripts/deploy.sh, SOURCE",
            "db/migrations/001_init.sql, SOURCE",
            "infra/main.tf, SOURCE",
            "src/main/resources/templates/index.html, SOURCE",
            "src/history.ts, SOURCE",
            "src/store/changes.ts, SOURCE",
            "internal/changelog/changelog.go, SOURCE",
            "internal/license/license.go, SOURCE",
            "tools/readme_check.py, SOURCE",
            "data/blob, OTHER"})
    void kindOfPath(String path, FileKind expected) {
        assertEquals(expected, FileKind.of(path));
    }

    @Test
    void aSubmoduleIsASubmoduleWhateverItsName() {
        assertEquals(FileKind.SUBMODULE, ChangedFile.of("vendor/lib.java", null, 'M', 1, 1, false, true, false, 0).kind());
        assertEquals(FileKind.SOURCE, ChangedFile.of("vendor/lib.java", null, 'M', 1, 1, false, false, false, 0).kind());
    }

    @Test
    void onlySourceIsCode() {
        assertTrue(FileKind.SOURCE.isCode());
        for (FileKind kind : FileKind.values()) {
            assertEquals(kind == FileKind.SOURCE, kind.isCode(), kind.id());
        }
        assertEquals("documentation", FileKind.DOCUMENTATION.id());
        assertFalse(FileKind.TEST.isCode());
    }
}
