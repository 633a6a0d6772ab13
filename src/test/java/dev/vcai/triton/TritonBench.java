package dev.vcai.triton;

import dev.vcai.analysis.CommitFacts;
import dev.vcai.kserve.KServeServer;
import dev.vcai.model.ChangeTypeModel;
import dev.vcai.model.EmbeddedModel;
import dev.vcai.model.FeatureRows;
import dev.vcai.model.ModelFile;
import inference.GRPCInferenceServiceGrpc;
import inference.GrpcService.ModelInferRequest;
import inference.GrpcService.ModelInferResponse;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * bench/triton.sh: the same N commits through (a) the embedded model, (b) vcai's Triton client (TritonModel) against
 * the KServe server over loopback, (c) a bare ModelInfer call with the generated blocking stub; throughput and
 * p50/p90/p95/p99 per request at several concurrency levels, like perf_analyzer. Every side starts from CommitFacts
 * and vectorizes them (the same work); (c) then does nothing but encode, call and decode the probabilities.
 */
public final class TritonBench {
    /** @param cpuMicros this process's CPU time (client and server, GC and JIT included) per commit */
    record Result(String side, int batch, int concurrency, double perSecond, double[] percentiles, double cpuMicros) {
    }

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();

    interface Side {
        void run(List<CommitFacts> chunk) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        int commits = 2000;
        List<Integer> batches = List.of(1, 16);
        List<Integer> concurrencies = List.of(1, 2, 4, 8);
        String dataset = "goreleaser/goreleaser";
        int rounds = 3;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--commits" -> commits = Integer.parseInt(args[++i]);
                case "--batch" -> batches = Arrays.stream(args[++i].split(",")).map(Integer::parseInt).toList();
                case "--concurrency" -> concurrencies = Arrays.stream(args[++i].split(",")).map(Integer::parseInt).toList();
                case "--dataset" -> dataset = args[++i];
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        String repository = dataset;
        List<CommitFacts> facts = KServeFixture.commits(repository, commits);
        System.out.printf(Locale.ROOT, "%d commits of %s; %d CPUs; server: vcai's KServe server in this JVM on 127.0.0.1%n",
                facts.size(), repository, Runtime.getRuntime().availableProcessors());
        try (EmbeddedModel embedded = EmbeddedModel.shipped();
             KServeServer server = KServeServer.builder().repository(Path.of("triton-model-repo")).listen("127.0.0.1", 0).start()) {
            String target = "127.0.0.1:" + server.port();
            ModelFile file = embedded.file();
            ManagedChannel bare = Grpc.newChannelBuilder(target, InsecureChannelCredentials.create()).maxInboundMessageSize(64 << 20).build();
            GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub stub = GRPCInferenceServiceGrpc.newBlockingStub(bare);
            List<Result> results = new ArrayList<>();
            System.out.printf("%-9s %5s %5s %12s %8s %8s %8s %8s %14s%n", "side", "batch", "conc", "commits/s", "p50 ms", "p90 ms", "p95 ms",
                    "p99 ms", "cpu us/commit");
            for (int batch : batches) {
                for (int concurrency : concurrencies) {
                    try (TritonClient client = TritonClient.builder(target).maxInFlight(Math.max(16, concurrency)).build();
                         ChangeTypeModel triton = TritonModel.builder(client, file).batchSize(batch).build()) {
                        Side embeddedSide = embedded::classify;
                        Side clientSide = triton::classify;
                        Side bareSide = chunk -> bare(stub, file, chunk);
                        for (Side warm : List.of(embeddedSide, clientSide, bareSide)) {
                            measure("warm-up", warm, facts, batch, concurrency);  // JIT and GC settle; CPU time counts compiler threads
                        }
                        // Rounds alternate the sides, so that a neighbour's load on a shared machine hits them alike;
                        // each side's median round is reported.
                        List<List<Result>> rounds3 = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
                        for (int round = 0; round < rounds; round++) {
                            rounds3.get(0).add(measure("embedded", embeddedSide, facts, batch, concurrency));
                            rounds3.get(1).add(measure("client", clientSide, facts, batch, concurrency));
                            rounds3.get(2).add(measure("bare", bareSide, facts, batch, concurrency));
                        }
                        for (List<Result> sideRounds : rounds3) {
                            sideRounds.sort((x, y) -> Double.compare(x.perSecond(), y.perSecond()));
                            Result result = sideRounds.get(sideRounds.size() / 2);
                            String side = result.side();
                            results.add(result);
                            System.out.printf(Locale.ROOT, "%-9s %5d %5d %12.0f %8.2f %8.2f %8.2f %8.2f %14.0f%n", side, batch, concurrency,
                                    result.perSecond(), result.percentiles()[0], result.percentiles()[1], result.percentiles()[2], result.percentiles()[3],
                                    result.cpuMicros());
                        }
                    }
                }
            }
            bare.shutdownNow();
            System.out.println();
            System.out.println("vcai client vs bare stub (same commits, same server, same concurrency): overhead = bare/client throughput - 1;");
            System.out.println("cpu overhead = client/bare CPU per commit - 1 (steadier than wall time when the machine is shared)");
            double best = 0;
            for (int i = 0; i + 2 < results.size(); i += 3) {
                Result client = results.get(i + 1);
                Result stubResult = results.get(i + 2);
                best = Math.max(best, client.perSecond());
                System.out.printf(Locale.ROOT, "batch %2d conc %d: client %.0f/s, bare %.0f/s, overhead %+.1f%% (target <= 10%%), p50 ratio %.2f, "
                                + "cpu overhead %+.1f%%%n",
                        client.batch(), client.concurrency(), client.perSecond(), stubResult.perSecond(),
                        100 * (stubResult.perSecond() / client.perSecond() - 1), client.percentiles()[0] / stubResult.percentiles()[0],
                        100 * (client.cpuMicros() / stubResult.cpuMicros() - 1));
            }
            System.out.printf(Locale.ROOT, "best vcai client throughput over loopback: %.0f classifications/s (target >= 2000 on 2 cores)%n", best);
            System.out.printf(Locale.ROOT, "of the client's extra CPU, turning probabilities into predictions with their drivers (which the embedded "
                    + "model does too, the bare call does not): %.0f us/commit%n", predictionMicros(file, facts, embedded));
        }
    }

    /** CPU per commit of ModelFile.predictions (type, runner-up, drivers) on real inputs, best of 3. */
    private static double predictionMicros(ModelFile file, List<CommitFacts> facts, EmbeddedModel embedded) {
        int batch = 16;
        List<FeatureRows> inputs = new ArrayList<>();
        for (int s = 0; s < facts.size(); s += batch) {
            inputs.add(file.vectorize(facts.subList(s, Math.min(facts.size(), s + batch))));
        }
        float[] probabilities = new float[batch * file.labels().size()];
        for (int i = 0; i < probabilities.length; i++) {
            probabilities[i] = (i * 7 % 9 + 1) / 45f;
        }
        double best = Double.MAX_VALUE;
        for (int round = 0; round < 3; round++) {
            long t0 = System.nanoTime();
            for (int b = 0; b < inputs.size(); b++) {
                file.predictions(inputs.get(b), probabilities, embedded.identity());
            }
            best = Math.min(best, (System.nanoTime() - t0) / 1e3 / facts.size());
        }
        return best;
    }

    /** The bare side: vectorize (as every side does), then only the generated stub, raw bytes in and out. */
    private static void bare(GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub stub, ModelFile file, List<CommitFacts> chunk) {
        float[] input = file.vectorize(chunk).dense();
        ByteBuffer bytes = ByteBuffer.allocate(input.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(input);
        ModelInferResponse response = stub.modelInfer(ModelInferRequest.newBuilder().setModelName("change_type")
                .addInputs(ModelInferRequest.InferInputTensor.newBuilder().setName("input").setDatatype("FP32")
                        .addShape(chunk.size()).addShape(file.vocabulary().size()))
                .addRawInputContents(com.google.protobuf.UnsafeByteOperations.unsafeWrap(bytes.array())).build());
        float[] probabilities = new float[chunk.size() * file.labels().size()];
        response.getRawOutputContents(0).asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(probabilities);
    }

    /** {@code concurrency} workers each take the next {@code batch} commits and time one synchronous call for them. */
    private static Result measure(String name, Side side, List<CommitFacts> facts, int batch, int concurrency) throws Exception {
        int requests = (facts.size() + batch - 1) / batch;
        long[] latencies = new long[requests];
        AtomicInteger next = new AtomicInteger();
        ExecutorService workers = Executors.newFixedThreadPool(concurrency);
        long cpu = OS.getProcessCpuTime();
        long start = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < concurrency; w++) {
            done.add(workers.submit(() -> {
                for (int r = next.getAndIncrement(); r < requests; r = next.getAndIncrement()) {
                    List<CommitFacts> chunk = facts.subList(r * batch, Math.min(facts.size(), (r + 1) * batch));
                    long t0 = System.nanoTime();
                    side.run(chunk);
                    latencies[r] = System.nanoTime() - t0;
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuMicros = (OS.getProcessCpuTime() - cpu) / 1e3 / facts.size();
        workers.shutdown();
        Arrays.sort(latencies);
        double[] percentiles = new double[4];
        double[] at = {0.50, 0.90, 0.95, 0.99};
        for (int i = 0; i < at.length; i++) {
            percentiles[i] = latencies[Math.min(requests - 1, (int) Math.ceil(at[i] * requests) - 1)] / 1e6;
        }
        return new Result(name, batch, concurrency, facts.size() / seconds, percentiles, cpuMicros);
    }
}
