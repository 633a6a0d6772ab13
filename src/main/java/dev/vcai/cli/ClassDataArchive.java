package dev.vcai.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The class-data archive beside a vcai jar ({@code vcai.jar.jsa}), which the launcher and the hooks start the JVM
 * with: the classes a hook's push and a long range load come mapped from it instead of being read from the jar and
 * verified at every start. It is written at the exit of one run of {@code hook warm-up}, by the JVM that will run
 * vcai: up to JDK 24 a dynamic archive on top of the JDK's own, from JDK 25 on an AOT cache (JEP 483), the classes
 * loaded and linked and the lambdas spun, which the JVM reads with the same option.
 *
 * <p>A static archive (the JDK's classes and vcai's in one) would also hold picocli's classes, compiled for Java 5,
 * which a dynamic one cannot, and starts a one-commit run 60-80 ms sooner; but a JVM refuses it whole once the jar is
 * copied elsewhere or the JDK is updated, and then starts slower than with the JDK's archive, where a refused
 * dynamic archive leaves the JDK's in place.
 */
final class ClassDataArchive {
    private static final long TIMEOUT_SECONDS = 120;

    private ClassDataArchive() {
    }

    static Path of(Path jar) {
        return Path.of(jar + ".jsa");
    }

    /** Whether the archive exists and is newer than the jar: a JVM refuses an archive made from other classes. */
    static boolean isUpToDate(Path jar) throws IOException {
        Path archive = of(jar);
        return Files.exists(archive) && Files.getLastModifiedTime(archive).compareTo(Files.getLastModifiedTime(jar)) > 0;
    }

    /**
     * Writes the archive of {@code jar} with {@code java}, the running JVM, under the launcher's JIT and collector so
     * that what the warm-up loads is what a hook run loads; returns whether it did. An archive left from an earlier
     * jar is deleted first, so that a failure leaves none rather than one the JVM would refuse.
     */
    static boolean write(Path java, Path jar) throws IOException, InterruptedException {
        Path archive = of(jar);
        Files.deleteIfExists(archive);
        String writeOption = Runtime.version().feature() >= 25 ? "-XX:AOTCacheOutput=" : "-XX:ArchiveClassesAtExit=";
        Process process = new ProcessBuilder(List.of(java.toString(), writeOption + archive, "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-Xlog:disable", "-jar", jar.toString(), "hook", "warm-up"))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return false;
        }
        return process.exitValue() == 0 && Files.exists(archive);
    }
}
