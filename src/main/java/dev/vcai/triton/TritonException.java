package dev.vcai.triton;

import dev.vcai.model.ModelException;

/** Triton could not be reached, refused a request or answered something vcai cannot use; the message says which. */
public final class TritonException extends ModelException {
    public TritonException(String message, Throwable cause) {
        super(message, cause);
    }

    public TritonException(String message) {
        super(message);
    }
}
