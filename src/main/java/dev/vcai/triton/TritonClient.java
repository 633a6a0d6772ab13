package dev.vcai.triton;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import io.grpc.ChannelCredentials;
import io.grpc.ClientInterceptor;
import io.grpc.Deadline;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import inference.GRPCInferenceServiceGrpc;
import inference.GrpcService.InferParameter;
import inference.GrpcService.ModelConfigRequest;
import inference.GrpcService.ModelInferRequest;
import inference.GrpcService.ModelInferResponse;
import inference.GrpcService.ModelMetadataRequest;
import inference.GrpcService.ModelMetadataResponse;
import inference.GrpcService.ModelReadyRequest;
import inference.GrpcService.ModelStreamInferResponse;
import inference.GrpcService.ServerLiveRequest;
import inference.GrpcService.ServerReadyRequest;
import inference.ModelConfigOuterClass.ModelConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A KServe v2 gRPC client for one Triton endpoint: one long-lived channel, a deadline on every call, retries with
 * backoff for UNAVAILABLE only (gRPC's own retry policy), a circuit breaker, a bounded window of calls in flight and
 * request ids set and checked. Build one per endpoint with {@link #builder(String)} and share it.
 */
public final class TritonClient implements AutoCloseable {
    /** Triton answers can exceed gRPC's 4 MiB default (a batch of probabilities, an LLM's text). */
    static final int MAX_INBOUND_BYTES = 64 * 1024 * 1024;

    private final String target;
    private final ManagedChannel channel;
    private final GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub blocking;
    private final GRPCInferenceServiceGrpc.GRPCInferenceServiceFutureStub future;
    private final GRPCInferenceServiceGrpc.GRPCInferenceServiceStub async;
    private final Duration deadline;
    private final Semaphore window;
    private final int maxInFlight;
    private final CircuitBreaker breaker;
    private final AtomicLong requests = new AtomicLong();
    private final int maxAttempts;
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "vcai-triton-retry");
        thread.setDaemon(true);
        return thread;
    });
    private static final long INITIAL_BACKOFF_MILLIS = 50;
    private static final long MAX_BACKOFF_MILLIS = 1000;

    private TritonClient(Builder builder, ManagedChannel channel) {
        this.target = builder.target;
        this.channel = channel;
        // Credentials ride on every call when configured; without them no interceptor wraps each call.
        ClientInterceptor[] headers = builder.headers.keys().isEmpty() ? new ClientInterceptor[0]
                : new ClientInterceptor[] {MetadataUtils.newAttachHeadersInterceptor(builder.headers)};
        this.blocking = GRPCInferenceServiceGrpc.newBlockingStub(channel).withInterceptors(headers);
        this.future = GRPCInferenceServiceGrpc.newFutureStub(channel).withInterceptors(headers);
        this.async = GRPCInferenceServiceGrpc.newStub(channel).withInterceptors(headers);
        this.deadline = builder.deadline;
        this.window = new Semaphore(builder.maxInFlight);
        this.maxInFlight = builder.maxInFlight;
        this.breaker = new CircuitBreaker(builder.breakerThreshold, builder.breakerOpenFor, Clock.systemUTC());
        this.maxAttempts = builder.maxAttempts;
    }

    /** @param target {@code host:port} of Triton's gRPC endpoint (8001 by default) */
    public static Builder builder(String target) {
        return new Builder(target);
    }

    public String target() {
        return target;
    }

    public Duration deadline() {
        return deadline;
    }

    /** How many inferences may be out at once. */
    public int maxInFlight() {
        return maxInFlight;
    }

    /**
     * Checks that the server is live and ready and that the model is ready and shaped as expected; returns the
     * model's configuration. A mismatch is an error naming the difference.
     */
    public ModelConfig check(ModelExpectation expected) throws TritonException {
        String model = expected.model();
        if (!call(() -> blocking().serverLive(ServerLiveRequest.getDefaultInstance()).getLive())) {
            throw new TritonException("Triton at " + target + " is not live");
        }
        if (!call(() -> blocking().serverReady(ServerReadyRequest.getDefaultInstance()).getReady())) {
            throw new TritonException("Triton at " + target + " is live but not ready");
        }
        if (!call(() -> blocking().modelReady(ModelReadyRequest.newBuilder().setName(model).build()).getReady())) {
            try {
                call(() -> blocking().modelMetadata(ModelMetadataRequest.newBuilder().setName(model).build()));
            } catch (TritonException e) {
                // Triton: NOT_FOUND for a name its repository lacks, UNAVAILABLE for a model it could not load.
                if (e.getCause() != null && Status.fromThrowable(e.getCause()).getCode() == Status.Code.NOT_FOUND) {
                    throw new TritonException("Triton at " + target + " has no model '" + model + "' (its model repository names the models)", e);
                }
            }
            throw new TritonException("Triton at " + target + " has model '" + model + "' but it is not ready (see the server's log)");
        }
        ModelMetadataResponse metadata = call(() -> blocking().modelMetadata(ModelMetadataRequest.newBuilder().setName(model).build()));
        ModelConfig config = call(() -> blocking().modelConfig(ModelConfigRequest.newBuilder().setName(model).build())).getConfig();
        String prefix = "Triton model '" + model + "' at " + target + ": ";
        if (expected.batched() && config.getMaxBatchSize() < 1) {
            throw new TritonException(prefix + "max_batch_size is " + config.getMaxBatchSize() + ", vcai sends batches (needs >= 1)");
        }
        List<Long> batch = expected.batched() ? List.of(-1L) : List.of();
        compareAll(prefix, "input", expected.inputs(), batch,
                metadata.getInputsList().stream().map(t -> new TensorSpec(t.getName(), t.getDatatype(), t.getShapeList())).toList(),
                config.getInputList().stream().map(t -> new TensorSpec(t.getName(), Tensors.datatype(t.getDataType()), t.getDimsList())).toList());
        compareAll(prefix, "output", expected.outputs(), batch,
                metadata.getOutputsList().stream().map(t -> new TensorSpec(t.getName(), t.getDatatype(), t.getShapeList())).toList(),
                config.getOutputList().stream().map(t -> new TensorSpec(t.getName(), Tensors.datatype(t.getDataType()), t.getDimsList())).toList());
        return config;
    }

    /** Each expected tensor against the served metadata (batch dimension included) and, when listed, config.pbtxt's dims. */
    private static void compareAll(String prefix, String kind, List<TensorSpec> expected, List<Long> batch, List<TensorSpec> served,
                                   List<TensorSpec> configured) throws TritonException {
        for (TensorSpec tensor : expected) {
            compare(prefix, kind, tensor, batch, named(served, tensor.name()), served.stream().map(TensorSpec::name).toList());
            TensorSpec inConfig = named(configured, tensor.name());
            if (inConfig != null) {
                compare(prefix + "config.pbtxt ", kind, tensor, List.of(), inConfig, List.of());
            }
        }
    }

    private static TensorSpec named(List<TensorSpec> tensors, String name) {
        return tensors.stream().filter(t -> t.name().equals(name)).findFirst().orElse(null);
    }

    private static void compare(String prefix, String kind, TensorSpec expected, List<Long> batch, TensorSpec actual,
                                List<String> present) throws TritonException {
        if (actual == null) {
            throw new TritonException(prefix + "has no " + kind + " '" + expected.name() + "' (it has " + present + ")");
        }
        if (!actual.datatype().equals(expected.datatype())) {
            throw new TritonException(prefix + kind + " '" + expected.name() + "' is " + actual.datatype() + ", vcai sends "
                    + expected.datatype());
        }
        List<Long> shape = new ArrayList<>(batch);
        shape.addAll(expected.dims());
        List<Long> actualShape = actual.dims().size() == expected.dims().size() ? withBatch(batch, actual.dims()) : actual.dims();
        if (!actualShape.equals(shape)) {
            throw new TritonException(prefix + kind + " '" + expected.name() + "' has shape " + actual.dims() + ", vcai's model needs "
                    + shape + (batch.isEmpty() ? "" : " (first dimension: the batch)"));
        }
    }

    private static List<Long> withBatch(List<Long> batch, List<Long> dims) {
        List<Long> shape = new ArrayList<>(batch);
        shape.addAll(dims);
        return shape;
    }

    /** The model's tensors as the server describes them (KServe ModelMetadata). */
    public ModelMetadataResponse metadata(String model) throws TritonException {
        return call(() -> blocking().modelMetadata(ModelMetadataRequest.newBuilder().setName(model).build()));
    }

    /**
     * Sends one inference; blocks while the window of calls in flight is full. The request gets an id when it has
     * none, and the answer must carry the same id. UNAVAILABLE is retried with exponential backoff within the same
     * deadline (vcai's own retry: gRPC's would silently stop retrying requests above its 1 MiB replay buffer, which a
     * batch of 16 commits already is).
     */
    public CompletableFuture<ModelInferResponse> submit(ModelInferRequest request) {
        CompletableFuture<ModelInferResponse> result = new CompletableFuture<>();
        if (!breaker.allow()) {
            result.completeExceptionally(new TritonException("Triton at " + target + " is skipped after repeated failures: "
                    + breaker.lastFailure()));
            return result;
        }
        ModelInferRequest sent = request.getId().isEmpty() ? request.toBuilder().setId(nextId()).build() : request;
        try {
            window.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result.completeExceptionally(new TritonException("interrupted while waiting to send to Triton", e));
            return result;
        }
        result.whenComplete((response, failure) -> window.release());
        attempt(sent, 1, Deadline.after(deadline.toNanos(), TimeUnit.NANOSECONDS), result);
        return result;
    }

    private void attempt(ModelInferRequest sent, int attempt, Deadline until, CompletableFuture<ModelInferResponse> result) {
        ListenableFuture<ModelInferResponse> call = future.withDeadline(until).modelInfer(sent);
        Futures.addCallback(call, new FutureCallback<>() {
            @Override
            public void onSuccess(ModelInferResponse response) {
                if (!response.getId().equals(sent.getId())) {
                    breaker.failure("answer with the wrong request id");
                    result.completeExceptionally(new TritonException("Triton at " + target + " answered request '" + sent.getId()
                            + "' with id '" + response.getId() + "'"));
                    return;
                }
                breaker.success();
                result.complete(response);
            }

            @Override
            public void onFailure(Throwable t) {
                long backoff = Math.min(MAX_BACKOFF_MILLIS, INITIAL_BACKOFF_MILLIS << (attempt - 1));
                backoff = backoff / 2 + ThreadLocalRandom.current().nextLong(backoff / 2 + 1);
                if (Status.fromThrowable(t).getCode() == Status.Code.UNAVAILABLE && attempt < maxAttempts
                        && until.timeRemaining(TimeUnit.MILLISECONDS) > backoff) {
                    retries.schedule(() -> attempt(sent, attempt + 1, until, result), backoff, TimeUnit.MILLISECONDS);
                    return;
                }
                TritonException failure = describe(t);
                if (counts(t)) {
                    breaker.failure(failure.getMessage());
                }
                result.completeExceptionally(failure);
            }
        }, MoreExecutors.directExecutor());
    }

    /** {@link #submit} and wait for the answer. */
    public ModelInferResponse infer(ModelInferRequest request) throws TritonException {
        try {
            return submit(request).get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof TritonException t ? t : new TritonException(e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TritonException("interrupted while waiting for Triton", e);
        }
    }

    /**
     * Sends one request to a decoupled model over ModelStreamInfer and collects its responses until one carries
     * {@code triton_final_response = true}. A stream that ends or runs out of {@code deadline} before that fails.
     */
    public List<ModelInferResponse> stream(ModelInferRequest request, Duration deadline) throws TritonException {
        if (!breaker.allow()) {
            throw new TritonException("Triton at " + target + " is skipped after repeated failures: " + breaker.lastFailure());
        }
        ModelInferRequest sent = request.getId().isEmpty() ? request.toBuilder().setId(nextId()).build() : request;
        CompletableFuture<List<ModelInferResponse>> done = new CompletableFuture<>();
        List<ModelInferResponse> responses = new ArrayList<>();
        StreamObserver<inference.GrpcService.ModelInferRequest> requests = async
                .withDeadlineAfter(deadline.toNanos(), TimeUnit.NANOSECONDS)
                .modelStreamInfer(new StreamObserver<>() {
                    @Override
                    public void onNext(ModelStreamInferResponse value) {
                        if (!value.getErrorMessage().isEmpty()) {
                            done.completeExceptionally(new TritonException("Triton model '" + sent.getModelName() + "' failed: "
                                    + value.getErrorMessage()));
                            return;
                        }
                        ModelInferResponse response = value.getInferResponse();
                        if (!response.getId().equals(sent.getId())) {
                            done.completeExceptionally(new TritonException("Triton at " + target + " streamed an answer for request '"
                                    + response.getId() + "' on the stream of request '" + sent.getId() + "'"));
                            return;
                        }
                        synchronized (responses) {
                            responses.add(response);
                        }
                        InferParameter last = response.getParametersMap().get("triton_final_response");
                        if (last != null && last.getBoolParam()) {
                            done.complete(List.copyOf(responses));
                        }
                    }

                    @Override
                    public void onError(Throwable t) {
                        done.completeExceptionally(t);
                    }

                    @Override
                    public void onCompleted() {
                        done.completeExceptionally(new TritonException("Triton model '" + sent.getModelName()
                                + "' ended the stream without a final response (triton_final_response)"));
                    }
                });
        requests.onNext(sent);
        try {
            List<ModelInferResponse> result = done.get();
            requests.onCompleted();
            breaker.success();
            return result;
        } catch (ExecutionException e) {
            requests.onError(Status.CANCELLED.withDescription("vcai gave up on the stream").asRuntimeException());
            Throwable cause = e.getCause();
            if (cause instanceof TritonException t) {
                throw t;
            }
            TritonException failure = describe(cause);
            if (counts(cause)) {
                breaker.failure(failure.getMessage());
            }
            throw failure;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            requests.onError(Status.CANCELLED.asRuntimeException());
            throw new TritonException("interrupted while streaming from Triton", e);
        }
    }

    private String nextId() {
        return "vcai-" + requests.incrementAndGet();
    }

    private GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub blocking() {
        return blocking.withDeadlineAfter(deadline.toNanos(), TimeUnit.NANOSECONDS);
    }

    private interface Call<T> {
        T run();
    }

    private <T> T call(Call<T> call) throws TritonException {
        if (!breaker.allow()) {
            throw new TritonException("Triton at " + target + " is skipped after repeated failures: " + breaker.lastFailure());
        }
        try {
            T result = call.run();
            breaker.success();
            return result;
        } catch (StatusRuntimeException e) {
            TritonException failure = describe(e);
            if (counts(e)) {
                breaker.failure(failure.getMessage());
            }
            throw failure;
        }
    }

    /** Failures that say the server is unwell, not that a request was wrong. */
    private static boolean counts(Throwable t) {
        Status.Code code = Status.fromThrowable(t).getCode();
        return code == Status.Code.UNAVAILABLE || code == Status.Code.DEADLINE_EXCEEDED || code == Status.Code.CANCELLED;
    }

    private TritonException describe(Throwable t) {
        Status status = Status.fromThrowable(t);
        // gRPC's description alone can be as vague as "io exception"; the cause says "Connection refused".
        String detail = status.getDescription() == null ? String.valueOf(status.getCause()) : status.getDescription();
        if (status.getDescription() != null && status.getCause() != null && status.getCause().getMessage() != null) {
            detail += " (" + status.getCause().getMessage() + ")";
        }
        return switch (status.getCode()) {
            // Triton answers UNAVAILABLE for a model it does not have loaded: the server itself is reachable.
            case UNAVAILABLE -> detail.contains("unknown model")
                    ? new TritonException("Triton at " + target + " has no ready model of that name: " + detail, t)
                    : tls(t)
                    ? new TritonException("TLS with Triton at " + target + " failed: " + detail
                            + " (does the server speak TLS, and does the CA file given sign its certificate?)", t)
                    : new TritonException("Triton at " + target + " is unreachable: " + detail, t);
            case DEADLINE_EXCEEDED -> new TritonException("Triton at " + target + " did not answer within " + deadline.toMillis() + " ms", t);
            // vcai never cancels an inference itself: the server reset the call (it stopped, or its proxy did).
            case CANCELLED -> new TritonException("Triton at " + target + " dropped the call (is it shutting down?): " + detail, t);
            case UNAUTHENTICATED, PERMISSION_DENIED -> new TritonException("Triton at " + target + " refused vcai's credentials ("
                    + status.getCode() + "): " + detail, t);
            default -> new TritonException("Triton at " + target + " answered " + status.getCode() + ": " + detail, t);
        };
    }

    private static boolean tls(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof javax.net.ssl.SSLException || c.getClass().getSimpleName().contains("Ssl")) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        retries.shutdownNow();
        channel.shutdownNow();
        try {
            channel.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static final class Builder {
        private final String target;
        private boolean tls;
        private Path trustCertificates;
        private final Metadata headers = new Metadata();
        private Duration deadline = Duration.ofSeconds(5);
        private int maxInFlight = 16;
        private int maxAttempts = 3;
        private int breakerThreshold = 3;
        private Duration breakerOpenFor = Duration.ofSeconds(30);
        private ManagedChannelBuilder<?> channel;

        private Builder(String target) {
            this.target = target;
        }

        /** Speaks TLS, trusting the system's CAs unless {@link #trustCertificates} names a PEM file. */
        public Builder tls(boolean tls) {
            this.tls = tls;
            return this;
        }

        public Builder trustCertificates(Path pemFile) {
            this.trustCertificates = pemFile;
            this.tls = pemFile != null || tls;
            return this;
        }

        /** Sends {@code authorization: Bearer <token>} with every call. */
        public Builder bearerToken(String token) {
            return header("authorization", "Bearer " + token);
        }

        /** Sends an API key (or any credential) in a header of its own, e.g. {@code x-api-key}. */
        public Builder header(String name, String value) {
            headers.put(Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER), value);
            return this;
        }

        /** Each call's deadline, retries included. */
        public Builder deadline(Duration deadline) {
            this.deadline = deadline;
            return this;
        }

        /** How many inferences may be out at once; {@link #submit} waits beyond that. */
        public Builder maxInFlight(int calls) {
            this.maxInFlight = calls;
            return this;
        }

        /** Attempts per call when the server is UNAVAILABLE (1 = no retry). */
        public Builder maxAttempts(int attempts) {
            this.maxAttempts = attempts;
            return this;
        }

        public Builder circuitBreaker(int failuresInARow, Duration openFor) {
            this.breakerThreshold = failuresInARow;
            this.breakerOpenFor = openFor;
            return this;
        }

        /** Uses this channel builder (an in-process channel in tests) instead of a TCP one to {@code target}. */
        public Builder channel(ManagedChannelBuilder<?> channel) {
            this.channel = channel;
            return this;
        }

        public TritonClient build() throws TritonException {
            ManagedChannelBuilder<?> builder = channel != null ? channel : Grpc.newChannelBuilder(target, credentials());
            // Direct executor: the callbacks only release a permit and complete a future, so they run on the transport's
            // thread instead of costing a hand-off to another thread per call. Retries are vcai's (see submit).
            builder.maxInboundMessageSize(MAX_INBOUND_BYTES).directExecutor().disableRetry();
            return new TritonClient(this, builder.build());
        }

        private ChannelCredentials credentials() throws TritonException {
            if (!tls) {
                return InsecureChannelCredentials.create();
            }
            TlsChannelCredentials.Builder credentials = TlsChannelCredentials.newBuilder();
            if (trustCertificates != null) {
                try {
                    credentials.trustManager(trustCertificates.toFile());
                } catch (IOException e) {
                    throw new TritonException("cannot read the CA certificates " + trustCertificates + ": " + e.getMessage(), e);
                }
            }
            return credentials.build();
        }
    }
}
