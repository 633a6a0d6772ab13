package dev.vcai.model;

import dev.vcai.analysis.Features;
import dev.vcai.analysis.CommitFacts;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The features a model knows, in the order of its input tensor. Stored inside the model file, so that the
 * embedded runtime and a Triton client read the same order from the same bytes.
 */
public final class Vocabulary {
    private final List<String> names;
    private final Map<String, Integer> index;

    public Vocabulary(List<String> names) {
        this.names = List.copyOf(names);
        this.index = new HashMap<>(names.size() * 2);
        for (int i = 0; i < names.size(); i++) {
            index.put(names.get(i), i);
        }
    }

    /**
     * The features seen in at least {@code minCommits} training commits and in at least {@code minRepositories}
     * repositories: words used by one team only do not help on the next team's commits.
     */
    public static List<String> select(List<LabelledCommit> data, int minCommits, int minRepositories) {
        return select(data, minCommits, minRepositories, row -> Features.of(row.facts()));
    }

    /** As {@link #select(List, int, int)}, with the features of each row given (computed once by the caller). */
    static List<String> select(List<LabelledCommit> data, int minCommits, int minRepositories,
                               Function<LabelledCommit, Map<String, Float>> features) {
        Map<String, Integer> commits = new HashMap<>();
        Map<String, Set<String>> repositories = new HashMap<>();
        for (LabelledCommit row : data) {
            for (String name : features.apply(row).keySet()) {
                commits.merge(name, 1, Integer::sum);
                repositories.computeIfAbsent(name, n -> new HashSet<>(4)).add(row.repository());
            }
        }
        List<String> kept = new ArrayList<>();
        commits.forEach((name, count) -> {
            if (count >= minCommits && repositories.get(name).size() >= minRepositories) {
                kept.add(name);
            }
        });
        kept.sort(null);
        return kept;
    }

    public int size() {
        return names.size();
    }

    public List<String> names() {
        return names;
    }

    /** The position of a feature in the input, or -1 when the vocabulary does not know it. */
    int indexOf(String name) {
        Integer i = index.get(name);
        return i == null ? -1 : i;
    }

    public String name(int i) {
        return names.get(i);
    }

    /** The commit's known, non-zero features, in vocabulary order: what the model reads of it. */
    FeatureRows.Row row(CommitFacts commit) {
        Map<String, Float> features = Features.of(commit);
        float[] valueAt = new float[features.size()];
        long[] known = new long[features.size()]; // position << 32 | where its value is, sorted by position
        int count = 0;
        for (Map.Entry<String, Float> feature : features.entrySet()) {
            Integer i = index.get(feature.getKey());
            if (i != null && feature.getValue() != 0f) {
                valueAt[count] = feature.getValue();
                known[count] = (long) i << 32 | count;
                count++;
            }
        }
        Arrays.sort(known, 0, count);
        int[] positions = new int[count];
        float[] values = new float[count];
        for (int k = 0; k < count; k++) {
            positions[k] = (int) (known[k] >>> 32);
            values[k] = valueAt[(int) known[k]];
        }
        return new FeatureRows.Row(positions, values);
    }
}
