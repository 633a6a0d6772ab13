package dev.vcai.git;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.diff.DiffAlgorithm;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;
import org.eclipse.jgit.lib.AbbreviatedObjectId;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.AbstractTreeIterator;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.util.RawParseUtils;

/**
 * Diffs commits one after another with one {@link ObjectReader}, one {@link RevWalk} and one {@link DiffFormatter},
 * reused along the range: each commit against its first parent (root commits against the empty tree) with rename
 * detection, the patch text counted as it streams by so that numstat and the model's sample come from a single
 * diff. Not thread-safe: {@link CommitReader} gives each of its threads its own.
 */
final class CommitDiffer implements AutoCloseable {
    private final DiffLimits limits;
    private final ObjectReader reader;
    private final RevWalk walk;
    private final PatchCounter patch = new PatchCounter();
    private final DiffFormatter formatter;

    CommitDiffer(Repository repository, DiffLimits limits) {
        this.limits = limits;
        this.reader = repository.newObjectReader();
        this.walk = new RevWalk(reader);
        this.formatter = new DiffFormatter(patch);
        formatter.setReader(reader, repository.getConfig());
        formatter.setDetectRenames(true);
        formatter.setContext(1);
        formatter.setQuotePaths(false);
        formatter.setBinaryFileThreshold(limits.maxPatchBytes());
    }

    CommitDiff diff(AnyObjectId id) throws IOException {
        RevCommit commit = walk.parseCommit(id);
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
        return treeOf(reader, commit);
    }

    /** A commit's tree for a diff; the empty tree for none (a root commit's parent). */
    static AbstractTreeIterator treeOf(ObjectReader reader, RevCommit commit) throws IOException {
        if (commit == null) {
            return new EmptyTreeIterator();
        }
        CanonicalTreeParser parser = new CanonicalTreeParser();
        parser.reset(reader, commit.getTree());
        return parser;
    }

    @Override
    public void close() {
        formatter.close();
        walk.close();
        reader.close();
    }
}
