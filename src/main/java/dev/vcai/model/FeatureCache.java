package dev.vcai.model;

import dev.vcai.analysis.Features;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The features of labelled commits, computed once (in parallel) and kept compactly: feature names are shared
 * between rows and values sit in plain arrays, so that a whole dataset fits in memory while cross-validation
 * trains one model after another on it.
 */
final class FeatureCache {
    private record Row(String[] names, float[] values) {
    }

    private final Map<LabelledCommit, Row> rows;

    FeatureCache(List<LabelledCommit> data) {
        List<Map<String, Float>> computed = data.parallelStream().map(row -> Features.of(row.facts())).toList();
        Map<String, String> names = new HashMap<>();
        rows = new IdentityHashMap<>(data.size() * 2);
        for (int i = 0; i < data.size(); i++) {
            Map<String, Float> features = computed.get(i);
            String[] keys = new String[features.size()];
            float[] values = new float[features.size()];
            int j = 0;
            for (Map.Entry<String, Float> feature : features.entrySet()) {
                keys[j] = names.computeIfAbsent(feature.getKey(), k -> k);
                values[j++] = feature.getValue();
            }
            rows.put(data.get(i), new Row(keys, values));
        }
    }

    /** The features of a row of the data this cache was built from, in {@link Features#of} order. */
    Map<String, Float> get(LabelledCommit commit) {
        Row row = rows.get(commit);
        if (row == null) {
            return Features.of(commit.facts());
        }
        Map<String, Float> features = new LinkedHashMap<>(row.names().length * 2);
        for (int i = 0; i < row.names().length; i++) {
            features.put(row.names()[i], row.values()[i]);
        }
        return features;
    }
}
