package dev.vcai.service;

import dev.vcai.model.EmbeddedModel;
import dev.vcai.model.ModelException;
import dev.vcai.model.ModelVersions;
import dev.vcai.pipeline.Analyzer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The production change-type model the service answers with: the newest version in the model repository
 * ({@code <repo>/change_type/<n>/model.onnx}), else the model shipped inside vcai. Promotion and rollback publish a
 * new version and switch to it; requests in flight finish on the model they started with.
 */
final class ProductionModel implements AutoCloseable {
    private final Path directory;
    private final List<EmbeddedModel> retired = new ArrayList<>();
    private volatile Current current;

    /** @param version the model repository's version number, or null for the shipped model */
    record Current(EmbeddedModel model, Analyzer analyzer, Integer version) {
    }

    ProductionModel(Path modelDirectory) throws ModelException, IOException {
        this.directory = modelDirectory;
        List<Integer> versions = ModelVersions.list(modelDirectory);
        this.current = versions.isEmpty() ? current(EmbeddedModel.shipped(), null)
                : current(EmbeddedModel.load(file(versions.get(versions.size() - 1))), versions.get(versions.size() - 1));
    }

    private static Current current(EmbeddedModel model, Integer version) {
        return new Current(model, Analyzer.builder(model).build(), version);
    }

    Current current() {
        return current;
    }

    Path directory() {
        return directory;
    }

    Path file(int version) {
        return directory.resolve(Integer.toString(version)).resolve(ModelVersions.FILE_NAME);
    }

    byte[] bytes(int version) throws IOException {
        return Files.readAllBytes(file(version));
    }

    /** Publishes the model as the next version and answers with it from now on. */
    synchronized int publish(byte[] bytes) throws IOException, ModelException {
        EmbeddedModel model = EmbeddedModel.of(bytes);
        int version = ModelVersions.publish(directory, bytes);
        // The previous model may still be answering a request: it is closed with the service, not now.
        retired.add(current.model());
        current = current(model, version);
        return version;
    }

    @Override
    public synchronized void close() {
        retired.forEach(EmbeddedModel::close);
        current.model().close();
    }
}
