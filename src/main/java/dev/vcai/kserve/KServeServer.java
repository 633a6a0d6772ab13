package dev.vcai.kserve;

import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A KServe v2 gRPC inference server (the protocol Triton speaks) for a Triton model repository: it runs the
 * {@code onnxruntime_onnx} models on the CPU with ONNX Runtime and lists the others as not ready. {@code vcai kserve}
 * runs it standalone; the tests run it in-process and on loopback.
 */
public final class KServeServer implements AutoCloseable {
    /** A model of the repository and whether it serves; {@code failure} says why not. */
    public record ModelStatus(String name, String platform, boolean ready, String failure) {
    }

    private final Server server;
    private final List<ModelStatus> models;

    private KServeServer(Server server, List<ModelStatus> models) {
        this.server = server;
        this.models = List.copyOf(models);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The TCP port listened on (useful after asking for port 0), or -1 in-process. */
    public int port() {
        return server.getPort();
    }

    public List<ModelStatus> models() {
        return models;
    }

    public void awaitTermination() throws InterruptedException {
        server.awaitTermination();
    }

    /** Stops at once, failing the calls in flight (what a crashed server looks like to a client). */
    public void kill() {
        server.shutdownNow();
    }

    @Override
    public void close() {
        server.shutdown();
        try {
            if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
                server.shutdownNow();
            }
        } catch (InterruptedException e) {
            server.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    public static final class Builder {
        private Path repository;
        private final List<KServeModel> extra = new ArrayList<>();
        private String host = "0.0.0.0";
        private int port = 8001;
        private String inProcessName;
        private final List<ServerInterceptor> interceptors = new ArrayList<>();

        public Builder repository(Path repository) {
            this.repository = repository;
            return this;
        }

        /** Serves this model too (beside, or in place of, the repository's). */
        public Builder model(KServeModel model) {
            extra.add(model);
            return this;
        }

        public Builder listen(String host, int port) {
            this.host = host;
            this.port = port;
            return this;
        }

        /** Serves on gRPC's in-process transport under this name instead of TCP. */
        public Builder inProcess(String name) {
            this.inProcessName = name;
            return this;
        }

        public Builder intercept(ServerInterceptor interceptor) {
            interceptors.add(interceptor);
            return this;
        }

        public KServeServer start() throws IOException {
            List<InferenceService.Slot> slots = new ArrayList<>();
            List<ModelStatus> statuses = new ArrayList<>();
            if (repository != null) {
                for (ModelRepository.Entry entry : ModelRepository.read(repository)) {
                    InferenceService.Slot slot = load(entry);
                    slots.add(slot);
                    statuses.add(new ModelStatus(slot.config().getName(), platform(slot), slot.model() != null, slot.failure()));
                }
            }
            for (KServeModel model : extra) {
                slots.removeIf(s -> s.config().getName().equals(model.config().getName()));
                statuses.removeIf(s -> s.name().equals(model.config().getName()));
                slots.add(new InferenceService.Slot(model.config(), model, null));
                statuses.add(new ModelStatus(model.config().getName(), platform(slots.get(slots.size() - 1)), true, null));
            }
            ServerBuilder<?> builder = inProcessName != null ? InProcessServerBuilder.forName(inProcessName)
                    : NettyServerBuilder.forAddress(new InetSocketAddress(host, port), InsecureServerCredentials.create());
            builder.addService(ServerInterceptors.intercept(new InferenceService(InferenceService.slots(slots)), interceptors))
                    .maxInboundMessageSize(64 * 1024 * 1024);
            return new KServeServer(builder.build().start(), statuses);
        }

        private static String platform(InferenceService.Slot slot) {
            return slot.config().getPlatform().isEmpty() ? slot.config().getBackend() : slot.config().getPlatform();
        }

        private static InferenceService.Slot load(ModelRepository.Entry entry) {
            String platform = entry.config().getPlatform().isEmpty() ? entry.config().getBackend() : entry.config().getPlatform();
            if (!platform.equals("onnxruntime_onnx") && !platform.equals("onnxruntime")) {
                return new InferenceService.Slot(entry.config(), null, "backend '" + platform
                        + "' is not available here (vcai kserve runs onnxruntime_onnx models on the CPU; use tritonserver)");
            }
            if (entry.latestVersion() == null) {
                return new InferenceService.Slot(entry.config(), null, "no version directory in " + entry.directory());
            }
            String fileName = entry.config().getDefaultModelFilename().isEmpty() ? "model.onnx" : entry.config().getDefaultModelFilename();
            try {
                return new InferenceService.Slot(entry.config(), new OnnxModel(entry.config(), entry.latestVersion().resolve(fileName)), null);
            } catch (Exception e) {
                return new InferenceService.Slot(entry.config(), null, "cannot load " + entry.latestVersion().resolve(fileName) + ": "
                        + e.getMessage());
            }
        }
    }
}
