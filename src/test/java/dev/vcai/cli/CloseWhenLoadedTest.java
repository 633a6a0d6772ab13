package dev.vcai.cli;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vcai.analysis.ChangeType;
import dev.vcai.analysis.CommitFacts;
import dev.vcai.model.ChangeTypeModel;
import dev.vcai.model.ModelException;
import dev.vcai.model.Prediction;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * A command that ends before its model has loaded waits for the load and closes the model: exiting while ONNX Runtime
 * creates a session crashed the JVM (exit 134) about one pre-receive run in twenty.
 */
class CloseWhenLoadedTest {
    @Test
    void aModelStillLoadingIsWaitedForAndClosed() throws Exception {
        AtomicBoolean closed = new AtomicBoolean();
        CompletableFuture<ChangeTypeModel> loading = new CompletableFuture<>();
        Thread loader = new Thread(() -> {
            try {
                Thread.sleep(300); // the session is still being created when the command is done
            } catch (InterruptedException e) {
                return;
            }
            loading.complete(new ChangeTypeModel() {
                @Override
                public List<Prediction> classify(List<CommitFacts> commits) throws ModelException {
                    throw new ModelException("not used");
                }

                @Override
                public Prediction.ModelIdentity identity() {
                    return null;
                }

                @Override
                public Map<ChangeType, Double> labelShares() {
                    return Map.of();
                }

                @Override
                public void close() {
                    closed.set(true);
                }
            });
        });
        loader.start();
        CommonOptions.closeWhenLoaded(loading);
        assertTrue(closed.get(), "closed once loaded, before returning");
    }

    @Test
    void aModelThatFailedToLoadLeavesNothingToClose() {
        CompletableFuture<ChangeTypeModel> failed = CompletableFuture.failedFuture(new IllegalStateException("no model"));
        assertDoesNotThrow(() -> CommonOptions.closeWhenLoaded(failed), "the command's own error is the one to report");
    }
}
