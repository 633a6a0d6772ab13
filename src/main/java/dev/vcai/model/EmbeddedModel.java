package dev.vcai.model;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.vcai.analysis.ChangeType;
import dev.vcai.analysis.CommitFacts;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The change-type model run in-process by ONNX Runtime on the CPU. */
public final class EmbeddedModel implements ChangeTypeModel {
    /** Where the shipped model sits in the jar; the build copies it from {@code triton-model-repo/}. */
    public static final String SHIPPED_RESOURCE = "/dev/vcai/model/model.onnx";
    private static final int BATCH = 32;

    private final ModelFile file;
    private final OrtEnvironment environment;
    private final OrtSession session;
    private final Prediction.ModelIdentity identity;

    private EmbeddedModel(byte[] bytes, String sha256) throws ModelException {
        this.file = sha256 == null ? ModelFile.read(bytes) : ModelFile.read(bytes, sha256);
        this.environment = OnnxRuntimeLibraries.environment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            this.session = environment.createSession(bytes, options);
        } catch (OrtException e) {
            throw new ModelException("ONNX Runtime cannot load the model: " + e.getMessage(), e);
        }
        this.identity = new Prediction.ModelIdentity(file.sha256(), "embedded");
    }

    /** The model shipped inside vcai. */
    public static EmbeddedModel shipped() throws ModelException {
        try (InputStream in = EmbeddedModel.class.getResourceAsStream(SHIPPED_RESOURCE)) {
            if (in == null) {
                throw new ModelException("this vcai build has no model inside; train one with 'vcai train' and pass --model");
            }
            return new EmbeddedModel(in.readAllBytes(), shippedSha256());
        } catch (IOException e) {
            throw new ModelException("cannot read the shipped model: " + e.getMessage(), e);
        }
    }

    /** The hash the build wrote beside the shipped model, or null (then it is computed; {@code vcai --version} shows it). */
    public static String shippedSha256() throws IOException {
        try (InputStream in = EmbeddedModel.class.getResourceAsStream(SHIPPED_RESOURCE + ".sha256")) {
            return in == null ? null : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII).strip();
        }
    }

    public static EmbeddedModel load(Path path) throws ModelException {
        try {
            return new EmbeddedModel(Files.readAllBytes(path), null);
        } catch (NoSuchFileException e) {
            throw new ModelException("cannot read the model file " + path + ": no such file", e);
        } catch (IOException e) {
            throw new ModelException("cannot read the model file " + path + ": " + e.getMessage(), e);
        }
    }

    public static EmbeddedModel of(byte[] bytes) throws ModelException {
        return new EmbeddedModel(bytes, null);
    }

    public ModelFile file() {
        return file;
    }

    @Override
    public List<Prediction> classify(List<CommitFacts> commits) throws ModelException {
        List<Prediction> predictions = new ArrayList<>(commits.size());
        int width = file.vocabulary().size();
        // One zeroed tensor buffer for all the batches, handed to ONNX Runtime as it is: a heap array would be
        // copied into a new native buffer of the whole width at every batch, though a row holds few features.
        FloatBuffer tensor = ByteBuffer.allocateDirect(Math.min(BATCH, commits.size()) * width * Float.BYTES)
                .order(ByteOrder.nativeOrder()).asFloatBuffer();
        for (int start = 0; start < commits.size(); start += BATCH) {
            FeatureRows input = file.vectorize(commits.subList(start, Math.min(commits.size(), start + BATCH)));
            input.writeInto(tensor);
            float[] probabilities = run(tensor.limit(input.size() * width), input.size(), width);
            input.eraseFrom(tensor.clear());
            predictions.addAll(file.predictions(input, probabilities, identity));
        }
        return predictions;
    }

    private float[] run(FloatBuffer input, int rows, int width) throws ModelException {
        try (OnnxTensor tensor = OnnxTensor.createTensor(environment, input, new long[] {rows, width});
             OrtSession.Result result = session.run(Map.of(file.inputName(), tensor))) {
            float[][] output = (float[][]) result.get(0).getValue();
            float[] flat = new float[rows * file.labels().size()];
            for (int r = 0; r < rows; r++) {
                System.arraycopy(output[r], 0, flat, r * file.labels().size(), file.labels().size());
            }
            return flat;
        } catch (OrtException e) {
            throw new ModelException("ONNX Runtime failed: " + e.getMessage(), e);
        }
    }

    @Override
    public Prediction.ModelIdentity identity() {
        return identity;
    }

    @Override
    public Map<ChangeType, Double> labelShares() {
        return file.labelShares();
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            // Closing frees native memory only; there is nothing left to report to.
        }
    }
}
