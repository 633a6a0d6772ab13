package dev.vcai.model;

/** The model cannot be loaded or cannot answer; the message says why in one line. */
public class ModelException extends Exception {
    public ModelException(String message, Throwable cause) {
        super(message, cause);
    }

    public ModelException(String message) {
        super(message);
    }
}
