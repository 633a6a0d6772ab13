package dev.vcai.cli;

import static dev.vcai.cli.AnalyzeCommandTest.vcai;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vcai.testing.GitRepo;
import java.nio.file.Path;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImpactCommandTest {
    @TempDir
    Path tmp;

    private GitRepo project() {
        GitRepo repo = GitRepo.init(tmp.resolve("p"));
        repo.write("core/src/com/acme/Money.java", "package com.acme;\npublic class Money { }\n");
        repo.write("shop/src/com/acme/shop/Prices.java", "package com.acme.shop;\nimport com.acme.Money;\nclass Prices { Money m; }\n");
        repo.write("shop/test/com/acme/shop/PricesTest.java", "package com.acme.shop;\nclass PricesTest { Prices p; Basket b; }\n");
        repo.commit("initial");
        return repo;
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    @Test
    void aFileOrASymbolInTheWorkingTreeOrARevision() throws Exception {
        GitRepo repo = project();
        AnalyzeCommandTest.Run byPath = vcai("-C", repo.dir().resolve("core").toString(), "impact", "src/com/acme/Money.java");
        assertEquals(0, byPath.exit(), byPath.err());
        assertTrue(byPath.out().contains("shop/src/com/acme/shop/Prices.java"), byPath.out());
        assertTrue(byPath.out().contains("Tests covering it: shop/test/com/acme/shop/PricesTest.java"), byPath.out());

        AnalyzeCommandTest.Run bySymbol = vcai("-C", repo.dir().toString(), "impact", "com.acme.Money", "--format", "json");
        assertEquals(0, bySymbol.exit(), bySymbol.err());
        JsonNode radius = new ObjectMapper().readTree(bySymbol.out()).get("blast_radius");
        assertEquals(List.of("shop/src/com/acme/shop/Prices.java", "shop/test/com/acme/shop/PricesTest.java"), strings(radius.get("dependent_files")));
        assertEquals(List.of("core/"), strings(radius.get("changed_modules")));
        assertEquals(List.of("core/src/com/acme/Money.java", "shop/src/com/acme/shop/Prices.java"),
                strings(radius.get("top_modules").get(0).get("path")));
        for (String[] directory : new String[][] {{repo.dir().toString(), "core"}, {repo.dir().resolve("core").toString(), "src/com"}}) {
            AnalyzeCommandTest.Run byDirectory = vcai("-C", directory[0], "impact", directory[1], "--format", "json");
            assertEquals(0, byDirectory.exit(), byDirectory.err());
            assertEquals(radius, new ObjectMapper().readTree(byDirectory.out()).get("blast_radius"), "every file of " + directory[1] + ": Money.java");
        }
        AnalyzeCommandTest.Run bySimpleName = vcai("-C", repo.dir().toString(), "impact", "Money", "--format", "json");
        assertEquals(radius, new ObjectMapper().readTree(bySimpleName.out()).get("blast_radius"), "the one type named Money");

        // Basket is not committed yet: its working tree version is read, and the committed test already uses it.
        repo.write("shop/src/com/acme/shop/Basket.java", "package com.acme.shop;\nclass Basket { }\n");
        AnalyzeCommandTest.Run uncommitted = vcai("-C", repo.dir().toString(), "impact", "shop/src/com/acme/shop/Basket.java");
        assertEquals(0, uncommitted.exit(), uncommitted.err());
        assertTrue(uncommitted.out().contains("1 dependent files"), uncommitted.out());
        assertTrue(uncommitted.out().contains("Tests covering it: shop/test/com/acme/shop/PricesTest.java"), uncommitted.out());
        AnalyzeCommandTest.Run atHead = vcai("-C", repo.dir().toString(), "impact", "--rev", "HEAD", "shop/src/com/acme/shop/Basket.java");
        assertEquals(ExitCode.USAGE.code(), atHead.exit(), "HEAD has no Basket.java: " + atHead.out());
    }

    @Test
    void analyzeCanSkipTheBlastRadius() throws Exception {
        GitRepo repo = project();
        repo.write("core/src/com/acme/Money.java", "package com.acme;\npublic class Money { long cents; }\n");
        repo.commit("cents");
        JsonNode with = new ObjectMapper().readTree(vcai("-C", repo.dir().toString(), "analyze", "-n", "1", "--format", "json").out());
        JsonNode radius = with.get("commits").get(0).get("blast_radius");
        assertTrue(radius.get("computed").asBoolean());
        assertEquals(2, radius.get("dependent_count").asInt());
        JsonNode without = new ObjectMapper().readTree(vcai("-C", repo.dir().toString(), "analyze", "-n", "1", "--no-blast-radius",
                "--format", "json").out());
        assertFalse(without.get("commits").get(0).get("blast_radius").get("computed").asBoolean());

        String markdown = vcai("-C", repo.dir().toString(), "analyze", "-n", "1", "--format", "markdown").out();
        assertTrue(markdown.contains("<summary>Blast radius</summary>"), markdown);
        assertTrue(markdown.contains("score " + radius.get("score").asInt() + ": 2 dependent files of 3, modules changed core/, covered by 1 test files"),
                markdown);
        assertTrue(markdown.contains("  - `shop/ (2 files): core/src/com/acme/Money.java -> shop/src/com/acme/shop/Prices.java`"), markdown);
        assertTrue(markdown.contains("  - `dependent files: shop/src/com/acme/shop/Prices.java, shop/test/com/acme/shop/PricesTest.java`"), markdown);
        assertTrue(vcai("-C", repo.dir().toString(), "analyze", "-n", "1").out().contains(radius.get("score").asInt() + " (2 files)"));
    }

    @Test
    void aPolicysImpactIgnoreLeavesItsDirectoriesOutOfTheGraph() throws Exception {
        GitRepo repo = project();
        repo.write("shop/stubs/com/acme/shop/PricesStub.java", "package com.acme.shop;\nimport com.acme.Money;\nclass PricesStub { Money m; }\n");
        repo.commit("stubs");
        JsonNode all = new ObjectMapper().readTree(vcai("-C", repo.dir().toString(), "impact", "com.acme.Money", "--format", "json").out());
        assertTrue(strings(all.get("blast_radius").get("dependent_files")).contains("shop/stubs/com/acme/shop/PricesStub.java"), all.toString());

        Path policy = Files.writeString(tmp.resolve("policy.yaml"), "impact_ignore: [stubs]\n");
        AnalyzeCommandTest.Run ignoring = vcai("-C", repo.dir().toString(), "impact", "com.acme.Money", "--policy", policy.toString(), "--format", "json");
        assertEquals(0, ignoring.exit(), ignoring.err());
        assertEquals(List.of("shop/src/com/acme/shop/Prices.java", "shop/test/com/acme/shop/PricesTest.java"),
                strings(new ObjectMapper().readTree(ignoring.out()).get("blast_radius").get("dependent_files")));
    }

    /** The tree has them, the graph does not: the error says why. */
    @Test
    void aSubmoduleASymlinkAndAnIgnoredDirectoryAreNamedAsSuch() throws Exception {
        GitRepo other = GitRepo.init(tmp.resolve("other"));
        other.write("x.txt", "x\n");
        other.commit("other");
        GitRepo repo = project();
        repo.git("-c", "protocol.file.allow=always", "submodule", "add", "-q", other.dir().toString(), "sub");
        Files.createSymbolicLink(repo.dir().resolve("link"), Path.of("core"));
        repo.write("node_modules/left-pad/index.js", "module.exports = 1;\n");
        repo.commit("a submodule, a link and a vendored package");
        for (String[] target : new String[][] {{"sub", "is a submodule"}, {"link", "is a symbolic link"},
                {"node_modules", "is left out of the graph by impact_ignore"}}) {
            AnalyzeCommandTest.Run run = vcai("-C", repo.dir().toString(), "impact", target[0]);
            assertEquals(ExitCode.USAGE.code(), run.exit());
            assertTrue(run.err().startsWith("vcai: '" + target[0] + "' " + target[1]), run.err());
        }
    }

    /** A tree of languages whose imports vcai does not read answers 0 of 0, and says why. */
    @Test
    void aTreeWithoutALanguageWhoseImportsAreReadSaysSo() throws Exception {
        GitRepo rust = GitRepo.init(tmp.resolve("rust"));
        rust.write("Cargo.toml", "[package]\nname = \"adder\"\n");
        rust.write("src/lib.rs", "mod add;\npub use add::add;\n");
        rust.write("src/add.rs", "pub fn add(a: i32, b: i32) -> i32 { a + b }\n");
        rust.commit("an adder");
        AnalyzeCommandTest.Run run = vcai("-C", rust.dir().toString(), "impact", "src/add.rs");
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().startsWith("Blast radius 0/100: 0 dependent files of 0 source files"), run.out());
        assertTrue(run.out().contains("No file of this tree is in a language whose imports vcai reads"), run.out());
        AnalyzeCommandTest.Run java = vcai("-C", project().dir().toString(), "impact", "com.acme.Money");
        assertEquals(0, java.exit(), java.err());
        assertFalse(java.out().contains("No file of this tree"), java.out());
    }

    @Test
    void unknownTargetsAndRevisionsAreOneLineErrors() {
        GitRepo repo = project();
        AnalyzeCommandTest.Run unknown = vcai("-C", repo.dir().toString(), "impact", "com.acme.Nope");
        assertEquals(ExitCode.USAGE.code(), unknown.exit());
        assertTrue(unknown.err().startsWith("vcai: 'com.acme.Nope' is neither a file"), unknown.err());
        assertEquals(1, unknown.err().lines().count(), unknown.err());
        repo.write("core/src/com/acme/legacy/Money.java", "package com.acme.legacy;\npublic class Money { }\n");
        repo.commit("a second Money");
        AnalyzeCommandTest.Run ambiguous = vcai("-C", repo.dir().toString(), "impact", "Money");
        assertEquals(ExitCode.USAGE.code(), ambiguous.exit());
        assertEquals("vcai: 'Money' names 2 types: com.acme.Money, com.acme.legacy.Money; give the full name", ambiguous.err().strip());
        AnalyzeCommandTest.Run badRev = vcai("-C", repo.dir().toString(), "impact", "--rev", "v9", "com.acme.Money");
        assertEquals(ExitCode.UNKNOWN_REVISION.code(), badRev.exit());
        assertFalse(badRev.err().contains("\tat "), badRev.err());
    }
}
