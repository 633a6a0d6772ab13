package dev.vcai.model;

import dev.vcai.analysis.Features;
import dev.vcai.analysis.CommitFacts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
        Map<String, Integer> commits = new HashMap<>();
        Map<String, Set<String>> repositories = new HashMap<>();
        for (LabelledCommit row : data) {
            for (String name : Features.of(row.facts()).keySet()) {
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

    public String name(int i) {
        return names.get(i);
    }

    /** Writes the commit's known features into {@code row} (length {@link #size()}), which must be zero. */
    public void fill(CommitFacts commit, float[] row, int offset) {
        for (Map.Entry<String, Float> feature : Features.of(commit).entrySet()) {
            Integer i = index.get(feature.getKey());
            if (i != null) {
                row[offset + i] = feature.getValue();
            }
        }
    }
}
