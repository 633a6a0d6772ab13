package dev.vcai.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ConventionalCommitTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "feat(api): add paging | feature",
            "feature: x | feature",
            "fix: crash on empty input | bug_fix",
            "fix(auth): patch CVE-2024-12345 | security",
            "fix: address security issue in parser | security",
            "fix: GHSA-xxxx | bug_fix",
            "fix: GHSA-4v5w-9c2x-jx3m in deps | security",
            "hotfix!: urgent | bug_fix",
            "refactor: split module | refactor",
            "perf: faster | performance",
            "docs: typo | documentation",
            "test: more cases | test",
            "ci: cache maven | build",
            "chore(deps): update dependency x to v2 | build",
            "fix(deps): bump y | build",
            "chore: release 1.2.0 | chore",
            "style: format | chore",
            "revert: undo | chore",
            "wip: half done | -",
            "types: tighten | -",
            "Add a feature without a prefix | -"})
    void declaredTypesMapAsTheDatasetReadmeSays(String subject, String expected) {
        Optional<ChangeType> mapped = ConventionalCommit.parse(subject).flatMap(ConventionalCommit::changeType);
        assertEquals(Optional.ofNullable(expected).map(ChangeType::fromId), mapped);
    }

    @Test
    void prefixIsStrippedForTheModel() {
        assertEquals("add paging", ConventionalCommit.stripPrefix("feat(api)!: add paging"));
        assertEquals("Plain subject", ConventionalCommit.stripPrefix("Plain subject"));
        ConventionalCommit header = ConventionalCommit.parse("feat(api)!: add paging").orElseThrow();
        assertTrue(header.breaking());
        assertEquals("api", header.scope());
        assertFalse(ConventionalCommit.parse("Merge branch 'x'").isPresent());
    }
}
