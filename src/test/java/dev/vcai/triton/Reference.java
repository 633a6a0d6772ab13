package dev.vcai.triton;

import dev.vcai.analysis.CommitFacts;
import dev.vcai.model.EmbeddedModel;
import dev.vcai.model.ModelException;
import dev.vcai.model.Prediction;
import java.io.IOException;
import java.util.List;

/** Real commits and the shipped embedded model's answers for them: what Triton's answers are held against. */
record Reference(EmbeddedModel embedded, List<CommitFacts> commits, List<Prediction> expected) implements AutoCloseable {
    static Reference of(String repository, int limit) throws IOException, ModelException {
        EmbeddedModel embedded = EmbeddedModel.shipped();
        List<CommitFacts> commits = KServeFixture.commits(repository, limit);
        return new Reference(embedded, commits, embedded.classify(commits));
    }

    @Override
    public void close() {
        embedded.close();
    }
}
