package dev.vcai.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vcai.testing.GitRepo;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The progress bar on a real terminal: the jar run under {@code script}, which gives it a pseudo-terminal, draws it
 * on stderr; with stderr a file, nothing is drawn, so logs and machine readers never see it.
 */
class ProgressBarIT {
    static final Path JAR = Path.of("target/vcai.jar").toAbsolutePath();
    static final String JAVA = ProcessHandle.current().info().command().orElse("java");

    @TempDir
    Path tmp;

    private int run(List<String> command, Path stdout, Path stderr) throws Exception {
        Process process = new ProcessBuilder(command).directory(tmp.toFile()).redirectInput(new File("/dev/null"))
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        return process.waitFor();
    }

    @Test
    void drawnOnATerminalOnlyAndNeverOnStdout() throws Exception {
        assertTrue(Files.isRegularFile(JAR), "run with 'mvn verify': the test needs " + JAR);
        GitRepo repo = GitRepo.init(tmp.resolve("repo"));
        for (int i = 0; i < 3; i++) {
            repo.write("f.txt", i + "\n");
            repo.commit("change " + i);
        }
        Path report = tmp.resolve("report.json");
        Path terminal = tmp.resolve("terminal.txt");
        String analyze = JAVA + " -jar " + JAR + " analyze -C " + repo.dir() + " --format json > " + report;
        // script gives the command a pseudo-terminal and copies what it shows to its own stdout: stdout went to the
        // report, so what the terminal showed is stderr's drawing.
        assertEquals(0, run(List.of("script", "-qec", analyze, "/dev/null"), terminal, tmp.resolve("script.err")));
        String drawn = Files.readString(terminal, StandardCharsets.UTF_8);
        assertTrue(drawn.contains("] 100% 3/3"), "a bar reaching 3 of 3: " + drawn);
        assertTrue(Files.readString(report).startsWith("{"), "stdout holds only the report");

        Path stderr = tmp.resolve("stderr.txt");
        assertEquals(0, run(List.of(JAVA, "-jar", JAR.toString(), "analyze", "-C", repo.dir().toString()), tmp.resolve("table.txt"), stderr));
        assertEquals("", Files.readString(stderr), "no bar when stderr is not a terminal");
    }
}
