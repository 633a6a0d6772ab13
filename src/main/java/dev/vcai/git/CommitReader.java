package dev.vcai.git;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.ZipException;
import org.eclipse.jgit.diff.DiffAlgorithm;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;
import org.eclipse.jgit.errors.CorruptObjectException;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.errors.RevWalkException;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.AbbreviatedObjectId;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.filter.AndRevFilter;
import org.eclipse.jgit.revwalk.filter.CommitTimeRevFilter;
import org.eclipse.jgit.revwalk.filter.RevFilter;
import org.eclipse.jgit.treewalk.AbstractTreeIterator;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.AndTreeFilter;
import org.eclipse.jgit.treewalk.filter.PathFilterGroup;
import org.eclipse.jgit.treewalk.filter.TreeFilter;
import org.eclipse.jgit.util.RawParseUtils;

/**
 * Reads a range of commits with their diffs. The entry point of this package.
 *
 * <p>One {@link ObjectReader} and one {@link DiffFormatter} serve the whole range: every commit is diffed
 * against its first parent (root commits against the empty tree) with rename detection, and the patch text
 * is counted as it streams by, so that numstat and the model's sample come from a single diff.
 */
public final class CommitReader implements AutoCloseable {
    private final Repository repository;
    private final DiffLimits limits;
    private final ObjectReader reader;
    private final PatchCounter patch = new PatchCounter();
    private final DiffFormatter formatter;

    public CommitReader(Repository repository, DiffLimits limits) {
        this.repository = repository;
        this.limits = limits;
        this.reader = repository.newObjectReader();
        this.formatter = new DiffFormatter(patch);
        formatter.setReader(reader, repository.getConfig());
        formatter.setDetectRenames(true);
        formatter.setContext(1);
        formatter.setQuotePaths(false);
        formatter.setBinaryFileThreshold(limits.maxPatchBytes());
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
            List<CommitDiff> commits = new ArrayList<>(selected.size());
            List<String> boundary = new ArrayList<>();
            for (RevCommit commit : selected) {
                if (shallow.contains(commit)) {
                    boundary.add(commit.name());
                    continue;
                }
                commits.add(diff(walk, commit));
                progress.commitRead(commits.size() + boundary.size(), selected.size());
            }
            if (commits.isEmpty()) {
                if (!boundary.isEmpty()) {
                    throw new GitError(GitError.Kind.SHALLOW_BOUNDARY, "the range stops at the shallow clone's boundary ("
                            + boundary.get(0).substring(0, 10) + "), whose parent is missing; deepen the clone with 'git fetch --deepen=N' or '--unshallow'");
                }
                throw new GitError(GitError.Kind.EMPTY_RANGE, "no commits in the range " + describe(query)
                        + "; check the revisions and filters (git log " + describe(query) + " shows the same)");
            }
            return new RangeRead(commits, history(selected, shallow), boundary);
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

    private GitError readError(IOException e) {
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
            filters.add(CommitTimeRevFilter.after(query.since()));
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
        ObjectId id;
        try {
            id = repository.resolve(revision + "^{commit}");
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

    private static String describe(LogQuery query) {
        StringBuilder text = new StringBuilder(query.revisions().isEmpty() ? "HEAD" : String.join(" ", query.revisions()));
        if (query.since() != null) {
            text.append(" --since=").append(query.since());
        }
        if (query.author() != null) {
            text.append(" --author=").append(query.author());
        }
        if (!query.paths().isEmpty()) {
            text.append(" -- ").append(String.join(" ", query.paths()));
        }
        return text.toString();
    }

    private CommitDiff diff(RevWalk walk, RevCommit commit) throws IOException {
        RevCommit parent = commit.getParentCount() > 0 ? walk.parseCommit(commit.getParent(0)) : null;
        List<DiffEntry> entries = withoutCopies(formatter.scan(treeOf(parent), treeOf(commit)));
        patch.startCommit(limits.sampleChars(), limits.maxPatchBytes());
        List<FileDiff> files = new ArrayList<>(entries.size());
        boolean capped = false;
        for (int i = 0; i < entries.size(); i++) {
            DiffEntry entry = entries.get(i);
            boolean submodule = entry.getOldMode() == FileMode.GITLINK || entry.getNewMode() == FileMode.GITLINK;
            if (i >= limits.maxFiles() || patch.budgetSpent()) {
                capped = true;
                files.add(fileDiff(entry, -1, -1, false, submodule, true, 0));
                continue;
            }
            patch.startFile();
            boolean fileCapped = false;
            try {
                formatter.format(entry);
                formatter.flush();
            } catch (PatchCounter.BudgetSpent e) {
                fileCapped = true;
                capped = true;
            }
            boolean binary = patch.binary();
            boolean counted = !binary;
            int[] counts = {patch.added(), patch.deleted(), patch.credentials()};
            if (binary && tooLargeToDiff(entry)) {
                // The formatter calls every file above the threshold binary; git would still count a text file's lines.
                fileCapped = true;
                capped = true;
                binary = holdsBinary(entry);
            } else if (binary && !submodule && !holdsBinary(entry)) {
                // JGit also calls text with a lone CR (classic Mac line ends) binary; git looks for a NUL only.
                binary = false;
                counted = true;
                counts = countLines(entry);
            }
            files.add(counted
                    ? fileDiff(entry, counts[0], counts[1], false, submodule, fileCapped, counts[2])
                    : fileDiff(entry, -1, -1, binary, submodule, fileCapped, 0));
        }
        files = joinTypeChanges(files);
        String message = commit.getFullMessage();
        String subject = commit.getShortMessage();
        int bodyStart = message.indexOf("\n\n");
        String body = bodyStart < 0 ? "" : message.substring(bodyStart + 2).strip();
        String sample = RawParseUtils.decode(StandardCharsets.UTF_8, patch.sample());
        if (sample.length() > limits.sampleChars()) {
            sample = sample.substring(0, limits.sampleChars());
        }
        return new CommitDiff(commit.name(), subject, body, commit.getAuthorIdent().getName(),
                commit.getAuthorIdent().getEmailAddress(), commit.getAuthorIdent().getWhenAsInstant(),
                commit.getCommitterIdent().getWhenAsInstant(), commit.getParentCount(), files, sample, capped);
    }

    /**
     * JGit's rename detection turns the second destination of one deleted source into a copy; {@code git log -M}
     * looks for renames only and reports that file as added, counting all of its lines.
     */
    private static List<DiffEntry> withoutCopies(List<DiffEntry> entries) {
        List<DiffEntry> result = new ArrayList<>(entries.size());
        for (DiffEntry entry : entries) {
            result.add(entry.getChangeType() == DiffEntry.ChangeType.COPY ? new Added(entry) : entry);
        }
        return result;
    }

    /** The new side of a copy, as an added file. */
    private static final class Added extends DiffEntry {
        Added(DiffEntry copy) {
            changeType = ChangeType.ADD;
            oldPath = DEV_NULL;
            oldMode = FileMode.MISSING;
            oldId = AbbreviatedObjectId.fromObjectId(ObjectId.zeroId());
            newPath = copy.getNewPath();
            newMode = copy.getNewMode();
            newId = copy.getNewId();
        }
    }

    /** Lines added, lines deleted and added lines holding a credential, for a text file the formatter would not diff. */
    private int[] countLines(DiffEntry entry) throws IOException {
        RawText a = text(entry, DiffEntry.Side.OLD);
        RawText b = text(entry, DiffEntry.Side.NEW);
        EditList edits = DiffAlgorithm.getAlgorithm(DiffAlgorithm.SupportedAlgorithm.HISTOGRAM).diff(RawTextComparator.DEFAULT, a, b);
        int[] counts = new int[3];
        for (Edit edit : edits) {
            counts[0] += edit.getLengthB();
            counts[1] += edit.getLengthA();
            for (int line = edit.getBeginB(); line < edit.getEndB(); line++) {
                if (Credentials.found(b.getString(line))) {
                    counts[2]++;
                }
            }
        }
        return counts;
    }

    private RawText text(DiffEntry entry, DiffEntry.Side side) throws IOException {
        ObjectId id = entry.getId(side).toObjectId();
        if (id == null || ObjectId.zeroId().equals(id) || entry.getMode(side).getObjectType() != Constants.OBJ_BLOB) {
            return RawText.EMPTY_TEXT;
        }
        return new RawText(reader.open(id, Constants.OBJ_BLOB).getCachedBytes(limits.maxPatchBytes()));
    }

    /** Whether either side's blob looks binary to git: a NUL byte among its first 8,000 bytes. */
    private boolean holdsBinary(DiffEntry entry) throws IOException {
        for (DiffEntry.Side side : DiffEntry.Side.values()) {
            ObjectId id = entry.getId(side).toObjectId();
            if (id != null && !ObjectId.zeroId().equals(id) && entry.getMode(side).getObjectType() == Constants.OBJ_BLOB) {
                try (InputStream in = reader.open(id, Constants.OBJ_BLOB).openStream()) {
                    byte[] start = in.readNBytes(8000);
                    for (byte b : start) {
                        if (b == 0) {
                            return true;
                        }
                    }
                }
            }
        }
        return false;
    }

    /**
     * Rename detection splits a change of a path's type (a file becoming a symlink or a submodule) into a deletion
     * followed by an addition of the same path; git reports one T entry, counting the old lines as deleted and the
     * new ones as added.
     */
    private static List<FileDiff> joinTypeChanges(List<FileDiff> files) {
        List<FileDiff> joined = new ArrayList<>(files.size());
        for (int i = 0; i < files.size(); i++) {
            FileDiff file = files.get(i);
            FileDiff next = i + 1 < files.size() ? files.get(i + 1) : null;
            if (file.status() == 'D' && next != null && next.status() == 'A' && next.path().equals(file.path())) {
                boolean binary = file.binary() || next.binary();
                boolean counted = !binary && file.deleted() >= 0 && next.added() >= 0;
                joined.add(new FileDiff(file.path(), null, 'T', counted ? next.added() : -1, counted ? file.deleted() : -1,
                        binary, file.submodule() || next.submodule(), file.capped() || next.capped(), next.credentials()));
                i++;
            } else {
                joined.add(file);
            }
        }
        return joined;
    }

    private boolean tooLargeToDiff(DiffEntry entry) throws IOException {
        for (DiffEntry.Side side : DiffEntry.Side.values()) {
            ObjectId id = entry.getId(side).toObjectId();
            if (id != null && !ObjectId.zeroId().equals(id) && entry.getMode(side).getObjectType() == Constants.OBJ_BLOB
                    && reader.getObjectSize(id, Constants.OBJ_BLOB) > limits.maxPatchBytes()) {
                return true;
            }
        }
        return false;
    }

    private static FileDiff fileDiff(DiffEntry entry, int added, int deleted, boolean binary, boolean submodule, boolean capped,
                                     int credentials) {
        DiffEntry.ChangeType type = entry.getChangeType();
        String path = type == DiffEntry.ChangeType.DELETE ? entry.getOldPath() : entry.getNewPath();
        String oldPath = type == DiffEntry.ChangeType.RENAME || type == DiffEntry.ChangeType.COPY ? entry.getOldPath() : null;
        char status = switch (type) {
            case ADD -> 'A';
            case DELETE -> 'D';
            case RENAME -> 'R';
            case COPY -> 'C';
            case MODIFY -> entry.getOldMode().getObjectType() != entry.getNewMode().getObjectType()
                    || isSymlink(entry.getOldMode()) != isSymlink(entry.getNewMode()) ? 'T' : 'M';
        };
        return new FileDiff(path, oldPath, status, added, deleted, binary, submodule, capped, credentials);
    }

    private static boolean isSymlink(FileMode mode) {
        return mode == FileMode.SYMLINK;
    }

    private AbstractTreeIterator treeOf(RevCommit commit) throws IOException {
        if (commit == null) {
            return new EmptyTreeIterator();
        }
        CanonicalTreeParser parser = new CanonicalTreeParser();
        parser.reset(reader, commit.getTree());
        return parser;
    }

    /**
     * The selected commits and the commits just before them, oldest first, by name only (no rename detection,
     * no contents): enough to know each file's age and past changes and each author's experience.
     */
    private List<HistoryEntry> history(List<RevCommit> selected, Set<ObjectId> shallow) throws IOException {
        Set<ObjectId> pending = new HashSet<>(selected);
        List<HistoryEntry> newestFirst = new ArrayList<>();
        try (RevWalk walk = new RevWalk(reader); TreeWalk tree = new TreeWalk(reader)) {
            tree.setRecursive(true);
            tree.setFilter(TreeFilter.ANY_DIFF);
            for (RevCommit start : selected) {
                walk.markStart(walk.parseCommit(start));
            }
            int olderSeen = 0;
            for (RevCommit commit : walk) {
                boolean wasSelected = pending.remove(commit);
                if (pending.isEmpty() && !wasSelected && ++olderSeen > limits.historyLookback()) {
                    break;
                }
                newestFirst.add(new HistoryEntry(commit.name(), commit.getAuthorIdent().getEmailAddress(),
                        commit.getAuthorIdent().getWhenAsInstant(), touchedPaths(tree, commit, shallow)));
            }
        }
        List<HistoryEntry> oldestFirst = new ArrayList<>(newestFirst.size());
        for (int i = newestFirst.size() - 1; i >= 0; i--) {
            oldestFirst.add(newestFirst.get(i));
        }
        return oldestFirst;
    }

    private List<String> touchedPaths(TreeWalk tree, RevCommit commit, Set<ObjectId> shallow) throws IOException {
        if (shallow.contains(commit)) {
            return List.of();
        }
        tree.reset();
        tree.addTree(commit.getParentCount() == 0 ? new EmptyTreeIterator() : treeOf(walkParent(commit)));
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
    }

    @Override
    public void close() {
        formatter.close();
        reader.close();
    }
}
