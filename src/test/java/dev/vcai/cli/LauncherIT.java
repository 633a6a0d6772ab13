package dev.vcai.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
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
        assertEquals(0, runVersion(dir.resolve("vcai"), Map.of()));
    }

    /** Like Maven's own script: $JAVA, else $JAVA_HOME's java, else the PATH's; the build's archive is made for that JVM. */
    @Test
    void runsTheJvmOfJavaHomeUnlessJavaNamesOne() throws Exception {
        Path built = ProgressBarIT.JAR.resolveSibling("vcai");
        assertTrue(Files.isExecutable(built), "run with 'mvn verify': the test needs " + built);
        String realJava = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path javaHome = tmp.resolve("jdk");
        Path marker = tmp.resolve("ran");
        Path java = Files.createDirectories(javaHome.resolve("bin")).resolve("java");
        // A JDK's java that leaves a mark and runs the real one: the test asks which JVM the launcher chose.
        Files.writeString(java, "#!/bin/sh\ntouch '" + marker + "'\nexec '" + realJava + "' \"$@\"\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));

        assertEquals(0, runVersion(built, Map.of("JAVA_HOME", javaHome.toString())));
        assertTrue(Files.exists(marker), "JAVA_HOME's java ran");

        Files.delete(marker);
        assertEquals(0, runVersion(built, Map.of("JAVA_HOME", javaHome.toString(), "JAVA", realJava)));
        assertFalse(Files.exists(marker), "JAVA wins over JAVA_HOME");
    }

    /** The build's archive holds vcai's classes: {@code -Xshare:on} makes the JVM refuse to start rather than run without it. */
    @Test
    void theBuildsArchiveHoldsVcaisClasses() throws Exception {
        Path archive = ProgressBarIT.JAR.resolveSibling("vcai.jar.jsa");
        assertTrue(Files.isRegularFile(archive), "run with 'mvn verify': the test needs " + archive);
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:on", "-XX:SharedArchiveFile=" + archive, "-Xlog:class+load=info", "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-jar", ProgressBarIT.JAR.toString(), "--version").redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), output);
        for (String loaded : List.of("dev.vcai.cli.Main", "dev.vcai.cli.VcaiCommand", "dev.vcai.model.EmbeddedModel")) {
            assertTrue(output.lines().anyMatch(line -> line.contains(" " + loaded + " source: shared objects file")),
                    loaded + " comes from the archive");
        }
    }

    private static int runVersion(Path launcher, Map<String, String> env) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(launcher.toString(), "--version").redirectErrorStream(true);
        builder.environment().remove("JAVA");
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int status = process.waitFor();
        assertTrue(output.startsWith("vcai "), output);
        return status;
    }
}
