package dev.vcai.git;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class InlineTestsTest {
    private static boolean marks(String line) {
        byte[] bytes = ("+" + line).getBytes(StandardCharsets.UTF_8);
        return InlineTests.marksTest(bytes, 1, bytes.length);
    }

    @Test
    void testAttributesAreTheirNamesAfterAnyPath() {
        for (String line : List.of("#[test]", "    #[test]", "\t#[cfg(test)]", "#[tokio::test]",
                "    #[tokio::test(flavor = \"multi_thread\")]", "#[crate::test]", "#[rstest]", "#[test_case(1, 2)]")) {
            assertTrue(marks(line), line);
        }
    }

    @Test
    void otherAttributesAndTextAreNot() {
        assertAll(List.of("#[derive(Debug)]", "#[testing]", "#[cfg(not(test))]", "// #[test]", "let test = 1;", "#[test",
                "#", "", "#[contest]", "#[my::tested]").stream().map(line -> () -> assertFalse(marks(line), line)));
    }

    @Test
    void onlyRustFilesHoldThem() {
        assertEquals(List.of(true, false, false), List.of("src/lib.rs", "src/Lib.java", "notes.rs.txt").stream()
                .map(InlineTests::possibleIn).toList());
    }

    /** A diff sent to the service is read the same way, from its lines. */
    @Test
    void aUnifiedDiffsRustTestsAreFound() throws GitError {
        String diff = String.join("\n",
                "diff --git a/src/lib.rs b/src/lib.rs", "--- a/src/lib.rs", "+++ b/src/lib.rs", "@@ -1 +1,7 @@",
                " fn add() {}", "+", "+#[cfg(test)]", "+mod tests {", "+    #[test]", "+    fn adds() {}", "+}",
                "diff --git a/src/main.rs b/src/main.rs", "--- a/src/main.rs", "+++ b/src/main.rs", "@@ -1 +1 @@",
                "-fn main() {}", "+fn main() { run() }",
                "diff --git a/notes.py b/notes.py", "--- a/notes.py", "+++ b/notes.py", "@@ -1 +1 @@", "-x = 1", "+#[test]", "");
        List<FileDiff> files = UnifiedDiff.parse(diff, DiffLimits.DEFAULT).files();
        assertEquals(List.of(true, false, false), files.stream().map(FileDiff::changesTests).toList());
    }

    private static List<Integer> testLines(String... lines) {
        return InlineTests.testLines(String.join("\n", lines).getBytes(StandardCharsets.UTF_8)).stream().boxed().toList();
    }

    /** A brace in a string, a raw string, a character or a comment is no brace; a lifetime is no character. */
    @Test
    void aTestModuleRunsToItsClosingBrace() {
        assertEquals(List.of(3, 4, 5, 6, 7, 8, 9, 10), testLines(
                "fn add<'a>(x: &'a str) -> usize {",
                "    x.len()",
                "}",
                "#[cfg(test)]",
                "mod tests {",
                "    #[test]",
                "    fn braces() {",
                "        let s = \"}\"; let r = r#\"}\"}\"#; let c = '}'; let e = '\\''; /* } /* } */ */ // }",
                "        let é = 'é'; let label: &'static str = \"{\";",
                "    }",
                "}",
                "fn after() {}"));
    }

    @Test
    void anItemMarkedForTestsAloneIsTestCode() {
        assertEquals(List.of(1, 2, 4, 5, 6), testLines(
                "fn code() {}",
                "#[cfg(test)]",
                "use std::fmt::Write;",
                "fn more_code() {}",
                "#[cfg(test)]",
                "#[allow(dead_code)]",
                "fn helper() -> [u8; 4] { [0; 4] }",
                "fn last() {}"));
        assertEquals(List.of(), testLines("fn main() {}", "// #[cfg(test)] in a comment", "let s = \"#[cfg(test)]\";"));
    }
}
