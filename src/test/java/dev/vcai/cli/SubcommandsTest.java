package dev.vcai.cli;

import static dev.vcai.cli.AnalyzeCommandTest.vcai;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vcai.cli.AnalyzeCommandTest.Run;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Main registers only the sub-command a command line names; help and mistakes still see all of them. */
class SubcommandsTest {
    private static final List<String> ALL = List.of("analyze", "evaluate", "train", "hook", "status", "serve", "impact", "kserve");

    @Test
    void helpListsEverySubcommand() {
        Run run = vcai("--help");
        assertEquals(0, run.exit(), run.err());
        for (String name : ALL) {
            assertTrue(run.out().contains("  " + name + " "), name + " missing from:\n" + run.out());
        }
    }

    /** The names under "Commands:" of a help text. */
    private static List<String> commandsListed(String help) {
        List<String> names = new java.util.ArrayList<>();
        boolean listing = false;
        for (String line : help.lines().toList()) {
            if (line.equals("Commands:")) {
                listing = true;
            } else if (listing && line.startsWith("  ") && !line.startsWith("   ")) {
                names.add(line.strip().split("\\s+")[0]);
            } else if (listing && !line.startsWith(" ")) {
                listing = false;
            }
        }
        return names;
    }

    @Test
    void everyCommandAndGroupAnswersHelp() {
        List<List<String>> pending = new java.util.ArrayList<>();
        commandsListed(vcai("--help").out()).forEach(name -> pending.add(List.of(name)));
        int answered = 0;
        while (!pending.isEmpty()) {
            List<String> command = pending.remove(0);
            List<String> args = new java.util.ArrayList<>(command);
            args.add("--help");
            Run run = vcai(args.toArray(String[]::new));
            assertEquals(0, run.exit(), command + ": " + run.err());
            assertTrue(run.out().startsWith("Usage: vcai " + String.join(" ", command)), run.out());
            for (String sub : commandsListed(run.out())) {
                List<String> deeper = new java.util.ArrayList<>(command);
                deeper.add(sub);
                pending.add(deeper);
            }
            answered++;
        }
        assertTrue(answered >= ALL.size() + 4, "the groups' commands too: " + answered);
    }

    @Test
    void versionNamesTheShippedModel() throws Exception {
        Run run = vcai("--version");
        assertEquals(0, run.exit(), run.err());
        byte[] model = java.nio.file.Files.readAllBytes(java.nio.file.Path.of("triton-model-repo/change_type/1/model.onnx"));
        String sha256 = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(model));
        assertTrue(run.out().startsWith("vcai "), run.out());
        assertTrue(run.out().contains("change-type model " + sha256.substring(0, 12) + " (shipped)"), run.out());
    }

    /**
     * git runs "hook pre-receive" and "hook post-receive" with no options, and Main runs them without picocli: their
     * failures read as the same line and exit code as through picocli (an option makes Main use it).
     */
    @Test
    void theHooksGitRunsFailAsTheyWouldThroughPicocli() {
        java.io.InputStream stdin = System.in;
        try {
            for (String hook : List.of("pre-receive", "post-receive")) {
                System.setIn(new java.io.ByteArrayInputStream("not a ref line\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
                Run direct = vcai("hook", hook);
                System.setIn(new java.io.ByteArrayInputStream("not a ref line\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
                Run throughPicocli = vcai("-C", ".", "hook", hook);
                assertEquals(ExitCode.IO.code(), direct.exit(), direct.err());
                assertEquals("vcai: not a '<old> <new> <ref>' line from git: not a ref line\n", direct.err());
                assertEquals(direct.exit(), throughPicocli.exit());
                assertEquals(direct.err(), throughPicocli.err());
            }
        } finally {
            System.setIn(stdin);
        }
    }

    @Test
    void aSubcommandAfterTheDirectoryOptionIsFound() {
        Run run = vcai("-C", "analyze", "impact", "--help");
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("Usage: vcai impact"), run.out());
    }

    @Test
    void anUnknownSubcommandIsAUsageErrorThatSuggestsTheRightOne() {
        Run run = vcai("analyse", "-n", "1");
        assertEquals(ExitCode.USAGE.code(), run.exit());
        assertTrue(run.err().contains("analyse"), run.err());
        assertTrue(run.err().contains("analyze"), run.err());
    }

    @Test
    void inheritedOptionsReachTheOneRegisteredSubcommand() {
        Run run = vcai("analyze", "--debug", "-C", "/nonexistent-vcai-dir");
        assertEquals(ExitCode.NOT_A_REPOSITORY.code(), run.exit(), run.err());
        assertTrue(run.err().contains("nonexistent-vcai-dir"), run.err());
    }
}
