package dev.vcai.triton;

import inference.GrpcService.ModelInferResponse;
import io.grpc.ForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Faults injected into the real KServe server, between gRPC and the service: a slow answer, an error status, a wrong
 * output shape or request id, or the server dying after some inferences. Counts the inferences it saw and the most
 * that were in flight at once.
 */
final class Faults implements ServerInterceptor {
    volatile long delayMillis;
    volatile Status error;
    /** Inferences refused as UNAVAILABLE before the server answers again (a restart, a full queue). */
    final AtomicInteger unavailable = new AtomicInteger();
    volatile boolean wrongShape;
    volatile boolean wrongId;
    /** Inferences answered before the server is killed; negative for never. */
    volatile int dieAfter = -1;
    volatile Runnable kill = () -> { };
    final AtomicInteger inferences = new AtomicInteger();
    /** The headers of the last inference, to see the credentials the client sent. */
    volatile Metadata lastHeaders;
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger maxInFlight = new AtomicInteger();

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        if (!call.getMethodDescriptor().getBareMethodName().equals("ModelInfer")) {
            return next.startCall(call, headers);
        }
        lastHeaders = headers;
        int seen = inferences.incrementAndGet();
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        try {
            if (dieAfter >= 0 && seen > dieAfter) {
                kill.run();
                call.close(Status.UNAVAILABLE.withDescription("server is shutting down"), new Metadata());
                return new ServerCall.Listener<>() { };
            }
            if (delayMillis > 0) {
                Thread.sleep(delayMillis);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            inFlight.decrementAndGet();
        }
        if (unavailable.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            call.close(Status.UNAVAILABLE.withDescription("try again"), new Metadata());
            return new ServerCall.Listener<>() { };
        }
        if (error != null) {
            call.close(error, new Metadata());
            return new ServerCall.Listener<>() { };
        }
        return next.startCall(new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
            @Override
            public void sendMessage(R message) {
                if (message instanceof ModelInferResponse response && (wrongShape || wrongId)) {
                    ModelInferResponse.Builder changed = response.toBuilder();
                    if (wrongShape) {
                        changed.getOutputsBuilder(0).setShape(1, 8);
                    }
                    if (wrongId) {
                        changed.setId(response.getId() + "-other");
                    }
                    super.sendMessage((R) changed.build());
                } else {
                    super.sendMessage(message);
                }
            }
        }, headers);
    }
}
