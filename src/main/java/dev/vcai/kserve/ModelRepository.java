package dev.vcai.kserve;

import com.google.protobuf.TextFormat;
import inference.ModelConfigOuterClass.ModelConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A Triton model repository on disk: one directory per model with a {@code config.pbtxt} (protobuf text format of
 * {@link ModelConfig}) and numbered version directories.
 */
public final class ModelRepository {
    /** One model directory: its parsed configuration, and the newest version directory (null if none). */
    public record Entry(Path directory, ModelConfig config, Path latestVersion) {
    }

    private ModelRepository() {
    }

    /** Parses a config.pbtxt; the model's name defaults to its directory's, as Triton does. */
    public static ModelConfig parse(Path configFile) throws IOException {
        ModelConfig.Builder config = ModelConfig.newBuilder();
        try {
            TextFormat.merge(Files.readString(configFile), config);
        } catch (TextFormat.ParseException e) {
            throw new IOException(configFile + ": " + e.getMessage(), e);
        }
        if (config.getName().isEmpty()) {
            config.setName(configFile.getParent().getFileName().toString());
        }
        return config.build();
    }

    public static List<Entry> read(Path repository) throws IOException {
        if (!Files.isDirectory(repository)) {
            throw new IOException("no model repository at " + repository);
        }
        List<Entry> entries = new ArrayList<>();
        try (Stream<Path> models = Files.list(repository)) {
            for (Path directory : models.sorted().toList()) {
                Path configFile = directory.resolve("config.pbtxt");
                if (Files.isRegularFile(configFile)) {
                    entries.add(new Entry(directory, parse(configFile), latestVersion(directory)));
                }
            }
        }
        return entries;
    }

    private static Path latestVersion(Path directory) throws IOException {
        try (Stream<Path> versions = Files.list(directory)) {
            return versions.filter(p -> Files.isDirectory(p) && p.getFileName().toString().matches("[0-9]+"))
                    .max((a, b) -> Long.compare(Long.parseLong(a.getFileName().toString()), Long.parseLong(b.getFileName().toString())))
                    .orElse(null);
        }
    }
}
