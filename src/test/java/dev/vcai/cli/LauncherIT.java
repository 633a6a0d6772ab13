package dev.vcai.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher script, installed where a Jenkins workspace or an admin's tool directory puts it. */
class LauncherIT {
    @TempDir
    Path tmp;

    @Test
    void runsFromADirectoryWithASpaceInItsName() throws Exception {
        Path built = ProgressBarIT.JAR.resolveSibling("vcai");
        assertTrue(Files.isExecutable(built), "run with 'mvn verify': the test needs " + built);
        assertTrue(Files.isRegularFile(ProgressBarIT.JAR.resolveSibling("vcai.jar.jsa")), "the archive whose path the launcher passes");
        Path dir = Files.createDirectories(tmp.resolve("My Job"));
        Files.copy(built, dir.resolve("vcai"));
        Files.createSymbolicLink(dir.resolve("vcai.jar"), ProgressBarIT.JAR);
        Files.createSymbolicLink(dir.resolve("vcai.jar.jsa"), ProgressBarIT.JAR.resolveSibling("vcai.jar.jsa"));
        Process process = new ProcessBuilder(dir.resolve("vcai").toString(), "--version").redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), output);
        assertTrue(output.startsWith("vcai "), output);
    }
}
