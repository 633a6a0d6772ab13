package dev.vcai.model;

import dev.vcai.analysis.CommitFacts;
import java.util.List;

/**
 * The change-type model, wherever it runs: in-process ({@link EmbeddedModel}) or on Triton. The rest of vcai
 * talks to this interface only.
 */
public interface ChangeTypeModel extends AutoCloseable {
    /** One prediction per commit, in the same order. */
    List<Prediction> classify(List<CommitFacts> commits) throws ModelException;

    Prediction.ModelIdentity identity();

    @Override
    void close();
}
