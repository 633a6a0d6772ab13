package dev.vcai.model;

import dev.vcai.analysis.ChangeType;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * How well predicted change types match declared ones: accuracy, macro-F1 (over the types that occur in
 * either), per-type precision, recall and F1, and the confusion matrix (rows: declared, columns: predicted,
 * in {@link ChangeType} order).
 */
public record Evaluation(int commits, double accuracy, double macroF1, Map<ChangeType, PerType> perType, int[][] confusion) {

    public record PerType(double precision, double recall, double f1, int support) {
    }

    public static Evaluation of(List<ChangeType> declared, List<ChangeType> predicted) {
        if (declared.size() != predicted.size()) {
            throw new IllegalArgumentException("declared and predicted differ in length");
        }
        int k = ChangeType.values().length;
        int[][] confusion = new int[k][k];
        int correct = 0;
        for (int i = 0; i < declared.size(); i++) {
            confusion[declared.get(i).ordinal()][predicted.get(i).ordinal()]++;
            correct += declared.get(i) == predicted.get(i) ? 1 : 0;
        }
        Map<ChangeType, PerType> perType = new EnumMap<>(ChangeType.class);
        double f1Sum = 0;
        int present = 0;
        for (ChangeType type : ChangeType.values()) {
            int t = type.ordinal();
            int truePositive = confusion[t][t];
            int support = 0;
            int predictedCount = 0;
            for (int j = 0; j < k; j++) {
                support += confusion[t][j];
                predictedCount += confusion[j][t];
            }
            if (support == 0 && predictedCount == 0) {
                continue;
            }
            double precision = predictedCount == 0 ? 0 : (double) truePositive / predictedCount;
            double recall = support == 0 ? 0 : (double) truePositive / support;
            double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            perType.put(type, new PerType(precision, recall, f1, support));
            f1Sum += f1;
            present++;
        }
        return new Evaluation(declared.size(), declared.isEmpty() ? 0 : (double) correct / declared.size(),
                present == 0 ? 0 : f1Sum / present, perType, confusion);
    }
}
