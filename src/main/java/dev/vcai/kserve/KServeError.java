package dev.vcai.kserve;

import io.grpc.Status;

/** A request the server refuses, with the gRPC status and the message Triton would give. */
public final class KServeError extends Exception {
    private final Status.Code code;

    public KServeError(Status.Code code, String message) {
        super(message);
        this.code = code;
    }

    public Status.Code code() {
        return code;
    }

    public Status status() {
        return Status.fromCode(code).withDescription(getMessage());
    }
}
