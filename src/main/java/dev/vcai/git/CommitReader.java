package dev.vcai.git;

import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipException;
import org.eclipse.jgit.errors.CorruptObjectException;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.errors.RevWalkException;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.filter.AndRevFilter;
import org.eclipse.jgit.revwalk.filter.CommitTimeRevFilter;
import org.eclipse.jgit.revwalk.filter.RevFilter;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.AndTreeFilter;
import org.eclipse.jgit.treewalk.filter.PathFilterGroup;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * Reads a range of commits with their diffs. The entry point of this package.
 *
 * <p>The range is selected with git log's rules, then diffed by {@link CommitDiffer}s, one per thread, each reusing
 * its reader and formatter along the range; results keep the range's order. The history before the range is read
 * by name only.
 */
public final class CommitReader implements AutoCloseable {
    /** Ranges shorter than this are diffed on the calling thread: starting threads would cost more. */
    private static final int PARALLEL_FROM = 16;

    private static final Pattern UPSTREAM = Pattern.compile("@\\{(?i:u|upstream)\\}");
    private final Repository repository;
    private final DiffLimits limits;
    private final int threads;
    private final ObjectReader reader;

    /** Diffs on as many threads as there are processors, up to four. */
    public CommitReader(Repository repository, DiffLimits limits) {
        this(repository, limits, Math.min(4, Runtime.getRuntime().availableProcessors()));
    }

    public CommitReader(Repository repository, DiffLimits limits, int threads) {
        this.repository = repository;
        this.limits = limits;
        this.threads = Math.max(1, threads);
        this.reader = repository.newObjectReader();
    }

    /**
     * Reads the commits {@code query} selects and the history just before them.
     *
     * @param progress told the number of commits read so far and the number selected, after each one
     */
    public RangeRead read(LogQuery query, ReadProgress progress) throws GitError {
        try (RevWalk walk = new RevWalk(reader)) {
            Set<ObjectId> shallow = reader.getShallowCommits();
            List<RevCommit> selected = select(walk, query);
            List<RevCommit> diffable = new ArrayList<>(selected.size());
            List<String> boundary = new ArrayList<>();
            for (RevCommit commit : selected) {
                if (shallow.contains(commit)) {
                    boundary.add(commit.name());
                } else {
                    diffable.add(commit);
                }
            }
            progress.selected(diffable.stream().map(RevCommit::name).toList());
            Diffing diffing = new Diffing(diffable, progress);
            List<CommitDiff> commits;
            Set<String> asked;
            WalkedHistory older;
            if (diffing.inParallel()) {
                try {
                    older = walkHistory(selected, shallow, null);
                } catch (IOException | RuntimeException e) {
                    try {
                        diffing.cancel();
                    } catch (IOException interrupted) {
                        e.addSuppressed(interrupted);
                    }
                    throw e;
                }
                commits = diffing.finish();
                asked = askedPaths(commits);
            } else {
                commits = diffing.finish();
                asked = askedPaths(commits);
                older = walkHistory(selected, shallow, asked);
            }
            if (commits.isEmpty()) {
                if (!boundary.isEmpty()) {
                    throw new GitError(GitError.Kind.SHALLOW_BOUNDARY, "the range stops at the shallow clone's boundary ("
                            + boundary.get(0).substring(0, 10) + "), whose parent is missing; deepen the clone with 'git fetch --deepen=N' or '--unshallow'");
                }
                throw new GitError(GitError.Kind.EMPTY_RANGE, "no commits in the range " + query.describe()
                        + "; check the revisions and filters (git log " + query.describe() + " shows the same)");
            }
            return new RangeRead(commits, older.entries(commits, asked), boundary);
        } catch (RevWalkException e) {
            // A walk's iterator cannot throw IOException, so it wraps what it could not read.
            if (e.getCause() instanceof IOException cause) {
                throw readError(cause);
            }
            throw e;
        } catch (IOException e) {
            throw readError(e);
        }
    }

    /**
     * The diffs of commits, in their order, on up to {@link #threads} threads started at once, so that the calling
     * thread walks the history meanwhile; a short range is diffed on the calling thread by {@link #finish}.
     */
    private final class Diffing {
        private final List<RevCommit> commits;
        private final ReadProgress progress;
        private final CommitDiff[] results;
        private final AtomicInteger next = new AtomicInteger();
        private final AtomicInteger done = new AtomicInteger();
        private final List<Thread> started = new ArrayList<>();
        private volatile Exception failure;

        Diffing(List<RevCommit> commits, ReadProgress progress) {
            this.commits = commits;
            this.progress = progress;
            this.results = new CommitDiff[commits.size()];
            int workers = commits.size() < PARALLEL_FROM ? 1 : Math.min(threads, commits.size());
            if (workers > 1) {
                for (int t = 0; t < workers; t++) {
                    Thread thread = new Thread(this::work, "vcai-diff-" + t);
                    thread.setDaemon(true);
                    thread.start();
                    started.add(thread);
                }
            }
        }

        private void work() {
            try (CommitDiffer differ = new CommitDiffer(repository, limits)) {
                for (int i = next.getAndIncrement(); i < results.length && failure == null; i = next.getAndIncrement()) {
                    results[i] = differ.diff(commits.get(i));
                    progress.commitRead(done.incrementAndGet(), results.length);
                }
            } catch (IOException | RuntimeException e) {
                synchronized (this) {
                    failure = failure == null ? e : failure;
                }
            }
        }

        /** Whether threads diff the commits while the caller walks the history; else {@link #finish} does. */
        boolean inParallel() {
            return !started.isEmpty();
        }

        List<CommitDiff> finish() throws IOException {
            if (started.isEmpty()) {
                work();
            }
            joinAll();
            if (failure instanceof IOException e) {
                throw e;
            }
            if (failure instanceof RuntimeException e) {
                throw e;
            }
            return List.of(results);
        }

        /** Stops the threads after the commit each is diffing, when the read failed elsewhere. */
        void cancel() throws IOException {
            failure = new IOException("cancelled");
            joinAll();
        }

        private void joinAll() throws IOException {
            for (Thread thread : started) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while diffing", e);
                }
            }
        }
    }

    private GitError readError(IOException e) {
        String promisor = e instanceof MissingObjectException ? GitRepositories.partialCloneRemote(repository) : null;
        if (promisor != null) {
            return new GitError(GitError.Kind.CORRUPT_OBJECT, "cannot read an object of " + repository.getDirectory() + ": "
                    + GitRepositories.firstLine(e) + "; this is a partial clone (its remote '" + promisor + "' left such objects out),"
                    + " and vcai reads every changed file: fetch them with 'git log -p <range> > /dev/null' or clone without --filter", e);
        }
        // A truncated or garbled object fails to inflate: EOFException or ZipException rather than CorruptObjectException.
        if (e instanceof MissingObjectException || e instanceof CorruptObjectException || e instanceof IncorrectObjectTypeException
                || e instanceof EOFException || e instanceof ZipException) {
            return new GitError(GitError.Kind.CORRUPT_OBJECT, "cannot read an object of " + repository.getDirectory()
                    + ": " + GitRepositories.firstLine(e) + "; run 'git fsck' to see what is damaged", e);
        }
        return new GitError(GitError.Kind.IO, "cannot read " + repository.getDirectory() + ": " + GitRepositories.firstLine(e), e);
    }

    private List<RevCommit> select(RevWalk walk, LogQuery query) throws IOException, GitError {
        boolean positive = false;
        for (String revision : query.revisions()) {
            int symmetric = revision.indexOf("...");
            int range = revision.indexOf("..");
            if (symmetric >= 0) {
                RevCommit left = walk.parseCommit(resolve(orHead(revision.substring(0, symmetric))));
                RevCommit right = walk.parseCommit(resolve(orHead(revision.substring(symmetric + 3))));
                for (RevCommit base : mergeBases(left, right)) {
                    walk.markUninteresting(walk.parseCommit(base));
                }
                walk.markStart(left);
                walk.markStart(right);
                positive = true;
            } else if (range >= 0) {
                walk.markUninteresting(walk.parseCommit(resolve(orHead(revision.substring(0, range)))));
                walk.markStart(walk.parseCommit(resolve(orHead(revision.substring(range + 2)))));
                positive = true;
            } else if (revision.startsWith("^")) {
                walk.markUninteresting(walk.parseCommit(resolve(revision.substring(1))));
            } else {
                walk.markStart(walk.parseCommit(resolve(revision)));
                positive = true;
            }
        }
        if (!positive) {
            walk.markStart(walk.parseCommit(resolve(Constants.HEAD)));
        }
        List<RevFilter> filters = new ArrayList<>();
        if (query.since() != null) {
            // JGit keeps commit times in 32-bit seconds: a date past 2038 would wrap around and select every commit.
            filters.add(query.since().getEpochSecond() > Integer.MAX_VALUE ? RevFilter.NONE : CommitTimeRevFilter.after(query.since()));
        }
        if (query.until() != null && query.until().getEpochSecond() <= Integer.MAX_VALUE) { // past 2038: every commit is before
            filters.add(CommitTimeRevFilter.before(query.until()));
        }
        if (query.author() != null) {
            filters.add(new AuthorFilter(Pattern.compile(query.author())));
        }
        if (filters.size() == 1) {
            walk.setRevFilter(filters.get(0));
        } else if (filters.size() > 1) {
            walk.setRevFilter(AndRevFilter.create(filters));
        }
        if (!query.paths().isEmpty()) {
            TreeFilter paths = pathFilter(query.paths());
            walk.setTreeFilter(paths == null ? TreeFilter.ANY_DIFF : AndTreeFilter.create(paths, TreeFilter.ANY_DIFF));
            walk.setRewriteParents(false);
        }
        List<RevCommit> selected = new ArrayList<>();
        for (RevCommit commit : walk) {
            if (query.maxCount() >= 0 && selected.size() >= query.maxCount()) {
                break;
            }
            selected.add(commit);
        }
        return selected;
    }

    /**
     * The paths as git reads a pathspec: "./dir" is "dir", and "." (or "./") is the whole tree, which still leaves
     * out commits that change nothing. Returns null for the whole tree.
     */
    private static TreeFilter pathFilter(List<String> paths) {
        List<String> cleaned = new ArrayList<>(paths.size());
        for (String path : paths) {
            String p = path;
            while (p.startsWith("./")) {
                p = p.substring(2);
            }
            while (p.endsWith("/")) {
                p = p.substring(0, p.length() - 1);
            }
            if (p.isEmpty() || p.equals(".")) {
                return null;
            }
            cleaned.add(p);
        }
        return PathFilterGroup.createFromStrings(cleaned);
    }

    private List<RevCommit> mergeBases(RevCommit left, RevCommit right) throws IOException {
        try (RevWalk bases = new RevWalk(reader)) {
            bases.setRevFilter(RevFilter.MERGE_BASE);
            bases.markStart(bases.parseCommit(left));
            bases.markStart(bases.parseCommit(right));
            List<RevCommit> found = new ArrayList<>();
            for (RevCommit base : bases) {
                found.add(base);
            }
            return found;
        }
    }

    private ObjectId resolve(String revision) throws GitError, IOException {
        Matcher upstream = UPSTREAM.matcher(revision);
        if (upstream.find()) {
            // Where git says "no upstream configured", JGit resolves the branch itself: an empty range, silently.
            String named = revision.substring(0, upstream.start());
            String full = named.isEmpty() || named.equals(Constants.HEAD) ? repository.getFullBranch() : Constants.R_HEADS + named;
            if (full == null || !full.startsWith(Constants.R_HEADS)) {
                throw new GitError(GitError.Kind.UNKNOWN_REVISION, "unknown revision '" + revision + "': HEAD is not on a branch, so it has no upstream");
            }
            String branch = Repository.shortenRefName(full);
            if (repository.getConfig().getString("branch", branch, "merge") == null) {
                throw new GitError(GitError.Kind.UNKNOWN_REVISION, "unknown revision '" + revision + "': branch '" + branch
                        + "' has no upstream; set one with 'git branch --set-upstream-to=origin/" + branch + "'");
            }
        }
        ObjectId id;
        try {
            // JGit knows @{upstream} only; git also takes @{u}, in any case.
            id = repository.resolve(upstream.replaceAll("@{upstream}") + "^{commit}");
        } catch (RevisionSyntaxException | IncorrectObjectTypeException e) {
            id = null;
        } catch (MissingObjectException e) {
            if (!ObjectId.isId(revision)) {
                throw e;
            }
            // A full commit id that names no object here was mistyped or belongs to another repository (git: "bad object").
            id = null;
        }
        if (id == null) {
            if (Constants.HEAD.equals(revision) && repository.exactRef(Constants.HEAD) != null
                    && repository.exactRef(Constants.HEAD).getObjectId() == null) {
                throw new GitError(GitError.Kind.EMPTY_RANGE, "the repository has no commits yet; commit something first");
            }
            throw new GitError(GitError.Kind.UNKNOWN_REVISION, "unknown revision '" + revision
                    + "': not a branch, tag or commit of " + repository.getDirectory() + "; 'git branch -a' lists them");
        }
        return id;
    }

    private static String orHead(String revision) {
        return revision.isEmpty() ? Constants.HEAD : revision;
    }

    /**
     * The selected commits and the commits just before them, walked by name only (no rename detection, no contents):
     * enough to know each file's age and past changes and each author's experience. Only the paths the selected commits
     * touch matter ({@link WalkedHistory#entries}). A short range is diffed first, and its paths ({@code asked}) keep
     * the older walk out of the subtrees where nothing asked for lies: a one-commit run on okhttp or spring-boot, a
     * push's case, ends 20-80 ms sooner (blocks of 11-15 alternating runs). A long range is walked while it is diffed,
     * so {@code asked} is null: the older commits' changed paths are listed whole and cut down afterwards; a filter
     * built from a names-only walk of the selected commits would cost a second walk of every selected commit's trees,
     * more than the filter saves once the paths of many commits cover most of the tree.
     */
    private WalkedHistory walkHistory(List<RevCommit> selected, Set<ObjectId> shallow, Set<String> asked) throws IOException {
        Set<ObjectId> pending = new HashSet<>(selected);
        List<RevCommit> walked = new ArrayList<>();
        Map<RevCommit, List<String>> olderPaths = new HashMap<>();
        try (RevWalk walk = new RevWalk(reader); TreeWalk tree = new TreeWalk(reader)) {
            tree.setRecursive(true);
            tree.setFilter(asked == null || asked.isEmpty() ? TreeFilter.ANY_DIFF
                    : AndTreeFilter.create(PathFilterGroup.createFromStrings(asked), TreeFilter.ANY_DIFF));
            for (RevCommit start : selected) {
                walk.markStart(walk.parseCommit(start));
            }
            int olderSeen = 0;
            for (RevCommit commit : walk) {
                boolean wasSelected = pending.remove(commit);
                if (pending.isEmpty() && !wasSelected && ++olderSeen > limits.historyLookback()) {
                    break;
                }
                walked.add(commit);
                if (!wasSelected) {
                    // Empty commits ask for no path at all.
                    olderPaths.put(commit, asked != null && asked.isEmpty() ? List.of() : touchedPaths(tree, commit, shallow));
                }
            }
        }
        return new WalkedHistory(parentsFirst(walked), olderPaths);
    }

    /** The history's commits, parents first, and the paths of those older than the range. */
    private record WalkedHistory(List<RevCommit> parentsFirst, Map<RevCommit, List<String>> olderPaths) {
        /**
         * The entries, with the paths of the diffed commits (old and new path of a rename), and of the older ones
         * only those paths ({@code asked}, {@link #askedPaths}), the only ones whose past is asked for; none for a
         * shallow boundary's.
         */
        List<HistoryEntry> entries(List<CommitDiff> diffed, Set<String> asked) {
            Map<String, List<String>> known = new HashMap<>();
            for (CommitDiff commit : diffed) {
                known.put(commit.id(), pathsOf(commit));
            }
            List<HistoryEntry> entries = new ArrayList<>(parentsFirst.size());
            for (RevCommit commit : parentsFirst) {
                List<String> older = olderPaths.get(commit);
                List<String> paths = older == null ? known.getOrDefault(commit.name(), List.of())
                        : older.stream().filter(asked::contains).toList();
                entries.add(new HistoryEntry(commit.name(), commit.getAuthorIdent().getEmailAddress(),
                        commit.getAuthorIdent().getWhenAsInstant(), paths, commit.getShortMessage()));
            }
            return entries;
        }
    }

    /** The paths of a commit's files, the old and the new path of a rename. */
    private static List<String> pathsOf(CommitDiff commit) {
        List<String> paths = new ArrayList<>();
        for (FileDiff file : commit.files()) {
            if (file.oldPath() != null) {
                paths.add(file.oldPath());
            }
            paths.add(file.path());
        }
        return paths;
    }

    /** The paths whose past is asked for: those the diffed commits touch. */
    private static Set<String> askedPaths(List<CommitDiff> diffed) {
        Set<String> asked = new HashSet<>();
        for (CommitDiff commit : diffed) {
            asked.addAll(pathsOf(commit));
        }
        return asked;
    }

    /**
     * Commits oldest first, each after its parents among them. The walk gives them by commit time, and times tie (a
     * script's commits, a rebase, an import): read backwards, a root commit could come after its children, and
     * which one did would depend on where the walk started (a path filter changes that).
     */
    private static List<RevCommit> parentsFirst(List<RevCommit> newestFirst) {
        Map<RevCommit, Integer> walkIndex = new HashMap<>();
        for (int i = 0; i < newestFirst.size(); i++) {
            walkIndex.put(newestFirst.get(i), i);
        }
        Map<RevCommit, List<RevCommit>> children = new HashMap<>();
        Map<RevCommit, Integer> parentsWaiting = new HashMap<>();
        for (RevCommit commit : newestFirst) {
            int waiting = 0;
            for (RevCommit parent : commit.getParents()) {
                if (walkIndex.containsKey(parent)) {
                    children.computeIfAbsent(parent, p -> new ArrayList<>()).add(commit);
                    waiting++;
                }
            }
            parentsWaiting.put(commit, waiting);
        }
        // Among the commits whose parents are out, the oldest by time, then the latest in the walk (as before).
        PriorityQueue<RevCommit> ready = new PriorityQueue<>(Comparator.comparingInt(RevCommit::getCommitTime)
                .thenComparing(Comparator.comparingInt((RevCommit c) -> walkIndex.get(c)).reversed()));
        parentsWaiting.forEach((commit, waiting) -> {
            if (waiting == 0) {
                ready.add(commit);
            }
        });
        List<RevCommit> ordered = new ArrayList<>(newestFirst.size());
        while (!ready.isEmpty()) {
            RevCommit commit = ready.poll();
            ordered.add(commit);
            for (RevCommit child : children.getOrDefault(commit, List.of())) {
                if (parentsWaiting.merge(child, -1, Integer::sum) == 0) {
                    ready.add(child);
                }
            }
        }
        return ordered;
    }

    private List<String> touchedPaths(TreeWalk tree, RevCommit commit, Set<ObjectId> shallow) throws IOException {
        if (shallow.contains(commit)) {
            return List.of();
        }
        tree.reset();
        tree.addTree(commit.getParentCount() == 0 ? new EmptyTreeIterator() : CommitDiffer.treeOf(reader, walkParent(commit)));
        tree.addTree(commit.getTree());
        List<String> paths = new ArrayList<>();
        while (tree.next()) {
            paths.add(tree.getPathString());
        }
        return paths;
    }

    private RevCommit walkParent(RevCommit commit) throws IOException {
        RevCommit parent = commit.getParent(0);
        if (parent.getTree() == null) {
            try (RevWalk walk = new RevWalk(reader)) {
                return walk.parseCommit(parent);
            }
        }
        return parent;
    }

    /**
     * {@code --author}: the pattern is searched in "Name <email>", case-sensitively, as git does. (JGit's
     * AuthorRevFilter ignores case and never matches a pattern anchored with ^ or $.)
     */
    private static final class AuthorFilter extends RevFilter {
        private final Pattern pattern;

        AuthorFilter(Pattern pattern) {
            this.pattern = pattern;
        }

        @Override
        public boolean include(RevWalk walker, RevCommit commit) {
            PersonIdent author = commit.getAuthorIdent();
            return author != null && pattern.matcher(author.getName() + " <" + author.getEmailAddress() + ">").find();
        }

        @Override
        public RevFilter clone() {
            return this;
        }

        @Override
        public boolean requiresCommitBody() {
            return true;
        }
    }

    /** Told how far a read has come. */
    @FunctionalInterface
    public interface ReadProgress {
        ReadProgress NONE = (done, total) -> { };

        void commitRead(int done, int total);

        /** The commits to be read, told once before their diffs: work that needs only their ids can start. */
        default void selected(List<String> commitIds) {
        }
    }

    @Override
    public void close() {
        reader.close();
    }
}
