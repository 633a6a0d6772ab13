package dev.vcai.model;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The change-type model's numbered versions in Triton's model-repository layout: {@code <repo>/change_type/<n>/model.onnx}.
 * The newest version is production, for Triton (version_policy latest) and for the embedded model alike; a rollback
 * publishes the previous model again as a newer version.
 */
public final class ModelVersions {
    public static final String MODEL_NAME = "change_type";
    public static final String FILE_NAME = "model.onnx";

    private ModelVersions() {
    }

    /** The version numbers holding a model file, ascending. */
    public static List<Integer> list(Path modelDirectory) throws IOException {
        List<Integer> versions = new ArrayList<>();
        if (!Files.isDirectory(modelDirectory)) {
            return versions;
        }
        try (Stream<Path> entries = Files.list(modelDirectory)) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                String name = entry.getFileName().toString();
                if (name.matches("[1-9][0-9]{0,8}") && Files.isRegularFile(entry.resolve(FILE_NAME))) {
                    versions.add(Integer.parseInt(name));
                }
            }
        }
        versions.sort(null);
        return versions;
    }

    /** The newest version's model file, if there is one. */
    public static Optional<Path> latest(Path modelDirectory) throws IOException {
        List<Integer> versions = list(modelDirectory);
        return versions.isEmpty() ? Optional.empty()
                : Optional.of(modelDirectory.resolve(Integer.toString(versions.get(versions.size() - 1))).resolve(FILE_NAME));
    }

    /**
     * Writes {@code bytes} as the next version, all or nothing: the file is written in a hidden directory and moved into
     * place, so Triton and readers never see a half-written version.
     *
     * @return the new version's number
     */
    public static synchronized int publish(Path modelDirectory, byte[] bytes) throws IOException {
        Files.createDirectories(modelDirectory);
        List<Integer> versions = list(modelDirectory);
        int next = versions.isEmpty() ? 1 : versions.get(versions.size() - 1) + 1;
        Path staging = Files.createTempDirectory(modelDirectory, ".staging-");
        try {
            Files.write(staging.resolve(FILE_NAME), bytes);
            try {
                Files.move(staging, modelDirectory.resolve(Integer.toString(next)), StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(staging, modelDirectory.resolve(Integer.toString(next)));
            }
        } finally {
            Files.deleteIfExists(staging.resolve(FILE_NAME));
            Files.deleteIfExists(staging);
        }
        return next;
    }
}
