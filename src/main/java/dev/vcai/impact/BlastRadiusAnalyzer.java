package dev.vcai.impact;

import com.google.common.base.Throwables;
import dev.vcai.git.GitRepositories;
import dev.vcai.impact.build.Layout;
import dev.vcai.impact.lang.SourceFacts;
import dev.vcai.impact.lang.SourceReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * The blast radius of commits: builds the repository's dependency graph once per range, at the parent of its
 * oldest commit not measured before, from the object store (or restores the graph a previous range left there),
 * then moves it commit by commit re-reading only the changed files. Parsed facts, the radii and the graph at a
 * range's tip are cached on disk under {@code $GIT_DIR/vcai/impact/} ({@link ImpactCache}). Build one with
 * {@link #builder()} and reuse it.
 */
public final class BlastRadiusAnalyzer {
    private static final int TOP_MODULES = 5;

    private final List<String> ignored;
    private final Ignore ignore;
    private final boolean cache;

    private BlastRadiusAnalyzer(Builder builder) {
        this.ignored = builder.ignore;
        this.ignore = new Ignore(builder.ignore);
        this.cache = builder.cache;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The radii of a range's commits, keyed by commit id.
     *
     * @param filesParsed  file versions parsed (0 when the cache had them all)
     * @param measured     commits whose radius was measured, not found in the cache (0: no graph was built)
     * @param restored     whether the graph at the range's start was the one a previous range left there (not built)
     * @param buildNanos   time to build (or restore) the graph at the range's start
     * @param updateNanos  time to move the graph through the commits and measure them
     */
    public record Result(Map<String, BlastRadius> byCommit, int filesParsed, int measured, boolean restored, int graphFiles,
                         long buildNanos, long updateNanos) {
    }

    /** Measures commits given in any order (a log's newest-first order is fine); merges are measured against their first parent. */
    public Result measure(Repository repository, List<String> commitIds) throws IOException {
        try {
            return measureAll(repository, commitIds);
        } catch (IOException e) {
            // a file parsed ahead on another thread fails wrapped
            Throwable missing = Throwables.getCausalChain(e).stream().filter(MissingObjectException.class::isInstance).findFirst().orElse(null);
            String remote = missing == null ? null : GitRepositories.partialCloneRemote(repository);
            if (remote == null) {
                throw e;
            }
            throw new IOException(missing.getMessage() + ": this partial clone's remote '" + remote
                    + "' left out files the dependency graph reads; clone without --filter to have a blast radius", e);
        }
    }

    private Result measureAll(Repository repository, List<String> commitIds) throws IOException {
        long start = System.nanoTime();
        try (ObjectReader reader = repository.newObjectReader(); RevWalk walk = new RevWalk(reader)) {
            List<RevCommit> commits = new ArrayList<>();
            for (String id : commitIds) {
                RevCommit commit = walk.parseCommit(ObjectId.fromString(id));
                for (RevCommit parent : commit.getParents()) {
                    walk.parseHeaders(parent);
                }
                commits.add(commit);
            }
            commits = linesOfHistory(commits);
            Map<String, BlastRadius> radii = new HashMap<>();
            if (commits.isEmpty()) {
                return new Result(radii, 0, 0, false, 0, 0, 0);
            }
            ObjectId base = parentTree(commits.get(0));
            ImpactCache saved = cacheOf(repository);
            List<RevCommit> unknown = commits;
            if (saved != null) {
                Set<String> keys = new HashSet<>();
                commits.forEach(c -> keys.add(ImpactCache.radiusKey(parentTree(c), c.getTree())));
                Map<String, BlastRadius> known = saved.loadRadii(cacheKey(base), ignored, keys);
                unknown = new ArrayList<>();
                for (RevCommit commit : commits) {
                    BlastRadius radius = known.get(ImpactCache.radiusKey(parentTree(commit), commit.getTree()));
                    if (radius != null) {
                        radii.put(commit.name(), radius);
                    } else {
                        unknown.add(commit);
                    }
                }
                if (unknown.isEmpty()) {
                    return new Result(radii, 0, 0, false, radii.values().iterator().next().graphFiles(), 0, System.nanoTime() - start);
                }
                unknown = startingAtASavedGraph(unknown, saved.graphTrees());
            }
            // The graph starts where the first commit still to measure does: the same history a few commits on measures the new ones only.
            ObjectId buildAt = parentTree(unknown.get(0));
            RevCommit tip = commits.get(commits.size() - 1); // the newest tip: where the next range of this history starts
            Snapshot.Saved tipGraph = null;
            Snapshot snapshot = snapshotAt(reader, saved, buildAt);
            boolean restored = snapshot.tree() != null;
            List<Snapshot.Step> steps = new ArrayList<>();
            if (!restored) {
                steps.add(new Snapshot.Step(null, buildAt));
            }
            for (RevCommit commit : unknown) {
                steps.add(new Snapshot.Step(parentTree(commit), commit.getTree().getId()));
            }
            long built;
            try {
                snapshot.readAhead(steps); // the graph build (at the range's start) includes comparing the range's trees
                snapshot.moveTo(buildAt, null);
                built = System.nanoTime();
                for (RevCommit commit : unknown) {
                    snapshot.moveTo(parentTree(commit), null);
                    Map<String, String> seeds = new LinkedHashMap<>();
                    List<Snapshot.Change> changes = snapshot.moveTo(commit.getTree().getId(), seeds);
                    radii.put(commit.name(), radius(snapshot, paths(changes), seeds));
                    if (commit == tip && saved != null) {
                        tipGraph = snapshot.saved();
                    }
                }
            } finally {
                snapshot.stopReadingAhead();
            }
            long done = System.nanoTime();
            if (saved != null) {
                if (snapshot.parsed() > 0) {
                    saved.saveFacts(cacheKey(buildAt), snapshot.factsUsed());
                }
                Map<String, BlastRadius> byTrees = new HashMap<>();
                commits.forEach(c -> byTrees.put(ImpactCache.radiusKey(parentTree(c), c.getTree()), radii.get(c.name())));
                saved.saveRadii(cacheKey(base), ignored, byTrees);
                if (tipGraph != null) {
                    saved.saveGraph(tipGraph, ignored);
                }
            }
            return new Result(radii, snapshot.parsed(), unknown.size(), restored, snapshot.graph().sourceFiles(), built - start, done - built);
        }
    }

    /**
     * What changing some files would reach, for a tree (e.g. HEAD's) with, optionally, new contents for some paths
     * (a working tree's edits). A target is a path of the tree (a directory: every file in it) or a symbol: a Java/Kotlin type ({@code a.b.C}), a
     * Python module ({@code a.b}), a Go package path, or a script module path without extension.
     *
     * @throws IllegalArgumentException when a target is neither a file of the tree nor a known symbol
     */
    public BlastRadius impactOf(Repository repository, ObjectId tree, List<String> targets, Map<String, byte[]> contents) throws IOException {
        try (ObjectReader reader = repository.newObjectReader()) {
            ImpactCache saved = cacheOf(repository);
            Snapshot snapshot = snapshotAt(reader, saved, tree);
            keepAt(snapshot, saved, tree);
            FileGraph graph = snapshot.graph();
            Map<String, String> seeds = new LinkedHashMap<>();
            Set<String> changed = new LinkedHashSet<>();
            try (ObjectInserter.Formatter ids = new ObjectInserter.Formatter()) {
                for (String target : targets) {
                    String path = target.replace('\\', '/').replaceFirst("^\\./", "");
                    byte[] content = contents.get(path);
                    if (content != null && !ignore.ignores(path)) {
                        graph.put(path, ids.idFor(Constants.OBJ_BLOB, content), SourceReader.read(path, content),
                                snapshot.layout(), snapshot::moduleName, seeds);
                        changed.add(path);
                    } else if (graph.node(path) != null) {
                        graph.seed(path, seeds);
                        changed.add(path);
                    } else {
                        List<String> providers = graph.filesUnder(Set.of(path.replaceFirst("/+$", ""))).stream() // a directory: its files
                                .map(FileGraph.Node::path).toList();
                        if (providers.isEmpty()) {
                            providers = symbol(graph, target);
                        }
                        if (providers.isEmpty()) {
                            throw new IllegalArgumentException("'" + target + "' is " + notInGraph(reader, tree, path));
                        }
                        for (String provider : providers) {
                            graph.seed(provider, seeds);
                            changed.add(provider);
                        }
                    }
                }
            }
            return radius(snapshot, changed, seeds);
        }
    }

    /**
     * Builds the graph of a tree, or finds it, and keeps it in the cache, so that the next range starting there (the
     * first push after {@code vcai hook install}) restores it. The result names no commit.
     */
    public Result keepGraphAt(Repository repository, ObjectId tree) throws IOException {
        long start = System.nanoTime();
        try (ObjectReader reader = repository.newObjectReader()) {
            ImpactCache saved = cacheOf(repository);
            Snapshot snapshot = snapshotAt(reader, saved, tree);
            boolean restored = snapshot.tree() != null;
            keepAt(snapshot, saved, tree);
            return new Result(Map.of(), snapshot.parsed(), 0, restored, snapshot.graph().sourceFiles(), System.nanoTime() - start, 0);
        }
    }

    /** Moves a snapshot, restored there or empty, to a tree, and keeps a graph built there and the facts parsed in the cache. */
    private void keepAt(Snapshot snapshot, ImpactCache saved, ObjectId tree) throws IOException {
        boolean built = snapshot.tree() == null;
        snapshot.moveTo(tree, null);
        if (saved != null && snapshot.parsed() > 0) {
            saved.saveFacts(cacheKey(tree), snapshot.factsUsed());
        }
        if (saved != null && built && tree != null) {
            saved.saveGraph(snapshot.saved(), ignored);
        }
    }

    /**
     * The files providing a symbol: a full name of any language, else a Java/Kotlin type's simple name when one type
     * of the tree has it (several: an error naming them, so that the user picks one).
     */
    private static List<String> symbol(FileGraph graph, String symbol) {
        for (String namespace : List.of("java:", "py:", "go:", "js:")) {
            List<String> providers = graph.providers(namespace + symbol);
            if (!providers.isEmpty()) {
                return providers;
            }
        }
        if (symbol.isEmpty() || symbol.contains(".") || symbol.contains("/")) {
            return List.of();
        }
        Map<String, List<String>> types = new LinkedHashMap<>(); // a type's key, the files providing it
        for (String key : graph.keysEndingWith("java:", "." + symbol)) {
            List<String> providers = graph.providers(key);
            if (!providers.isEmpty()) {
                types.put(key, providers);
            }
        }
        if (types.size() > 1) {
            throw new IllegalArgumentException("'" + symbol + "' names " + types.size() + " types: "
                    + types.keySet().stream().limit(5).map(k -> k.substring("java:".length())).collect(Collectors.joining(", "))
                    + (types.size() > 5 ? ", ..." : "") + "; give the full name");
        }
        return types.isEmpty() ? List.of() : types.values().iterator().next();
    }

    /**
     * The commits in the order the graph moves through them: parents before children, and each line of history
     * moved through in one go. A time order would alternate between the lines of a history that merges maintenance
     * branches forward (spring-boot's 3.4.x into 3.5.x into main), and every switch between their trees moves the
     * graph through hundreds of files. So the order is a depth-first walk from the range's tips that emits a commit
     * after its parents, visiting a merge's merged side (its last parent) before its first parent: the oldest
     * maintenance line comes whole, then the line it was merged into, then main.
     */
    static List<RevCommit> linesOfHistory(List<RevCommit> given) {
        Set<RevCommit> inRange = new LinkedHashSet<>(given);
        Set<RevCommit> hasChild = new HashSet<>();
        for (RevCommit commit : inRange) {
            for (RevCommit parent : commit.getParents()) {
                if (inRange.contains(parent)) {
                    hasChild.add(parent);
                }
            }
        }
        List<RevCommit> tips = inRange.stream().filter(c -> !hasChild.contains(c))
                .sorted(Comparator.comparingInt(RevCommit::getCommitTime)).toList();
        Set<RevCommit> visited = new HashSet<>();
        List<RevCommit> ordered = new ArrayList<>(inRange.size());
        ArrayDeque<RevCommit> path = new ArrayDeque<>();
        ArrayDeque<Integer> parentsVisited = new ArrayDeque<>();
        for (RevCommit tip : tips) {
            visited.add(tip);
            path.push(tip);
            parentsVisited.push(0);
            while (!path.isEmpty()) {
                RevCommit commit = path.peek();
                int done = parentsVisited.pop();
                if (done == commit.getParentCount()) {
                    ordered.add(path.pop());
                    continue;
                }
                parentsVisited.push(done + 1);
                RevCommit parent = commit.getParent(commit.getParentCount() - 1 - done); // the merged side first
                if (inRange.contains(parent) && visited.add(parent)) {
                    path.push(parent);
                    parentsVisited.push(0);
                }
            }
        }
        return ordered;
    }

    /**
     * The commits in the same order, turned to start at the first whose parent's tree has a saved graph (the newest
     * such graph): any order measures the same radii, and the lines of history stay whole but for the one turned
     * around. A merged-in maintenance line comes first in the order, while the graph a previous range left is at
     * the tip of the line it was merged into.
     */
    private static List<RevCommit> startingAtASavedGraph(List<RevCommit> commits, List<ObjectId> graphTrees) {
        for (ObjectId tree : graphTrees) {
            for (int k = 0; k < commits.size(); k++) {
                if (tree.equals(parentTree(commits.get(k)))) {
                    List<RevCommit> turned = new ArrayList<>(commits.subList(k, commits.size()));
                    turned.addAll(commits.subList(0, k));
                    return turned;
                }
            }
        }
        return commits;
    }

    /**
     * A snapshot with the facts the cache knows, holding the graph saved at this tree when there is one whose files'
     * facts are all known, else still at the empty tree, for the caller to move it there (a null tree is the empty
     * tree itself).
     */
    private Snapshot snapshotAt(ObjectReader reader, ImpactCache saved, ObjectId tree) throws IOException {
        if (saved == null) {
            return new Snapshot(reader, ignore, new ConcurrentHashMap<>());
        }
        ConcurrentHashMap<ObjectId, SourceFacts> facts = saved.loadFacts(cacheKey(tree));
        Snapshot snapshot = new Snapshot(reader, ignore, facts);
        Snapshot.Saved graph = tree == null ? null : saved.loadGraph(tree, ignored);
        try {
            if (graph != null && snapshot.restore(graph)) {
                return snapshot;
            }
        } catch (RuntimeException e) {
            // a saved graph that does not fit its tree (a file too large to read now, numbers that do not add up): built again
        }
        return new Snapshot(reader, ignore, facts);
    }

    private static ObjectId parentTree(RevCommit commit) {
        return commit.getParentCount() == 0 ? null : commit.getParent(0).getTree().getId();
    }

    private static ObjectId cacheKey(ObjectId tree) {
        return tree == null ? ObjectId.zeroId() : tree;
    }

    private ImpactCache cacheOf(Repository repository) {
        return cache && repository.getDirectory() != null ? new ImpactCache(repository.getDirectory().toPath().resolve(Path.of("vcai", "impact"))) : null;
    }

    private static Set<String> paths(List<Snapshot.Change> changes) {
        Set<String> paths = new LinkedHashSet<>();
        changes.forEach(c -> paths.add(c.path()));
        return paths;
    }

    /** The radius of a change, on the graph as it is after the change. */
    private static BlastRadius radius(Snapshot snapshot, Set<String> changed, Map<String, String> seeds) {
        FileGraph graph = snapshot.graph();
        Layout layout = snapshot.layout();
        FileGraph.Reach reach = graph.dependents(seeds, changed);
        Set<String> changedModules = new LinkedHashSet<>();
        changed.forEach(p -> changedModules.add(snapshot.moduleName(p)));
        Map<String, Integer> filesByModule = new LinkedHashMap<>();
        Map<String, List<String>> pathByModule = new LinkedHashMap<>();
        List<String> tests = new ArrayList<>();
        List<String> listed = new ArrayList<>();
        for (FileGraph.Node dependent : reach.order()) {
            filesByModule.merge(dependent.module(), 1, Integer::sum);
            pathByModule.computeIfAbsent(dependent.module(), m -> reach.chain(dependent));
            if (dependent.test() && tests.size() < BlastRadius.LISTED) {
                tests.add(dependent.path());
            }
            if (listed.size() < BlastRadius.LISTED) {
                listed.add(dependent.path());
            }
        }
        // A changed build or shared configuration file reaches every source file of the modules that use it, or, when
        // no declared module has it (a Python project's pyproject.toml), every source file under its directory. The
        // changed files themselves are not their own dependents (a root commit, which adds every file, reaches nothing).
        int viaBuild = 0;
        Map<String, List<String>> throughBuild = modulesThroughBuildFiles(layout, changed);
        Map<String, String> unclaimed = unclaimedConfigDirs(layout, changed);
        for (String module : throughBuild.keySet()) {
            FileGraph.Unreached files = reach.unreachedIn(module, BlastRadius.LISTED - listed.size(), BlastRadius.LISTED - tests.size());
            if (files.count() > 0) {
                viaBuild += files.count();
                filesByModule.merge(module, files.count(), Integer::sum);
            }
            files.first().forEach(file -> listed.add(file.path()));
            files.tests().forEach(file -> tests.add(file.path()));
        }
        for (FileGraph.Node file : graph.filesUnder(unclaimed.keySet())) { // no declared module there: no file twice
            if (!file.source() || reach.reached(file)) {
                continue;
            }
            viaBuild++;
            if (filesByModule.merge(file.module(), 1, Integer::sum) == 1) {
                pathByModule.putIfAbsent(file.module(), List.of(unclaimed.get(configDir(unclaimed.keySet(), file.path())), file.path()));
            }
            if (file.test() && tests.size() < BlastRadius.LISTED) {
                tests.add(file.path());
            }
            if (listed.size() < BlastRadius.LISTED) {
                listed.add(file.path());
            }
        }
        for (Map.Entry<String, List<String>> viaModules : throughBuild.entrySet()) {
            if (!changedModules.contains(viaModules.getKey())) {
                filesByModule.putIfAbsent(viaModules.getKey(), 0);
                pathByModule.putIfAbsent(viaModules.getKey(), viaModules.getValue());
            }
        }
        List<BlastRadius.ModuleReach> top = new ArrayList<>();
        for (Map.Entry<String, Integer> e : filesByModule.entrySet()) {
            if (!changedModules.contains(e.getKey())) {
                top.add(new BlastRadius.ModuleReach(e.getKey(), e.getValue(), pathByModule.get(e.getKey())));
            }
        }
        int otherModules = top.size();
        top.sort(Comparator.comparingInt((BlastRadius.ModuleReach m) -> -m.files()).thenComparing(BlastRadius.ModuleReach::module));
        Set<String> affected = new LinkedHashSet<>(changedModules);
        affected.addAll(filesByModule.keySet());
        int score = score(reach.order().size() + viaBuild, graph.sourceFiles(), otherModules, layout.modules().size());
        return new BlastRadius(true, score, listed, new ArrayList<>(affected),
                !tests.isEmpty(), reach.order().size() + viaBuild, new ArrayList<>(changedModules),
                top.subList(0, Math.min(TOP_MODULES, top.size())), tests, graph.sourceFiles());
    }

    /**
     * The directories of the changed build or shared configuration files that no declared module claims (neither
     * their own nor one below them), each with the file: such a file configures every source file under it.
     */
    private static Map<String, String> unclaimedConfigDirs(Layout layout, Set<String> changed) {
        Map<String, String> dirs = new LinkedHashMap<>();
        for (String path : changed) {
            if (Layout.isBuildOrSharedConfig(path) && layout.moduleOf(path) == null) {
                String dir = Layout.parent(path);
                if (layout.modulesUnder(dir).isEmpty()) {
                    dirs.putIfAbsent(dir, path);
                }
            }
        }
        return dirs;
    }

    /** Why a target names no file of the graph, as the tree has the path. */
    private String notInGraph(ObjectReader reader, ObjectId tree, String path) throws IOException {
        try (TreeWalk entry = TreeWalk.forPath(reader, path, tree)) {
            FileMode mode = entry == null ? FileMode.MISSING : entry.getFileMode(0);
            if (mode == FileMode.GITLINK) {
                return "a submodule: the graph holds the files of this repository only";
            }
            if (mode == FileMode.SYMLINK) {
                return "a symbolic link: the graph holds regular files only";
            }
            if (mode != FileMode.MISSING && ignore.ignores(path + "/")) {
                return "left out of the graph by impact_ignore";
            }
        }
        return "neither a file of the tree nor a known type, module or package";
    }

    /** The innermost of these directories that holds the path. */
    private static String configDir(Set<String> dirs, String path) {
        String best = null;
        for (String dir : dirs) {
            if ((dir.isEmpty() || path.startsWith(dir + "/")) && (best == null || dir.length() > best.length())) {
                best = dir;
            }
        }
        return best;
    }

    /**
     * The score (README "Blast radius"): half from the share of the graph's source files that depend on the change
     * (square root, so a few percent already counts), 0.3 from their absolute number (log scale, 1,000 files is
     * full), 0.2 from the share of the other modules reached.
     */
    static int score(int dependents, int sourceFiles, int otherModules, int modules) {
        double share = sourceFiles == 0 ? 0 : Math.min(1, dependents / (double) sourceFiles);
        double count = Math.min(1, Math.log10(1 + dependents) / 3);
        double moduleShare = modules <= 1 ? 0 : Math.min(1, otherModules / (double) (modules - 1));
        return (int) Math.round(100 * Math.min(1, 0.5 * Math.sqrt(share) + 0.3 * count + 0.2 * moduleShare));
    }

    /**
     * The modules the changed build or shared configuration files affect ({@link Layout#modulesAffectedBy}), each
     * with its path from the first of those files that reaches it.
     */
    private static Map<String, List<String>> modulesThroughBuildFiles(Layout layout, Set<String> changed) {
        Map<String, List<String>> reached = new LinkedHashMap<>();
        for (String path : changed) {
            if (Layout.isBuildOrSharedConfig(path)) {
                layout.modulesAffectedBy(path).forEach(reached::putIfAbsent);
            }
        }
        return reached;
    }

    public static final class Builder {
        private List<String> ignore = List.of();
        private boolean cache = true;

        private Builder() {
        }

        /** Directory names or path prefixes left out of the graph (the policy's {@code impact_ignore}); none by default. */
        public Builder ignore(List<String> patterns) {
            this.ignore = List.copyOf(patterns);
            return this;
        }

        /** Whether parsed facts and radii are read from and written to {@code $GIT_DIR/vcai/impact/} (default true). */
        public Builder cache(boolean cache) {
            this.cache = cache;
            return this;
        }

        public BlastRadiusAnalyzer build() {
            return new BlastRadiusAnalyzer(this);
        }
    }
}
