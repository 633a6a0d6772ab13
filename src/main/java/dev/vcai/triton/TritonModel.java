package dev.vcai.triton;

import dev.vcai.analysis.ChangeType;
import dev.vcai.analysis.CommitFacts;
import dev.vcai.model.ChangeTypeModel;
import dev.vcai.model.FeatureRows;
import dev.vcai.model.ModelException;
import dev.vcai.model.ModelFile;
import dev.vcai.model.Prediction;
import inference.GrpcService.ModelInferRequest;
import inference.GrpcService.ModelInferResponse;
import inference.ModelConfigOuterClass.ModelConfig;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The change-type model served by Triton: the same feature tensor as the embedded runtime (the vocabulary comes from
 * the same model file), sent in batches with many in flight so Triton's dynamic batcher can group them. When a batch
 * fails and a fallback is set, that batch is answered by the fallback and each of its predictions says why (fail
 * open); without one the failure is thrown (fail closed).
 */
public final class TritonModel implements ChangeTypeModel {
    public static final String DEFAULT_MODEL = "change_type";

    private final TritonClient client;
    private final ModelFile file;
    private final String modelName;
    private final int batchSize;
    private final ChangeTypeModel fallback;
    private final Prediction.ModelIdentity identity;

    private TritonModel(Builder builder, int batchSize) {
        this.client = builder.client;
        this.file = builder.file;
        this.modelName = builder.modelName;
        this.batchSize = batchSize;
        this.fallback = builder.fallback;
        this.identity = new Prediction.ModelIdentity(file.sha256(), "triton");
    }

    /**
     * @param file the model file Triton serves (its vocabulary orders the input; the start-up check compares shapes)
     */
    public static Builder builder(TritonClient client, ModelFile file) {
        return new Builder(client, file);
    }

    /** What vcai needs the served model to be, derived from the model file. */
    public static ModelExpectation expectation(String modelName, ModelFile file) {
        return new ModelExpectation(modelName,
                List.of(new TensorSpec(file.inputName(), "FP32", List.of((long) file.vocabulary().size()))),
                List.of(new TensorSpec(file.outputName(), "FP32", List.of((long) file.labels().size()))), true);
    }

    @Override
    public List<Prediction> classify(List<CommitFacts> commits) throws ModelException {
        // A sliding window: batches are sent ahead while the oldest answers are read, so a range of 10,000 commits
        // holds at most the window's feature tensors (1 MB a batch), not all of them.
        List<Prediction> predictions = new ArrayList<>(commits.size());
        ArrayDeque<Pending> pending = new ArrayDeque<>();
        for (int start = 0; start < commits.size(); start += batchSize) {
            List<CommitFacts> batch = commits.subList(start, Math.min(commits.size(), start + batchSize));
            FeatureRows input = file.vectorize(batch);
            pending.add(new Pending(batch, input, client.submit(request(input))));
            if (pending.size() > client.maxInFlight()) {
                predictions.addAll(answer(pending.poll()));
            }
        }
        while (!pending.isEmpty()) {
            predictions.addAll(answer(pending.poll()));
        }
        return predictions;
    }

    /** A batch sent and not yet read. */
    private record Pending(List<CommitFacts> batch, FeatureRows input, CompletableFuture<ModelInferResponse> answer) {
    }

    private List<Prediction> answer(Pending pending) throws ModelException {
        try {
            return read(pending.answer().get(), pending.input());
        } catch (ExecutionException | TritonException e) {
            String reason = e instanceof ExecutionException ? e.getCause().getMessage() : e.getMessage();
            if (fallback == null) {
                throw new TritonException(reason, e);
            }
            return Unavailable.answer(fallback, pending.batch(), reason);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TritonException("interrupted while waiting for Triton", e);
        }
    }

    private ModelInferRequest request(FeatureRows input) {
        return ModelInferRequest.newBuilder().setModelName(modelName)
                .addInputs(ModelInferRequest.InferInputTensor.newBuilder().setName(file.inputName()).setDatatype("FP32")
                        .addShape(input.size()).addShape(input.width()))
                .addOutputs(ModelInferRequest.InferRequestedOutputTensor.newBuilder().setName(file.outputName()))
                .addRawInputContents(Tensors.fp32(input.dense()))
                .build();
    }

    /** The probabilities from the answer: the output is found by name, its contents by the answer's output order. */
    private List<Prediction> read(ModelInferResponse response, FeatureRows input) throws TritonException {
        int rows = input.size();
        int classes = file.labels().size();
        for (int i = 0; i < response.getOutputsCount(); i++) {
            ModelInferResponse.InferOutputTensor output = response.getOutputs(i);
            if (!output.getName().equals(file.outputName())) {
                continue;
            }
            String where = "Triton model '" + modelName + "' at " + client.target() + " answered output '" + output.getName() + "' ";
            if (!output.getDatatype().equals("FP32") || !output.getShapeList().equals(List.of((long) rows, (long) classes))) {
                throw new TritonException(where + "as " + output.getDatatype() + output.getShapeList() + ", expected FP32["
                        + rows + ", " + classes + "]");
            }
            if (response.getRawOutputContentsCount() <= i || response.getRawOutputContents(i).size() != rows * classes * Float.BYTES) {
                throw new TritonException(where + "without its " + rows * classes * Float.BYTES + " bytes of raw contents");
            }
            return file.predictions(input, Tensors.fp32(response.getRawOutputContents(i)), identity);
        }
        throw new TritonException("Triton model '" + modelName + "' at " + client.target() + " answered without output '"
                + file.outputName() + "'");
    }

    @Override
    public Prediction.ModelIdentity identity() {
        return identity;
    }

    @Override
    public Map<ChangeType, Double> labelShares() {
        return file.labelShares();
    }

    /** Closes the client and the fallback. */
    @Override
    public void close() {
        client.close();
        if (fallback != null) {
            fallback.close();
        }
    }

    /** A model that could not reach Triton at all: {@code fallback} answers everything, saying why. */
    public static ChangeTypeModel fallingBack(ChangeTypeModel fallback, String reason) {
        return new Unavailable(fallback, reason);
    }

    public static final class Builder {
        private final TritonClient client;
        private final ModelFile file;
        private String modelName = DEFAULT_MODEL;
        private int batchSize = 16;
        private ChangeTypeModel fallback;
        private boolean check = true;

        private Builder(TritonClient client, ModelFile file) {
            this.client = client;
            this.file = file;
        }

        public Builder modelName(String name) {
            this.modelName = name;
            return this;
        }

        /** Commits per request (capped by the model's max_batch_size). */
        public Builder batchSize(int commits) {
            this.batchSize = commits;
            return this;
        }

        /** The model that answers when Triton cannot (fail open); none means fail closed. */
        public Builder fallback(ChangeTypeModel fallback) {
            this.fallback = fallback;
            return this;
        }

        /**
         * Checks the server and the model at {@link #build()} (default). With a fallback, a failed check does not
         * fail the build: every classification then goes to the fallback, saying why.
         */
        public Builder check(boolean check) {
            this.check = check;
            return this;
        }

        public ChangeTypeModel build() throws TritonException {
            int size = batchSize;
            if (check) {
                try {
                    ModelConfig config = client.check(expectation(modelName, file));
                    size = Math.min(batchSize, config.getMaxBatchSize());
                } catch (TritonException e) {
                    if (fallback == null) {
                        throw e;
                    }
                    client.close();
                    return new Unavailable(fallback, e.getMessage());
                }
            }
            return new TritonModel(this, size);
        }
    }

    /** Triton failed its start-up check and the caller chose to fall back: the fallback answers, saying why. */
    private record Unavailable(ChangeTypeModel fallback, String reason) implements ChangeTypeModel {
        @Override
        public List<Prediction> classify(List<CommitFacts> commits) throws ModelException {
            return answer(fallback, commits, reason);
        }

        static List<Prediction> answer(ChangeTypeModel fallback, List<CommitFacts> commits, String reason) throws ModelException {
            return fallback.classify(commits).stream().map(p -> new Prediction(p.type(), p.confidence(), p.runnerUp(),
                    p.runnerUpConfidence(), p.drivers(), p.probabilities(), p.model().fallingBackFrom(reason))).toList();
        }

        @Override
        public Prediction.ModelIdentity identity() {
            return fallback.identity().fallingBackFrom(reason);
        }

        @Override
        public Map<ChangeType, Double> labelShares() {
            return fallback.labelShares();
        }

        @Override
        public void close() {
            fallback.close();
        }
    }
}
