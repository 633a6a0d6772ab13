package dev.vcai.forge;

import java.io.IOException;

/** A forge refused a status or could not be reached. The message is one line and never contains the token. */
public final class ForgeException extends IOException {
    /** What went wrong, as far as a caller needs to decide what to do next. */
    public enum Kind {
        /** 401: the token is missing, wrong or expired. */
        UNAUTHORIZED,
        /** 403 without a rate limit: the token may not set statuses on this repository. */
        FORBIDDEN,
        /** 404: the repository or commit does not exist or the token cannot see it. */
        NOT_FOUND,
        /** 400, 422 and other 4xx: the forge refused the request itself; sending it again will not help. */
        REFUSED,
        /** 5xx, 429 or the network, after the retries: sending it later may work. */
        UNAVAILABLE
    }

    private final Kind kind;
    private final int httpStatus;

    ForgeException(Kind kind, int httpStatus, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.httpStatus = httpStatus;
    }

    public Kind kind() {
        return kind;
    }

    /** The forge's HTTP status, or 0 when it did not answer. */
    public int httpStatus() {
        return httpStatus;
    }

    /** Whether sending the same status later may succeed (the forge was down or busy). */
    public boolean retryable() {
        return kind == Kind.UNAVAILABLE;
    }
}
