package dev.vcai.impact;

import dev.vcai.analysis.FileKind;
import dev.vcai.impact.build.Layout;
import dev.vcai.impact.lang.SourceFacts;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.eclipse.jgit.lib.ObjectId;

/**
 * The file-level dependency graph of one tree, kept as keys (see {@link Keys}): each file's provided and requested
 * keys, and for each key the files requesting it. Files are put and removed one at a time, so moving the graph from
 * a commit to the next touches only the files that changed. Files and keys are dense int ids, so that a tree of
 * 100,000 files fits a hook's heap.
 */
final class FileGraph {
    /**
     * One file of the tree. Keys are interned ids; its module and whether it is a test are decided when it is put
     * (the module again when the layout changes), not for every radius it is part of. Only a source file can depend
     * on another, so only a source file is told a test.
     */
    record Node(int id, String path, ObjectId blob, SourceFacts facts, int[] provides, int[] requests, String module, boolean test) {
        /** Whether this is a source file, of a language with imports: what modules and the score count. */
        boolean source() {
            return facts.language().hasImports();
        }
    }

    /** The files a change reaches, nearest first; each remembers the file, or the changed path, it was reached from. */
    final class Reach {
        private final List<Node> order = new ArrayList<>();
        private final boolean[] visited;
        private final int[] from; // by file id: the id of the file it was reached from, or -1 - the index of a seed's path
        private final List<String> seedPaths = new ArrayList<>();

        private Reach(int files) {
            visited = new boolean[files];
            from = new int[files];
        }

        List<Node> order() {
            return order;
        }

        /** Whether a file was reached, or is one of the changed files. */
        boolean reached(Node node) {
            return visited[node.id()];
        }

        /** The dependency path from a changed file to a dependent one, the changed file first (at most 64 steps). */
        List<String> chain(Node dependent) {
            List<String> path = new ArrayList<>();
            path.add(dependent.path());
            for (int at = dependent.id(); path.size() < 64; ) {
                int step = from[at];
                if (step < 0) {
                    path.add(seedPaths.get(-1 - step));
                    break;
                }
                at = step;
                path.add(nodes.get(at).path());
            }
            Collections.reverse(path);
            return path;
        }

        /**
         * The source files of a module that this reach did not reach and that did not change: how many, the first
         * ones (up to listLimit) and the first tests among them (up to testLimit), in id order. Reads the nodes of
         * the listed files only: a change to a build file can configure thousands.
         */
        Unreached unreachedIn(String module, int listLimit, int testLimit) {
            IntSet ids = sourceFilesByModule.get(module);
            int count = 0;
            List<Node> first = new ArrayList<>();
            List<Node> firstTests = new ArrayList<>();
            for (int i = 0; ids != null && i < ids.size(); i++) {
                int id = ids.get(i);
                if (visited[id]) {
                    continue;
                }
                count++;
                if (first.size() < listLimit) {
                    first.add(nodes.get(id));
                }
                if (firstTests.size() < testLimit && tests.get(id)) {
                    firstTests.add(nodes.get(id));
                }
            }
            return new Unreached(count, first, firstTests);
        }

        /** Visits the files requesting a key, not visited yet, as reached from {@code step} (see {@link #from}). */
        private void visit(int key, int step) {
            IntSet set = requesters.get(key);
            for (int i = 0; i < set.size(); i++) {
                int file = set.get(i);
                if (!visited[file]) {
                    visited[file] = true;
                    from[file] = step;
                    order.add(nodes.get(file));
                }
            }
        }
    }

    /** Some of a module's source files: how many, and the first ones and the first tests among them. */
    record Unreached(int count, List<Node> first, List<Node> tests) {
    }

    private record Version(String path, ObjectId blob) {
    }

    private final Map<String, Integer> keyIds = new HashMap<>();
    private final List<String> keyNames = new ArrayList<>();
    private final List<IntSet> requesters = new ArrayList<>();
    /** By path, sorted: the files under a directory are one range of it. */
    private final NavigableMap<String, Integer> fileIds = new TreeMap<>();
    private final List<Node> nodes = new ArrayList<>();
    private final List<Integer> freeIds = new ArrayList<>();
    /** The ids of each module's source files, kept as files are put, removed and moved: a radius lists them by module. */
    private final Map<String, IntSet> sourceFilesByModule = new HashMap<>();
    /**
     * The files' versions removed from the graph, with their keys, when these do not depend on the layout (all but Go
     * and bare script imports): moving between the lines of a history puts the same versions back, keyed already.
     */
    private final Map<Version, Node> removedVersions = new HashMap<>();
    /** The ids of the test files. */
    private final BitSet tests = new BitSet();
    private int sourceFiles;

    int sourceFiles() {
        return sourceFiles;
    }

    Node node(String path) {
        Integer id = fileIds.get(path);
        return id == null ? null : nodes.get(id);
    }

    Iterable<Node> nodes() {
        return () -> nodes.stream().filter(n -> n != null).iterator();
    }

    /**
     * Adds or replaces a file; the keys it provided before and provides now go into seedKeys (when not null), with
     * its path. moduleOf names the module of a path.
     */
    void put(String path, ObjectId blob, SourceFacts facts, Layout layout, Function<String, String> moduleOf, Map<String, String> seedKeys) {
        Node replaced = node(path);
        remove(path, seedKeys);
        Node past = removedVersions.remove(new Version(path, blob));
        boolean known = past != null && past.facts() == facts;
        int[] provides = known ? past.provides() : intern(Keys.provides(path, facts, layout));
        int[] requests = known ? past.requests() : intern(Keys.requests(path, facts, layout));
        boolean source = facts.language().hasImports();
        boolean test = known ? past.test() // a path's kind is its name's: a new version of a source file keeps it
                : replaced != null && replaced.source() == source ? replaced.test() : source && FileKind.of(path) == FileKind.TEST;
        add(path, blob, facts, provides, requests, moduleOf.apply(path), test);
        addNames(provides, path, seedKeys);
    }

    /** The names of this graph's keys (those of every file version it met), numbered as its nodes' provides and requests number them. */
    List<String> keys() {
        return Collections.unmodifiableList(keyNames);
    }

    /** Numbers the keys of a saved graph as it numbered them, before its files are restored into this empty graph. */
    void restoreKeys(List<String> names) {
        if (!keyNames.isEmpty()) {
            throw new IllegalStateException("keys are restored into an empty graph only");
        }
        intern(names);
        if (keyNames.size() != names.size()) {
            throw new IllegalStateException("a key named twice");
        }
    }

    /** Adds a file of a saved graph, its keys (numbered as in {@link #restoreKeys}), module and test flag as they were. */
    void restore(String path, ObjectId blob, SourceFacts facts, String module, boolean test, int[] provides, int[] requests) {
        if (fileIds.containsKey(path)) {
            throw new IllegalStateException(path + " twice");
        }
        add(path, blob, facts, provides, requests, module, test);
    }

    private void add(String path, ObjectId blob, SourceFacts facts, int[] provides, int[] requests, String module, boolean test) {
        int id = freeIds.isEmpty() ? nodes.size() : freeIds.remove(freeIds.size() - 1);
        Node node = new Node(id, path, blob, facts, provides, requests, module, test);
        if (id == nodes.size()) {
            nodes.add(node);
        } else {
            nodes.set(id, node);
        }
        fileIds.put(path, id);
        tests.set(id, test);
        for (int key : requests) {
            requesters.get(key).add(id);
        }
        count(node, 1);
    }

    void remove(String path, Map<String, String> seedKeys) {
        Integer id = fileIds.remove(path);
        if (id == null) {
            return;
        }
        Node node = nodes.get(id);
        for (int key : node.requests()) {
            requesters.get(key).remove(id);
        }
        count(node, -1);
        addNames(node.provides(), path, seedKeys);
        if (!Keys.layoutDependent(node.facts())) {
            removedVersions.put(new Version(path, node.blob()), node);
        }
        nodes.set(id, null);
        tests.clear(id);
        freeIds.add(id);
    }

    /**
     * After a build or config file changed: recomputes the keys of the files the new layout resolves differently
     * (tsconfig, package names, go.mod; change is null when it resolves all alike), and the module of the files under
     * the module directories that were added, removed or renamed.
     */
    void relayout(Keys.LayoutChange change, Layout layout, Function<String, String> moduleOf, Set<String> movedDirs) {
        if (change != null) {
            for (Node node : new ArrayList<>(nodes)) {
                if (node != null && Keys.layoutDependent(node.facts()) && change.resolvesDifferently(node.path(), node.facts())) {
                    rekey(node, layout, moduleOf);
                }
            }
        }
        for (int id : idsUnder(movedDirs)) {
            Node node = nodes.get(id);
            String module = moduleOf.apply(node.path());
            if (!module.equals(node.module())) {
                count(node, -1);
                Node moved = new Node(node.id(), node.path(), node.blob(), node.facts(), node.provides(), node.requests(), module, node.test());
                nodes.set(node.id(), moved);
                count(moved, 1);
            }
        }
    }

    /** The ids of the files under these directories of the tree ("" for the whole tree), in path order, each once. */
    private List<Integer> idsUnder(Set<String> dirs) {
        List<String> outermost = new ArrayList<>();
        for (String dir : new TreeSet<>(dirs)) {
            if (outermost.stream().noneMatch(outer -> outer.isEmpty() || dir.startsWith(outer + "/"))) {
                outermost.add(dir);
            }
        }
        List<Integer> ids = new ArrayList<>();
        for (String dir : outermost) {
            // '0' follows '/': the paths starting with "dir/" are those from "dir/" up to "dir0"
            ids.addAll((dir.isEmpty() ? fileIds : fileIds.subMap(dir + "/", true, dir + "0", false)).values());
        }
        return ids;
    }

    /**
     * The files that depend, directly or transitively, on files providing the seed keys (key to the changed path
     * providing it). Cycles and self-imports end where a file is met again; the changed files are not dependents.
     */
    Reach dependents(Map<String, String> seedKeys, Set<String> changed) {
        Reach reach = new Reach(nodes.size());
        for (String path : changed) {
            Integer id = fileIds.get(path);
            if (id != null) {
                reach.visited[id] = true;
            }
        }
        for (Map.Entry<String, String> seed : seedKeys.entrySet()) {
            Integer key = keyIds.get(seed.getKey());
            if (key != null) {
                reach.seedPaths.add(seed.getValue());
                reach.visit(key, -reach.seedPaths.size());
            }
        }
        for (int next = 0; next < reach.order.size(); next++) {
            Node node = reach.order.get(next);
            for (int key : node.provides()) {
                reach.visit(key, node.id());
            }
        }
        return reach;
    }

    /** Recomputes a file's keys and module in place (its facts and its test flag stay). */
    private void rekey(Node node, Layout layout, Function<String, String> moduleOf) {
        int[] provides = intern(Keys.provides(node.path(), node.facts(), layout));
        int[] requests = intern(Keys.requests(node.path(), node.facts(), layout));
        if (!Arrays.equals(requests, node.requests())) {
            for (int key : node.requests()) {
                requesters.get(key).remove(node.id());
            }
            for (int key : requests) {
                requesters.get(key).add(node.id());
            }
        }
        count(node, -1);
        Node rekeyed = new Node(node.id(), node.path(), node.blob(), node.facts(), provides, requests, moduleOf.apply(node.path()), node.test());
        nodes.set(node.id(), rekeyed);
        count(rekeyed, 1);
    }

    private void count(Node node, int delta) {
        if (node.source()) {
            sourceFiles += delta;
            if (delta > 0) {
                sourceFilesByModule.computeIfAbsent(node.module(), m -> new IntSet()).add(node.id());
            } else {
                IntSet ids = sourceFilesByModule.get(node.module());
                ids.remove(node.id());
                if (ids.size() == 0) {
                    sourceFilesByModule.remove(node.module());
                }
            }
        }
    }

    /** The files under these directories of the tree ("" for the whole tree), in path order. */
    List<Node> filesUnder(Set<String> dirs) {
        return idsUnder(dirs).stream().map(nodes::get).toList();
    }

    /** Adds the keys a file provides to seeds, as if it had changed. */
    void seed(String path, Map<String, String> seeds) {
        addNames(node(path).provides(), path, seeds);
    }

    /** The keys with this prefix and suffix that some file provides or requests (for {@code vcai impact NAME}). */
    List<String> keysEndingWith(String prefix, String suffix) {
        List<String> found = new ArrayList<>();
        for (String key : keyNames) {
            if (key.startsWith(prefix) && key.endsWith(suffix)) {
                found.add(key);
            }
        }
        return found;
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

    private int[] intern(Collection<String> keys) {
        int[] ids = new int[keys.size()];
        int i = 0;
        for (String key : keys) {
            Integer id = keyIds.get(key);
            if (id == null) {
                id = keyNames.size();
                keyIds.put(key, id);
                keyNames.add(key);
                requesters.add(new IntSet());
            }
            ids[i++] = id;
        }
        return ids;
    }
}
