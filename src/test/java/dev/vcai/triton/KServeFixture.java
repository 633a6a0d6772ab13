package dev.vcai.triton;

import dev.vcai.analysis.CommitFacts;
import dev.vcai.kserve.KServeServer;
import dev.vcai.model.Dataset;
import dev.vcai.model.LabelledCommit;
import io.grpc.inprocess.InProcessChannelBuilder;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/** The KServe server on triton-model-repo/ (plus the scripted LLM), on loopback or in-process, with faults to inject. */
final class KServeFixture implements AutoCloseable {
    static final Path REPOSITORY = Path.of("triton-model-repo");
    static final String LLM = "commit_llm";
    /** The scripted LLM again, with TensorRT-LLM BLS's inputs. */
    static final String TRTLLM = "commit_llm_bls";
    final Faults faults = new Faults();
    final KServeServer server;
    private final String inProcessName;

    private KServeFixture(Path repository, boolean inProcess) throws IOException {
        inProcessName = inProcess ? "kserve-" + UUID.randomUUID() : null;
        KServeServer.Builder builder = KServeServer.builder().repository(repository).model(new ScriptedLlm(LLM)).model(new ScriptedLlm(TRTLLM, true)).intercept(faults);
        builder = inProcess ? builder.inProcess(inProcessName) : builder.listen("127.0.0.1", 0);
        server = builder.start();
        faults.kill = server::kill;
    }

    /** The first {@code limit} commits of one repository of ../shared/datasets: real commits, known to every test. */
    static List<CommitFacts> commits(String repository, int limit) throws IOException {
        return Dataset.read(Dataset.files(Path.of(System.getProperty("vcai.datasets", "../shared/datasets"))), repository::equals)
                .stream().map(LabelledCommit::facts).limit(limit).toList();
    }

    static KServeFixture loopback() throws IOException {
        return new KServeFixture(REPOSITORY, false);
    }

    static KServeFixture loopback(Path repository) throws IOException {
        return new KServeFixture(repository, false);
    }

    static KServeFixture inProcess() throws IOException {
        return new KServeFixture(REPOSITORY, true);
    }

    String target() {
        return "127.0.0.1:" + server.port();
    }

    /** A client for this server: short deadlines and breaker so that fault tests stay fast. */
    TritonClient.Builder client() {
        TritonClient.Builder builder = TritonClient.builder(inProcessName != null ? inProcessName : target())
                .deadline(Duration.ofSeconds(10)).circuitBreaker(3, Duration.ofSeconds(30));
        return inProcessName != null ? builder.channel(InProcessChannelBuilder.forName(inProcessName).directExecutor()) : builder;
    }

    @Override
    public void close() {
        server.kill();
    }
}
