package dev.vcai.impact;

import dev.vcai.analysis.FileKind;
import dev.vcai.impact.build.Layout;
import dev.vcai.impact.lang.SourceFacts;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jgit.lib.ObjectId;

/**
 * The file-level dependency graph of one tree, kept as keys (see {@link Keys}): each file's provided and requested
 * keys, and for each key the files requesting it. Files are put and removed one at a time, so moving the graph from
 * a commit to the next touches only the files that changed.
 */
final class FileGraph {
    /** One file of the tree. Keys are interned ids; whether it is a test is decided once, when it is put. */
    record Node(String path, ObjectId blob, SourceFacts facts, int[] provides, int[] requests, boolean test) {
    }

    private final Map<String, Integer> keyIds = new HashMap<>();
    private final List<String> keyNames = new ArrayList<>();
    private final Map<String, Integer> fileIds = new HashMap<>();
    private final List<Node> nodes = new ArrayList<>();
    private final List<Integer> freeIds = new ArrayList<>();
    private final Map<Integer, IntSet> requesters = new HashMap<>();
    private int sourceFiles;

    int sourceFiles() {
        return sourceFiles;
    }

    int files() {
        return fileIds.size();
    }

    Node node(String path) {
        Integer id = fileIds.get(path);
        return id == null ? null : nodes.get(id);
    }

    Iterable<Node> nodes() {
        return () -> nodes.stream().filter(n -> n != null).iterator();
    }

    /** Adds or replaces a file; the keys it provided before and provides now go into seedKeys (when not null), with its path. */
    void put(String path, ObjectId blob, SourceFacts facts, Layout layout, Map<String, String> seedKeys) {
        remove(path, seedKeys);
        int[] provides = intern(Keys.provides(path, facts, layout));
        int[] requests = intern(Keys.requests(path, facts, layout));
        int id = freeIds.isEmpty() ? nodes.size() : freeIds.remove(freeIds.size() - 1);
        Node node = new Node(path, blob, facts, provides, requests, FileKind.of(path) == FileKind.TEST);
        if (id == nodes.size()) {
            nodes.add(node);
        } else {
            nodes.set(id, node);
        }
        fileIds.put(path, id);
        for (int key : requests) {
            requesters.computeIfAbsent(key, k -> new IntSet()).add(id);
        }
        if (facts.language().hasImports()) {
            sourceFiles++;
        }
        addNames(provides, path, seedKeys);
    }

    void remove(String path, Map<String, String> seedKeys) {
        Integer id = fileIds.remove(path);
        if (id == null) {
            return;
        }
        Node node = nodes.get(id);
        for (int key : node.requests()) {
            IntSet set = requesters.get(key);
            set.remove(id);
            if (set.size() == 0) {
                requesters.remove(key);
            }
        }
        if (node.facts().language().hasImports()) {
            sourceFiles--;
        }
        addNames(node.provides(), path, seedKeys);
        nodes.set(id, null);
        freeIds.add(id);
    }

    /** Recomputes the keys of the files whose keys depend on the layout, after a build or config file changed. */
    void relayout(Layout layout) {
        for (Node node : new ArrayList<>(nodes)) {
            if (node != null && Keys.layoutDependent(node.facts().language())) {
                put(node.path(), node.blob(), node.facts(), layout, null);
            }
        }
    }

    /**
     * The files that depend, directly or transitively, on files providing the seed keys, each with the file it was
     * reached from (null for a direct dependent of the seeds) so a path can be shown. Cycles and self-imports end
     * where a file is met again.
     */
    LinkedHashMap<Node, String> dependents(Map<String, String> seedKeys, Set<String> changed) {
        LinkedHashMap<Node, String> reachedFrom = new LinkedHashMap<>();
        boolean[] visited = new boolean[nodes.size()];
        for (String path : changed) {
            Integer id = fileIds.get(path);
            if (id != null) {
                visited[id] = true;
            }
        }
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (Map.Entry<String, String> seed : seedKeys.entrySet()) {
            Integer key = keyIds.get(seed.getKey());
            IntSet set = key == null ? null : requesters.get(key);
            for (int i = 0; set != null && i < set.size(); i++) {
                int file = set.get(i);
                if (!visited[file]) {
                    visited[file] = true;
                    reachedFrom.put(nodes.get(file), seed.getValue());
                    queue.add(file);
                }
            }
        }
        while (!queue.isEmpty()) {
            Node node = nodes.get(queue.poll());
            for (int key : node.provides()) {
                IntSet set = requesters.get(key);
                for (int i = 0; set != null && i < set.size(); i++) {
                    int file = set.get(i);
                    if (!visited[file]) {
                        visited[file] = true;
                        reachedFrom.put(nodes.get(file), node.path());
                        queue.add(file);
                    }
                }
            }
        }
        return reachedFrom;
    }

    /** Adds the keys a file provides to seeds, as if it had changed. */
    void seed(String path, Map<String, String> seeds) {
        addNames(node(path).provides(), path, seeds);
    }

    /** The files that provide a key (for {@code vcai impact SYMBOL}). */
    List<String> providers(String key) {
        Integer id = keyIds.get(key);
        List<String> found = new ArrayList<>();
        if (id == null) {
            return found;
        }
        for (Node node : nodes()) {
            for (int k : node.provides()) {
                if (k == id) {
                    found.add(node.path());
                }
            }
        }
        return found;
    }

    private void addNames(int[] keys, String path, Map<String, String> names) {
        if (names != null) {
            for (int key : keys) {
                names.putIfAbsent(keyNames.get(key), path);
            }
        }
    }

    private int[] intern(Set<String> keys) {
        int[] ids = new int[keys.size()];
        int i = 0;
        for (String key : keys) {
            Integer id = keyIds.get(key);
            if (id == null) {
                id = keyNames.size();
                keyIds.put(key, id);
                keyNames.add(key);
            }
            ids[i++] = id;
        }
        return ids;
    }
}
