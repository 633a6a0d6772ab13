package dev.vcai.model;

import ai.onnx.proto.OnnxMl;
import dev.vcai.analysis.ChangeType;
import dev.vcai.analysis.Features;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * Trains the change-type classifier: multinomial logistic regression (Tribuo) over {@link Features}, exported to
 * ONNX with the vocabulary and labels written into the file's metadata. Same data and settings, same bytes.
 */
public final class Trainer {
    /**
     * @param balance exponent of the inverse class frequency used as example weight (0: none, 1: fully balanced)
     */
    public record Settings(int epochs, double learningRate, long seed, int minCommits, int minRepositories, double balance) {
        public static final Settings DEFAULT = new Settings(12, 0.02, 20261128L, 20, 2, 0.5);
    }

    /**
     * Example weights are divided by the number of training commits sharing the commit's subject template
     * ({@link DeclaredHistory#template}) raised to this power, so that thousands of near-identical bot commits ("update dependency x to v1.2.3") do not outweigh
     * the rest. Training-time only: the model's features are untouched.
     */
    static final double TEMPLATE_EXPONENT = 0.5;

    private Trainer() {
    }

    public static byte[] train(List<LabelledCommit> data, Settings settings, String description) {
        return train(data, settings, description, row -> Features.of(row.facts()));
    }

    /** As {@link #train(List, Settings, String)}, with the features of each row given (e.g. cached by cross-validation). */
    public static byte[] train(List<LabelledCommit> data, Settings settings, String description,
                        Function<LabelledCommit, Map<String, Float>> features) {
        if (data.isEmpty()) {
            throw new IllegalArgumentException("no labelled commits to train on");
        }
        Vocabulary vocabulary = new Vocabulary(Vocabulary.select(data, settings.minCommits(), settings.minRepositories(), features));
        Map<ChangeType, Integer> counts = new EnumMap<>(ChangeType.class);
        data.forEach(row -> counts.merge(row.label(), 1, Integer::sum));

        Map<String, Integer> templates = new HashMap<>();
        data.forEach(row -> templates.merge(DeclaredHistory.template(row.facts().subjectWithoutPrefix()), 1, Integer::sum));

        LabelFactory labels = new LabelFactory();
        MutableDataset<Label> dataset = new MutableDataset<>(new SimpleDataSourceProvenance("vcai", labels), labels);
        for (LabelledCommit commit : data) {
            // The commit's known, non-zero features in vocabulary order (a dense row would cost O(vocabulary) per commit).
            Map<String, Float> known = new TreeMap<>();
            for (Map.Entry<String, Float> feature : features.apply(commit).entrySet()) {
                if (feature.getValue() != 0f && vocabulary.indexOf(feature.getKey()) >= 0) {
                    known.put(feature.getKey(), feature.getValue());
                }
            }
            if (known.isEmpty()) {
                continue;
            }
            String[] names = known.keySet().toArray(new String[0]);
            double[] values = new double[names.length];
            int i = 0;
            for (float value : known.values()) {
                values[i++] = value;
            }
            double weight = Math.pow((double) data.size() / (counts.size() * counts.get(commit.label())), settings.balance())
                    / Math.pow(templates.get(DeclaredHistory.template(commit.facts().subjectWithoutPrefix())), TEMPLATE_EXPONENT);
            // All features at once: ArrayExample.add re-sorts the example on every call.
            ArrayExample<Label> example = new ArrayExample<>(new Label(commit.label().id()), names, values);
            example.setWeight((float) weight);
            dataset.add(example);
        }
        LinearSGDTrainer trainer = new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(settings.learningRate(), 0.1),
                settings.epochs(), data.size() + 1, 1, settings.seed());
        LinearSGDModel model = trainer.train(dataset);
        Map<ChangeType, Double> shares = new EnumMap<>(ChangeType.class);
        counts.forEach((type, n) -> shares.put(type, (double) n / data.size()));
        return ModelFile.write(model, description, shares);
    }
}
