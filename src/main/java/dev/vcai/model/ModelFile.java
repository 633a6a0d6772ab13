package dev.vcai.model;

import ai.onnx.proto.OnnxMl;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.vcai.analysis.ChangeType;
import dev.vcai.analysis.CommitFacts;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tribuo.VariableInfo;
import org.tribuo.classification.Label;
import org.tribuo.classification.sgd.linear.LinearSGDModel;

/**
 * The change-type model file: an ONNX graph (input {@code input} float[batch, F], output {@code output}: the
 * probabilities float[batch, 9], as Tribuo exports a linear model) whose metadata carries the feature vocabulary and the label order. The same bytes are run by
 * ONNX Runtime in-process and by Triton.
 */
public final class ModelFile {
    static final String FEATURES_KEY = "vcai.features";
    static final String LABELS_KEY = "vcai.labels";
    static final String DESCRIPTION_KEY = "vcai.description";
    /** Each type's share of the training commits ("feature=0.130000,..."), for {@link DeclaredHistory}'s team shares. */
    static final String LABEL_SHARES_KEY = "vcai.label_shares";

    static byte[] write(LinearSGDModel model, String description, Map<ChangeType, Double> labelShares) {
        OnnxMl.ModelProto exported = model.exportONNXModel("dev.vcai.change_type", 1);
        String[] features = new String[model.getFeatureIDMap().size()];
        for (VariableInfo info : model.getFeatureIDMap()) {
            features[model.getFeatureIDMap().getID(info.getName())] = info.getName();
        }
        String[] labels = new String[model.getOutputIDInfo().size()];
        for (Label label : model.getOutputIDInfo().getDomain()) {
            labels[model.getOutputIDInfo().getID(label)] = label.getLabel();
        }
        OnnxMl.ModelProto.Builder builder = exported.toBuilder().clearMetadataProps().setDocString(description);
        builder.addMetadataProps(OnnxMl.StringStringEntryProto.newBuilder().setKey(FEATURES_KEY).setValue(String.join("\n", features)));
        builder.addMetadataProps(OnnxMl.StringStringEntryProto.newBuilder().setKey(LABELS_KEY).setValue(String.join(",", labels)));
        builder.addMetadataProps(OnnxMl.StringStringEntryProto.newBuilder().setKey(DESCRIPTION_KEY).setValue(description));
        builder.addMetadataProps(OnnxMl.StringStringEntryProto.newBuilder().setKey(LABEL_SHARES_KEY).setValue(String.join(",",
                labelShares.entrySet().stream().map(e -> e.getKey().id() + "=" + String.format(Locale.ROOT, "%.6f", e.getValue())).toList())));
        return builder.build().toByteArray();
    }

    /** Reads a model file written by {@link #write}; anything else is refused with the reason. */
    public static ModelFile read(byte[] bytes) throws ModelException {
        return read(bytes, sha256(bytes));
    }

    /** As {@link #read(byte[])}, with the file's SHA-256 already known (the build computes the shipped model's). */
    static ModelFile read(byte[] bytes, String sha256) throws ModelException {
        OnnxMl.ModelProto proto;
        try {
            proto = OnnxMl.ModelProto.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new ModelException("not an ONNX model file: " + e.getMessage(), e);
        }
        Map<String, String> metadata = new HashMap<>();
        // Decoded from the bytes: getKey() would validate them through protobuf's Unsafe path, which JDK 24 and later
        // warn about on stderr, where a hook's pusher would read it.
        proto.getMetadataPropsList().forEach(p -> metadata.put(p.getKeyBytes().toStringUtf8(), p.getValueBytes().toStringUtf8()));
        if (!metadata.containsKey(FEATURES_KEY) || !metadata.containsKey(LABELS_KEY)) {
            throw new ModelException("the ONNX file carries no vcai vocabulary or labels; train it with 'vcai train'");
        }
        List<String> features = List.of(metadata.get(FEATURES_KEY).split("\n", -1));
        List<ChangeType> labels = new ArrayList<>();
        for (String label : metadata.get(LABELS_KEY).split(",")) {
            labels.add(ChangeType.fromId(label));
        }
        float[] weights = null;
        float[] bias = null;
        for (OnnxMl.TensorProto tensor : proto.getGraph().getInitializerList()) {
            float[] values = floats(tensor);
            if (tensor.getDimsCount() == 2 && tensor.getDims(0) == features.size() && tensor.getDims(1) == labels.size()) {
                weights = values;
            } else if (tensor.getDimsCount() == 1 && tensor.getDims(0) == labels.size()) {
                bias = values;
            }
        }
        if (weights == null || bias == null) {
            throw new ModelException("the ONNX graph has no " + features.size() + "x" + labels.size() + " weight matrix");
        }
        Map<ChangeType, Double> labelShares = new EnumMap<>(ChangeType.class);
        if (metadata.containsKey(LABEL_SHARES_KEY)) { // absent from files of the first sessions
            for (String share : metadata.get(LABEL_SHARES_KEY).split(",")) {
                int equals = share.indexOf('=');
                labelShares.put(ChangeType.fromId(share.substring(0, equals)), Double.parseDouble(share.substring(equals + 1)));
            }
        }
        return new ModelFile(new Vocabulary(features), List.copyOf(labels), weights,
                proto.getGraph().getInput(0).getNameBytes().toStringUtf8(), proto.getGraph().getOutput(0).getNameBytes().toStringUtf8(),
                metadata.getOrDefault(DESCRIPTION_KEY, ""), sha256, labelShares);
    }

    private static float[] floats(OnnxMl.TensorProto tensor) {
        if (tensor.getFloatDataCount() > 0) {
            float[] values = new float[tensor.getFloatDataCount()];
            for (int i = 0; i < values.length; i++) {
                values[i] = tensor.getFloatData(i);
            }
            return values;
        }
        FloatBuffer buffer = tensor.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        float[] values = new float[buffer.remaining()];
        buffer.get(values);
        return values;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private final Vocabulary vocabulary;
    private final List<ChangeType> labels;
    /** Row-major [feature][label], as the Gemm initializer stores it. */
    private final float[] weights;
    private final String inputName;
    private final String outputName;
    private final String description;
    private final String sha256;
    private final Map<ChangeType, Double> labelShares;

    private ModelFile(Vocabulary vocabulary, List<ChangeType> labels, float[] weights, String inputName, String outputName,
                      String description, String sha256, Map<ChangeType, Double> labelShares) {
        this.vocabulary = vocabulary;
        this.labels = labels;
        this.weights = weights;
        this.inputName = inputName;
        this.outputName = outputName;
        this.description = description;
        this.sha256 = sha256;
        this.labelShares = Map.copyOf(labelShares);
    }

    /** Each type's share of the commits the model was trained on; empty for a file that does not say. */
    public Map<ChangeType, Double> labelShares() {
        return labelShares;
    }

    public Vocabulary vocabulary() {
        return vocabulary;
    }

    /** The change type of each output column. */
    public List<ChangeType> labels() {
        return labels;
    }

    public String inputName() {
        return inputName;
    }

    public String outputName() {
        return outputName;
    }

    public String description() {
        return description;
    }

    /** Identifies the model in reports: the SHA-256 of the file's bytes. */
    public String sha256() {
        return sha256;
    }

    /** These commits as the model's input. */
    public FeatureRows vectorize(List<CommitFacts> commits) {
        List<FeatureRows.Row> rows = new ArrayList<>(commits.size());
        for (CommitFacts commit : commits) {
            rows.add(vocabulary.row(commit));
        }
        return new FeatureRows(vocabulary.size(), rows);
    }

    /** Reads the output tensor's contents (rows of probabilities, in {@link #labels()} order) as predictions. */
    public List<Prediction> predictions(FeatureRows input, float[] probabilities, Prediction.ModelIdentity identity) {
        int rows = input.size();
        int classes = labels.size();
        List<Prediction> predictions = new ArrayList<>(rows);
        for (int r = 0; r < rows; r++) {
            int best = 0;
            int second = -1;
            for (int c = 1; c < classes; c++) {
                float p = probabilities[r * classes + c];
                if (p > probabilities[r * classes + best]) {
                    second = best;
                    best = c;
                } else if (second < 0 || p > probabilities[r * classes + second]) {
                    second = c;
                }
            }
            Map<ChangeType, Double> all = new EnumMap<>(ChangeType.class);
            for (int c = 0; c < classes; c++) {
                all.put(labels.get(c), (double) probabilities[r * classes + c]);
            }
            predictions.add(new Prediction(labels.get(best), probabilities[r * classes + best], labels.get(second),
                    probabilities[r * classes + second], drivers(input.row(r), best, second, 5), all, identity));
        }
        return predictions;
    }

    /**
     * The features that most favoured {@code chosen} over {@code other} in this input row: the linear model's
     * contribution {@code x * (w[chosen] - w[other])}, largest first.
     */
    private List<Driver> drivers(FeatureRows.Row row, int chosen, int other, int limit) {
        List<Driver> drivers = new ArrayList<>();
        for (int k = 0; k < row.positions().length; k++) {
            int i = row.positions()[k];
            int at = i * labels.size();
            float margin = row.values()[k] * (weights[at + chosen] - weights[at + other]);
            if (margin > 0f) {
                drivers.add(new Driver(vocabulary.name(i), margin));
            }
        }
        drivers.sort((a, b) -> Double.compare(b.weight(), a.weight()));
        return List.copyOf(drivers.subList(0, Math.min(limit, drivers.size())));
    }
}
