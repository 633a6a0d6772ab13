package dev.vcai.cli;

import dev.vcai.kserve.KServeServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "kserve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Serve a Triton model repository over KServe v2 gRPC (Triton's protocol) on the CPU.",
                "Runs the onnxruntime_onnx models (vcai's change_type); lists the others (LLMs) as not ready.",
                "Point 'vcai analyze --triton host:port', the hooks' vcai.triton or any KServe v2 client at it."},
        footer = {"", "Example:", "  vcai kserve --model-repository triton-model-repo --port 8001"})
final class KServeCommand implements Callable<Integer> {
    @ParentCommand
    VcaiCommand vcai;

    @Spec
    CommandSpec spec;

    @Option(names = "--model-repository", paramLabel = "<dir>", required = true, description = "The model repository (as tritonserver's).")
    Path repository;

    @Option(names = "--host", paramLabel = "<address>", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String host = "0.0.0.0";

    @Option(names = "--port", paramLabel = "<port>", description = "gRPC port (default: ${DEFAULT-VALUE}, Triton's).")
    int port = 8001;

    @Override
    public Integer call() throws InterruptedException {
        if (port < 0 || port > 65535) {
            throw new Failure(ExitCode.USAGE, "--port must be 0..65535", null);
        }
        KServeServer server;
        try {
            server = KServeServer.builder().repository(vcai.directory.resolve(repository)).listen(host, port).start();
        } catch (IOException e) {
            throw new Failure(ExitCode.IO, "cannot serve " + repository + ": " + e.getMessage(), e);
        }
        PrintWriter out = spec.commandLine().getOut();
        for (KServeServer.ModelStatus model : server.models()) {
            out.println(model.name() + " (" + model.platform() + "): " + (model.ready() ? "READY" : "UNAVAILABLE: " + model.failure()));
        }
        out.println("vcai kserve: KServe v2 gRPC on " + host + ":" + server.port());
        out.flush();
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "vcai-kserve-stop"));
        server.awaitTermination();
        return ExitCode.OK.code();
    }
}
