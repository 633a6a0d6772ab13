package dev.vcai.model;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** The model cannot be loaded or cannot answer; the message says why in one line. */
public class ModelException extends Exception {
    public ModelException(String message, Throwable cause) {
        super(message, cause);
    }

    public ModelException(String message) {
        super(message);
    }

    /** Waits for work that loads or uses a model on another thread, giving back its ModelException as itself. */
    public static <T> T await(CompletableFuture<T> work) throws ModelException {
        try {
            return work.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof ModelException model) {
                throw model;
            }
            throw e;
        }
    }
}
