package dev.vcai.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import ai.onnxruntime.OrtEnvironment;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxRuntimeLibrariesTest {
    private static final List<String> LIBRARIES = List.of("onnxruntime", "onnxruntime4j_jni");

    @TempDir
    Path root;

    @Test
    void copiesTheJarsLibrariesOnceAndReusesThem() throws Exception {
        Path directory = OnnxRuntimeLibraries.cache(root);
        assertNotNull(directory, "ONNX Runtime's libraries come from its jar in this build");
        for (String library : LIBRARIES) {
            Path copy = directory.resolve(System.mapLibraryName(library));
            assertArrayEquals(resourceBytes(library, directory), Files.readAllBytes(copy), library);
            Files.setLastModifiedTime(copy, FileTime.fromMillis(0));
        }

        assertEquals(directory, OnnxRuntimeLibraries.cache(root));
        for (String library : LIBRARIES) {
            assertEquals(0, Files.getLastModifiedTime(directory.resolve(System.mapLibraryName(library))).toMillis(),
                    "an intact copy is not written again: " + library);
        }
    }

    @Test
    void replacesACopyCutShortByAKilledRun() throws Exception {
        Path directory = OnnxRuntimeLibraries.cache(root);
        Path library = directory.resolve(System.mapLibraryName("onnxruntime"));
        byte[] whole = Files.readAllBytes(library);
        Files.write(library, new byte[] {1, 2, 3});

        assertEquals(directory, OnnxRuntimeLibraries.cache(root));

        assertArrayEquals(whole, Files.readAllBytes(library));
        try (Stream<Path> files = Files.list(directory)) {
            assertEquals(List.of(), files.filter(f -> f.toString().endsWith(".partial")).toList(), "no temporary files left");
        }
    }

    private static byte[] resourceBytes(String library, Path cached) throws Exception {
        String platform = cached.getFileName().toString().replaceAll("-[0-9a-f]+-[0-9a-f]+$", "");
        try (InputStream in = OrtEnvironment.class.getResourceAsStream(
                "/ai/onnxruntime/native/" + platform + "/" + System.mapLibraryName(library))) {
            assertNotNull(in, "resource for " + platform);
            return in.readAllBytes();
        }
    }
}
