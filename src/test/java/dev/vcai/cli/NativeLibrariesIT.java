package dev.vcai.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vcai.testing.GitRepo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built jar loads ONNX Runtime's native libraries from the per-user cache: nothing is extracted into, or left
 * in, the temporary directory, and a second run reuses the cached copy. Runs after {@code package} (failsafe).
 */
class NativeLibrariesIT {
    private static final Path JAR = Path.of("target/vcai.jar").toAbsolutePath();
    private static final String JAVA = ProcessHandle.current().info().command().orElse("java");

    @TempDir
    Path tmp;

    @Test
    void runsFromTheCacheAndLeavesNothingInTheTemporaryDirectory() throws Exception {
        GitRepo repo = GitRepo.init(tmp.resolve("repo"));
        repo.write("src/App.java", "class App {}\n");
        repo.commit("Add the application");
        Path cacheHome = Files.createDirectories(tmp.resolve("cache"));
        Path javaTmp = Files.createDirectories(tmp.resolve("java-tmp"));

        analyze(repo.dir(), cacheHome, javaTmp);
        Path library = cachedLibrary(cacheHome);
        Files.setLastModifiedTime(library, FileTime.fromMillis(0));
        analyze(repo.dir(), cacheHome, javaTmp);

        assertEquals(0, Files.getLastModifiedTime(library).toMillis(), "the second run reuses the cached library");
        try (Stream<Path> left = Files.list(javaTmp)) {
            assertEquals(List.of(), left.toList(), "ONNX Runtime extracted nothing into java.io.tmpdir");
        }
    }

    private static void analyze(Path repo, Path cacheHome, Path javaTmp) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(JAVA, "-Djava.io.tmpdir=" + javaTmp, "-jar", JAR.toString(),
                "analyze", "-C", repo.toString(), "--format", "json").redirectErrorStream(true);
        builder.environment().put("XDG_CACHE_HOME", cacheHome.toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), output);
        assertTrue(output.contains("\"Add the application\""), output);
    }

    private static Path cachedLibrary(Path cacheHome) throws Exception {
        try (Stream<Path> files = Files.walk(cacheHome.resolve("vcai/onnxruntime"))) {
            List<Path> libraries = files.filter(f -> f.getFileName().toString().equals(System.mapLibraryName("onnxruntime"))).toList();
            assertEquals(1, libraries.size(), "one cached copy of the library: " + libraries);
            return libraries.get(0);
        }
    }
}
