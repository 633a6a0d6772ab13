package dev.vcai.model;

import dev.vcai.analysis.ChangeType;
import dev.vcai.analysis.CommitFacts;
import java.util.List;
import java.util.Map;

/**
 * The change-type model, wherever it runs: in-process ({@link EmbeddedModel}) or on Triton. The rest of vcai
 * talks to this interface only.
 */
public interface ChangeTypeModel extends AutoCloseable {
    /** One prediction per commit, in the same order. */
    List<Prediction> classify(List<CommitFacts> commits) throws ModelException;

    Prediction.ModelIdentity identity();

    /** Each type's share of the commits the model was trained on (see {@link ModelFile#labelShares()}); empty when not known. */
    Map<ChangeType, Double> labelShares();

    @Override
    void close();
}
