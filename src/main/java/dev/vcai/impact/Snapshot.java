package dev.vcai.impact;

import dev.vcai.impact.build.Layout;
import dev.vcai.impact.build.Module;
import dev.vcai.impact.lang.Language;
import dev.vcai.impact.lang.SourceFacts;
import dev.vcai.impact.lang.SourceReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * The graph at one tree, read from the object store (no checkout, so bare repositories and git's quarantine work),
 * and moved from tree to tree by re-reading only the paths that differ. Symbolic links and submodules are not files
 * of the tree here; ignored directories are left out; a file that is too large or binary counts without imports.
 */
final class Snapshot {
    private final ObjectReader reader;
    private final Ignore ignore;
    private final ConcurrentHashMap<ObjectId, SourceFacts> factsByBlob;
    private final Set<ObjectId> usedBlobs = new HashSet<>();
    private final FileGraph graph = new FileGraph();
    private final Map<String, ObjectId> layoutFiles = new HashMap<>();
    private final Map<Step, List<Change>> diffsAhead = new HashMap<>();
    private final List<ParseAhead> aheads = new ArrayList<>();
    private final Layout.Parses layoutParses = new Layout.Parses();
    private Layout layout = Layout.read(Map.of(), layoutParses);
    private ObjectId tree;
    private int parsed;

    /** @param factsByBlob facts known already (from the cache); the parsed ones are added to it */
    Snapshot(ObjectReader reader, Ignore ignore, ConcurrentHashMap<ObjectId, SourceFacts> factsByBlob) {
        this.reader = reader;
        this.ignore = ignore;
        this.factsByBlob = factsByBlob;
    }

    FileGraph graph() {
        return graph;
    }

    Layout layout() {
        return layout;
    }

    ObjectId tree() {
        return tree;
    }

    /** How many file versions were parsed (not found in the facts already known). */
    int parsed() {
        return parsed;
    }

    /** The facts of the file versions this snapshot has held: what is worth caching (older versions drop out). */
    Map<ObjectId, SourceFacts> factsUsed() {
        Map<ObjectId, SourceFacts> used = new HashMap<>();
        for (ObjectId blob : usedBlobs) {
            SourceFacts facts = factsByBlob.get(blob);
            if (facts != null) {
                used.put(blob, facts);
            }
        }
        return used;
    }

    /** A file's module: the innermost one a build file declares, else its top-level directory ({@code .} for the root). */
    String moduleName(String path) {
        Module module = layout.moduleOf(path);
        if (module != null) {
            return module.name();
        }
        int slash = path.indexOf('/');
        return slash < 0 ? "." : path.substring(0, slash + 1);
    }

    /**
     * The graph at one tree as {@link ImpactCache} keeps it: the layout's files, the graph's key names, and each file
     * with its keys as numbers into those names.
     */
    record Saved(ObjectId tree, Map<String, ObjectId> layoutFiles, List<String> keys, List<SavedFile> files) {
    }

    /** A file of a saved graph: what the graph decided of it when it was put. */
    record SavedFile(String path, ObjectId blob, String module, boolean test, int[] provides, int[] requests) {
    }

    /** This snapshot's graph, to restore at its tree in another run (null at the empty tree). */
    Saved saved() {
        if (tree == null) {
            return null;
        }
        // Only the keys the files use, numbered anew: a graph interns the keys of every version it met, and a graph
        // restored and saved again at every push would otherwise carry them all along.
        List<String> names = graph.keys();
        int[] renumbered = new int[names.size()];
        Arrays.fill(renumbered, -1);
        List<String> keys = new ArrayList<>();
        List<SavedFile> files = new ArrayList<>();
        for (FileGraph.Node node : graph.nodes()) { // in id order, so that a restored graph meets files in the same order
            files.add(new SavedFile(node.path(), node.blob(), node.module(), node.test(), renumber(node.provides(), names, renumbered, keys),
                    renumber(node.requests(), names, renumbered, keys)));
        }
        return new Saved(tree, Map.copyOf(layoutFiles), keys, files);
    }

    private static int[] renumber(int[] ids, List<String> names, int[] renumbered, List<String> keys) {
        int[] numbers = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            if (renumbered[ids[i]] < 0) {
                renumbered[ids[i]] = keys.size();
                keys.add(names.get(ids[i]));
            }
            numbers[i] = renumbered[ids[i]];
        }
        return numbers;
    }

    /**
     * Puts a saved graph into this snapshot, still at the empty tree, instead of reading its tree: only the layout's
     * files are parsed again, and any file whose blob the facts know under another language (an empty file is one
     * blob, an empty {@code __init__.py} and an empty {@code .ts} alike). False, leaving the snapshot as it was, when
     * the facts of one of its files are not known at all. A graph that does not fit (numbers out of range, a file
     * twice) throws, and leaves the snapshot unfit for use.
     */
    boolean restore(Saved saved) throws IOException {
        if (tree != null) {
            throw new IllegalStateException("a graph is restored into an empty snapshot only");
        }
        List<SourceFacts> facts = new ArrayList<>(saved.files().size());
        for (SavedFile file : saved.files()) {
            Language language = Language.of(file.path());
            SourceFacts known = language.hasImports() ? factsByBlob.get(file.blob()) : SourceFacts.NONE;
            if (known == null) {
                return false;
            }
            if (known.language() != language) {
                known = ParseAhead.read(reader, new Change(file.path(), null, file.blob()));
                parsed++;
            }
            facts.add(known);
        }
        for (Map.Entry<String, ObjectId> file : saved.layoutFiles().entrySet()) {
            if (!layoutParses.has(file.getKey(), file.getValue())) {
                layoutParses.parse(file.getKey(), file.getValue(), reader.open(file.getValue()).getCachedBytes(SourceReader.MAX_BYTES));
            }
        }
        layoutFiles.putAll(saved.layoutFiles());
        layout = Layout.read(layoutFiles, layoutParses);
        graph.restoreKeys(saved.keys());
        for (int i = 0; i < facts.size(); i++) {
            SavedFile file = saved.files().get(i);
            graph.restore(file.path(), file.blob(), facts.get(i), file.module(), file.test(), file.provides(), file.requests());
            usedBlobs.add(file.blob());
        }
        tree = saved.tree();
        return true;
    }

    /** One path that differs between two trees. */
    record Change(String path, ObjectId oldBlob, ObjectId newBlob) {
    }

    /** A move from one tree to another (null: the empty tree). */
    record Step(ObjectId from, ObjectId to) {
    }

    /**
     * Starts parsing, on the other cores, the file versions that these moves will read, in their order, while this
     * thread moves the graph: moving commit by commit parses a few files at a time, too few to share between cores.
     * The first move's files (a whole tree, when the graph is built) are parsed while the next moves' differences
     * are computed; the differences are kept for the moves. Call {@link #stopReadingAhead()} when done.
     */
    void readAhead(List<Step> steps) throws IOException {
        Set<ObjectId> seen = new HashSet<>();
        for (List<Step> part : List.of(steps.subList(0, Math.min(1, steps.size())), steps.subList(Math.min(1, steps.size()), steps.size()))) {
            ParseAhead ahead = ParseAhead.start(reader, pending(part, seen), factsByBlob);
            aheads.add(ahead);
            parsed += ahead.size();
        }
    }

    /** The new versions these moves read whose facts are not known, each blob once (seen holds those already pending). */
    private List<Change> pending(List<Step> steps, Set<ObjectId> seen) throws IOException {
        List<Change> pending = new ArrayList<>();
        for (Step step : steps) {
            List<Change> changes = diffsAhead.get(step);
            if (changes == null) {
                changes = diff(step.from(), step.to());
                diffsAhead.put(step, changes);
            }
            for (Change c : changes) {
                if (c.newBlob() != null && Language.of(c.path()).hasImports() && !known(c) && seen.add(c.newBlob())) {
                    pending.add(c);
                }
            }
        }
        return pending;
    }

    void stopReadingAhead() {
        aheads.forEach(ParseAhead::cancel);
    }

    /**
     * Moves the graph to a tree (null: the empty tree) and returns the paths that changed; their keys before and
     * after go into seeds (key to path) when seeds is not null.
     */
    List<Change> moveTo(ObjectId target, Map<String, String> seeds) throws IOException {
        List<Change> changes = diffsAhead.remove(new Step(tree, target));
        if (changes == null) {
            changes = diff(tree, target);
        }
        List<Change> files = new ArrayList<>();
        boolean layoutRead = false;
        for (Change c : changes) {
            if (Layout.reads(c.path())) {
                ObjectId previous = layoutFiles.get(c.path());
                if (c.newBlob() == null) {
                    layoutFiles.remove(c.path());
                    layoutRead = true;
                } else {
                    if (!layoutParses.has(c.path(), c.newBlob())) {
                        layoutParses.parse(c.path(), c.newBlob(), reader.open(c.newBlob()).getCachedBytes(SourceReader.MAX_BYTES));
                    }
                    layoutFiles.put(c.path(), c.newBlob());
                    layoutRead |= previous == null || !Layout.readsAlike(c.path(), previous, c.newBlob(), layoutParses);
                }
            }
            files.add(c);
        }
        // Most build file edits (a version, a dependency) move no file to another module and change no import's resolution.
        Keys.LayoutChange resolution = null;
        Set<String> movedDirs = Set.of();
        if (layoutRead) {
            Layout read = Layout.read(layoutFiles, layoutParses);
            resolution = Keys.LayoutChange.between(layout, read);
            movedDirs = read.dirsPlacedDifferently(layout);
            layout = read;
        }
        Map<String, SourceFacts> facts = facts(files);
        for (Change c : files) {
            if (c.newBlob() == null) {
                graph.remove(c.path(), seeds);
            } else {
                graph.put(c.path(), c.newBlob(), facts.get(c.path()), layout, this::moduleName, seeds);
            }
        }
        if (resolution != null || !movedDirs.isEmpty()) {
            graph.relayout(resolution, layout, this::moduleName, movedDirs);
        }
        tree = target;
        return changes;
    }

    /** The facts of the new versions, parsed (in parallel) when not known already. */
    private Map<String, SourceFacts> facts(List<Change> changes) throws IOException {
        List<Change> pending = new ArrayList<>();
        Set<ObjectId> seen = new HashSet<>();
        for (Change c : changes) {
            if (c.newBlob() != null) {
                for (ParseAhead ahead : aheads) {
                    ahead.await(c.newBlob());
                }
            }
            if (c.newBlob() != null && !known(c) && seen.add(c.newBlob())) {
                pending.add(c);
            }
        }
        ParseAhead.start(reader, pending, factsByBlob).awaitAll();
        parsed += pending.size();
        Map<String, SourceFacts> facts = new HashMap<>();
        for (Change c : changes) {
            if (c.newBlob() == null) {
                continue;
            }
            usedBlobs.add(c.newBlob());
            Language language = Language.of(c.path());
            SourceFacts f = language.hasImports() ? factsByBlob.get(c.newBlob()) : SourceFacts.NONE;
            if (f.language() != language) {
                f = ParseAhead.read(reader, c); // the same content under another language's name in this change
            }
            facts.put(c.path(), f);
        }
        return facts;
    }

    /** Whether the facts of a new version are known: parsed already for its language, or not needed (no imports). */
    private boolean known(Change c) {
        Language language = Language.of(c.path());
        if (!language.hasImports()) {
            return true;
        }
        SourceFacts known = factsByBlob.get(c.newBlob());
        return known != null && known.language() == language;
    }

    /** The regular files that differ between two trees (null is the empty tree), ignored directories not entered. */
    private List<Change> diff(ObjectId from, ObjectId to) throws IOException {
        List<Change> changes = new ArrayList<>();
        if (from != null && from.equals(to)) {
            return changes;
        }
        try (TreeWalk walk = new TreeWalk(reader)) {
            if (from == null) {
                walk.addTree(new EmptyTreeIterator());
            } else {
                walk.addTree(from);
            }
            if (to == null) {
                walk.addTree(new EmptyTreeIterator());
            } else {
                walk.addTree(to);
            }
            walk.setFilter(TreeFilter.ANY_DIFF);
            while (walk.next()) {
                String path = walk.getPathString();
                if (walk.isSubtree()) {
                    if (!ignore.ignoresDirectory(path)) {
                        walk.enterSubtree();
                    }
                    continue;
                }
                ObjectId oldBlob = regular(walk.getFileMode(0)) ? walk.getObjectId(0) : null;
                ObjectId newBlob = regular(walk.getFileMode(1)) ? walk.getObjectId(1) : null;
                if (oldBlob != null || newBlob != null) {
                    changes.add(new Change(path, oldBlob, newBlob));
                }
            }
        }
        return changes;
    }

    private static boolean regular(FileMode mode) {
        return mode == FileMode.REGULAR_FILE || mode == FileMode.EXECUTABLE_FILE;
    }

}
