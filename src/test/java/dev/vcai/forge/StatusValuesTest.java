package dev.vcai.forge;

import static dev.vcai.forge.ForgeTestSupport.SHA;
import static dev.vcai.forge.ForgeTestSupport.TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vcai.policy.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The values: verdict mapping, status validation and shortening, tokens from the environment or a file. */
class StatusValuesTest {
    @TempDir
    Path tmp;

    @Test
    void verdictsMapToStates() {
        assertEquals(StatusState.SUCCESS, VerdictMapping.DEFAULT.state(Verdict.APPROVED));
        assertEquals(StatusState.SUCCESS, VerdictMapping.DEFAULT.state(Verdict.CONDITIONAL));
        assertEquals(StatusState.FAILURE, new VerdictMapping(true).state(Verdict.CONDITIONAL));
        assertEquals(StatusState.FAILURE, VerdictMapping.DEFAULT.state(Verdict.REJECTED));
        assertEquals(StatusState.FAILURE, VerdictMapping.DEFAULT.state(Verdict.BLOCKED));
        assertEquals(StatusState.SUCCESS, new VerdictMapping(true).state(Verdict.APPROVED));
        assertEquals("vcai: CONDITIONAL: untested-code x1", VerdictMapping.DEFAULT.description(Verdict.CONDITIONAL, " untested-code x1 "));
        assertEquals("vcai: APPROVED", VerdictMapping.DEFAULT.description(Verdict.APPROVED, null));
    }

    @Test
    void statusesAreValidatedAndNormalised() {
        CommitStatus status = new CommitStatus(Forge.GITHUB, null, "o/r", SHA.toUpperCase(), StatusState.ERROR, " ", "a\n b", "");
        assertEquals("https://api.github.com", status.baseUrl());
        assertEquals(SHA, status.sha());
        assertEquals("vcai", status.context());
        assertEquals("a b", status.description(), "one line");
        assertEquals(null, status.targetUrl());
        assertThrows(IllegalArgumentException.class, () -> new CommitStatus(Forge.GITLAB, null, "g/p", SHA, StatusState.SUCCESS, null, null, null),
                "GitLab has no default server");
        assertThrows(IllegalArgumentException.class, () -> new CommitStatus(Forge.GITHUB, null, "noslash", SHA, StatusState.SUCCESS, null, null, null));
        assertThrows(IllegalArgumentException.class, () -> new CommitStatus(Forge.GITHUB, null, "o/r", "main", StatusState.SUCCESS, null, null, null));
        assertThrows(IllegalArgumentException.class, () -> new CommitStatus(Forge.GITEA, "ftp://x", "o/r", SHA, StatusState.SUCCESS, null, null, null));
        assertEquals("g/sub/p", new CommitStatus(Forge.GITLAB, "https://gitlab.example.com/", "g/sub/p", SHA, StatusState.SUCCESS, null, null, null).repository());
        assertEquals(Forge.GITEA, Forge.of("Forgejo"));
    }

    @Test
    void descriptionsAreCutToEachForgesLimit() {
        String text = "é".repeat(300);
        for (Forge forge : Forge.values()) {
            CommitStatus status = new CommitStatus(forge, "https://forge.example.com", "o/r", SHA, StatusState.SUCCESS, null, text, null);
            assertEquals(forge.descriptionLimit(), status.description().codePointCount(0, status.description().length()), forge.id());
            assertTrue(status.description().endsWith("…"));
        }
        assertEquals(140, Forge.GITHUB.descriptionLimit());
    }

    @Test
    void tokensComeFromTheEnvironmentOrAFileAndNeverShow() throws Exception {
        Token fromEnvironment = Token.fromEnvironment("GITHUB_TOKEN", Map.of("GITHUB_TOKEN", " " + TOKEN + "\n"));
        assertEquals(TOKEN, fromEnvironment.reveal());
        assertEquals("$GITHUB_TOKEN", fromEnvironment.origin());
        assertFalse(fromEnvironment.toString().contains(TOKEN));
        assertEquals("Bearer [redacted] here", fromEnvironment.redact("Bearer " + TOKEN + " here"));
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> Token.fromEnvironment("GITLAB_TOKEN", Map.of()));
        assertTrue(missing.getMessage().contains("GITLAB_TOKEN"));

        Path file = tmp.resolve("token");
        Files.writeString(file, TOKEN + "\n");
        assertEquals(TOKEN, Token.fromFile(file).reveal());
        Files.writeString(file, "\n");
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class, () -> Token.fromFile(file));
        assertTrue(empty.getMessage().contains("empty"));
    }
}
