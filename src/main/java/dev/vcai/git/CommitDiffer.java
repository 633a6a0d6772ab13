package dev.vcai.git;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
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
import org.eclipse.jgit.lib.ConfigConstants;
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
import org.eclipse.jgit.util.IntList;
import org.eclipse.jgit.util.RawParseUtils;

/**
 * Diffs commits one after another with one {@link ObjectReader}, one {@link RevWalk} and one {@link DiffFormatter},
 * reused along the range: each commit against its first parent (root commits against the empty tree) with rename
 * detection. The files whose text the model's sample takes are formatted and counted as the patch streams by; the
 * rest are counted from their edit lists, so that every file is diffed once. Not thread-safe: {@link CommitReader}
 * gives each of its threads its own.
 */
final class CommitDiffer implements AutoCloseable {
    /** How much of a file git reads to tell binary from text. */
    private static final int GIT_BINARY_PROBE = 8000;

    private final DiffLimits limits;
    private final ObjectReader reader;
    private final RevWalk walk;
    private final PatchCounter patch = new PatchCounter();
    private final DiffFormatter formatter;
    /** The formatter's algorithm (diff.algorithm, histogram by default), for the files counted without it. */
    private final DiffAlgorithm algorithm;

    CommitDiffer(Repository repository, DiffLimits limits) {
        this.limits = limits;
        this.reader = repository.newObjectReader();
        this.walk = new RevWalk(reader);
        this.formatter = new SampleFormatter(patch);
        formatter.setReader(reader, repository.getConfig());
        formatter.setDetectRenames(true);
        formatter.setContext(1);
        formatter.setQuotePaths(false);
        formatter.setBinaryFileThreshold(limits.maxPatchBytes());
        this.algorithm = DiffAlgorithm.getAlgorithm(repository.getConfig().getEnum(ConfigConstants.CONFIG_DIFF_SECTION, null,
                ConfigConstants.CONFIG_KEY_ALGORITHM, DiffAlgorithm.SupportedAlgorithm.HISTOGRAM));
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
                files.add(fileDiff(entry, -1, -1, false, submodule, true, 0, false, false));
                continue;
            }
            CommentSyntax comments = commentSyntax(entry);
            boolean inlineTests = !submodule && InlineTests.possibleIn(pathOf(entry));
            patch.startFile(comments, inlineTests);
            FileDiff file = patch.sampleFull() && !submodule ? counted(entry, comments, inlineTests)
                    : formatted(entry, submodule, comments, inlineTests);
            capped |= file.capped();
            files.add(file);
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

    /**
     * The formatter, its index lines naming each blob by the first seven digits of its id. JGit's own abbreviates as
     * git does, to the shortest prefix no other object shares, which looks the prefix up in the pack indexes and
     * lists the loose objects' directory: 31 of the formatter's 405 ms of CPU on okhttp's 1,000 commits, for a line
     * the model reads no meaning in, and whose prefix grows only where another object has the same seven digits.
     */
    private static final class SampleFormatter extends DiffFormatter {
        private static final int ABBREVIATION = 7;

        SampleFormatter(OutputStream out) {
            super(out);
        }

        @Override
        protected void formatIndexLine(OutputStream out, DiffEntry entry) throws IOException {
            out.write(Constants.encodeASCII("index " + entry.getOldId().name().substring(0, ABBREVIATION) + ".."
                    + entry.getNewId().name().substring(0, ABBREVIATION)));
            if (entry.getOldMode().equals(entry.getNewMode())) {
                out.write(' ');
                entry.getNewMode().copyTo(out);
            }
            out.write('\n');
        }
    }

    /** A file whose patch text goes into the model's sample: the formatter writes it, counted as it streams by. */
    private FileDiff formatted(DiffEntry entry, boolean submodule, CommentSyntax comments, boolean inlineTests) throws IOException {
        boolean capped = false;
        try {
            formatter.format(entry);
            formatter.flush();
        } catch (PatchCounter.BudgetSpent e) {
            capped = true;
        }
        if (!patch.binary()) {
            boolean commentsOnly = !capped && patch.mayBeComments() && patch.added() + patch.deleted() > 0
                    && comments.sameCode(blob(entry, DiffEntry.Side.OLD), blob(entry, DiffEntry.Side.NEW));
            boolean changesTests = inlineTests && (patch.testAttribute() || changesTestItems(entry, patch.oldChanged(), patch.newChanged()));
            return fileDiff(entry, patch.added(), patch.deleted(), false, submodule, capped, patch.credentials(), commentsOnly,
                    changesTests);
        }
        if (tooLargeToDiff(entry)) {
            // The formatter calls every file above the threshold binary; git would still count a text file's lines.
            return fileDiff(entry, -1, -1, holdsBinary(entry), submodule, true, 0, false, false);
        }
        if (!submodule && !holdsBinary(entry)) {
            // JGit also calls text with a lone CR (classic Mac line ends) binary; git looks for a NUL only.
            return counted(entry, comments, inlineTests);
        }
        return fileDiff(entry, -1, -1, true, submodule, capped, 0, false, false);
    }

    /** How a modified file's language writes comments, when vcai knows it: null for any other change or file. */
    private static CommentSyntax commentSyntax(DiffEntry entry) {
        boolean modifiedFile = entry.getChangeType() == DiffEntry.ChangeType.MODIFY && isFile(entry.getOldMode()) && isFile(entry.getNewMode());
        return modifiedFile ? CommentSyntax.of(entry.getNewPath()) : null;
    }

    private static boolean isFile(FileMode mode) {
        return mode == FileMode.REGULAR_FILE || mode == FileMode.EXECUTABLE_FILE;
    }

    /**
     * A file counted from its edit list alone, without the patch text: past the model's sample nothing reads the
     * text, and writing it cost a sixth of the diffing (headers with abbreviated ids, every line copied twice).
     * Binary as git decides it: a NUL among either side's first 8,000 bytes. The changed lines spend the commit's
     * patch budget as the formatter's text would, so a file that exhausts it is counted in part.
     */
    private FileDiff counted(DiffEntry entry, CommentSyntax comments, boolean inlineTests) throws IOException {
        if (tooLargeToDiff(entry)) {
            return fileDiff(entry, -1, -1, holdsBinary(entry), false, true, 0, false, false);
        }
        byte[] old = blob(entry, DiffEntry.Side.OLD);
        byte[] now = blob(entry, DiffEntry.Side.NEW);
        if (startsBinary(old) || startsBinary(now)) {
            return fileDiff(entry, -1, -1, true, false, false, 0, false, false);
        }
        RawText a = new RawText(old);
        RawText b = new RawText(now);
        int added = 0;
        int deleted = 0;
        int credentials = 0;
        boolean mayBeComments = comments != null;
        EditList edits = algorithm.diff(RawTextComparator.DEFAULT, a, b);
        boolean changesTests = inlineTests && changesInlineTests(old, now, a, b, edits);
        for (Edit edit : edits) {
            for (int line = edit.getBeginA(); line < edit.getEndA(); line++) {
                ByteBuffer text = a.getRawString(line);
                if (!patch.spend(lineBytes(text))) {
                    return fileDiff(entry, added, deleted, false, false, true, credentials, false, changesTests);
                }
                deleted++;
                mayBeComments = mayBeComments && mayBeComment(comments, text);
            }
            for (int line = edit.getBeginB(); line < edit.getEndB(); line++) {
                ByteBuffer text = b.getRawString(line);
                if (!patch.spend(lineBytes(text))) {
                    return fileDiff(entry, added, deleted, false, false, true, credentials, false, changesTests);
                }
                added++;
                if (Credentials.foundInLine(text.array(), text.arrayOffset() + text.position(), text.remaining())) {
                    credentials++;
                }
                mayBeComments = mayBeComments && mayBeComment(comments, text);
            }
        }
        boolean commentsOnly = mayBeComments && added + deleted > 0 && comments.sameCode(old, now);
        return fileDiff(entry, added, deleted, false, false, false, credentials, commentsOnly, changesTests);
    }

    /** For a file the formatter wrote: whether its changed lines, as the patch counter kept them, lie in test items. */
    private boolean changesTestItems(DiffEntry entry, IntList oldChanged, IntList newChanged) throws IOException {
        // A side with no changed line is not read.
        return oldChanged.size() > 0 && InlineTests.anyInTestItems(blob(entry, DiffEntry.Side.OLD), oldChanged)
                || newChanged.size() > 0 && InlineTests.anyInTestItems(blob(entry, DiffEntry.Side.NEW), newChanged);
    }

    /**
     * Whether a Rust file's edits change its tests: a changed test attribute, or a changed line inside an item only
     * a test build compiles, in either version ({@link InlineTests}).
     */
    private static boolean changesInlineTests(byte[] old, byte[] now, RawText a, RawText b, List<Edit> edits) {
        IntList oldChanged = new IntList();
        IntList newChanged = new IntList();
        for (Edit edit : edits) {
            if (marksTest(a, edit.getBeginA(), edit.getEndA(), oldChanged) || marksTest(b, edit.getBeginB(), edit.getEndB(), newChanged)) {
                return true;
            }
        }
        return InlineTests.anyInTestItems(old, oldChanged) || InlineTests.anyInTestItems(now, newChanged);
    }

    /** Whether one of the lines is a test attribute; each is added to {@code changed} on the way. */
    private static boolean marksTest(RawText text, int from, int to, IntList changed) {
        for (int line = from; line < to; line++) {
            changed.add(line);
            ByteBuffer raw = text.getRawString(line);
            int start = raw.arrayOffset() + raw.position();
            if (InlineTests.marksTest(raw.array(), start, start + raw.remaining())) {
                return true;
            }
        }
        return false;
    }

    private static boolean mayBeComment(CommentSyntax comments, ByteBuffer line) {
        int from = line.arrayOffset() + line.position();
        return comments.mayBeComment(line.array(), from, from + line.remaining());
    }

    /** A changed line's bytes in a patch: its sign, its text (without its end of line) and its end of line. */
    private static int lineBytes(ByteBuffer text) {
        return text.remaining() + 2;
    }

    /** A side's blob, or nothing for the side of an added or deleted file (and of a submodule). */
    private byte[] blob(DiffEntry entry, DiffEntry.Side side) throws IOException {
        ObjectId id = blobId(entry, side);
        return id == null ? new byte[0] : reader.open(id, Constants.OBJ_BLOB).getCachedBytes(limits.maxPatchBytes());
    }

    /** The id of a side's blob; null for the missing side of an added or deleted file, and for a submodule or a tree. */
    private static ObjectId blobId(DiffEntry entry, DiffEntry.Side side) {
        ObjectId id = entry.getId(side).toObjectId();
        return id == null || ObjectId.zeroId().equals(id) || entry.getMode(side).getObjectType() != Constants.OBJ_BLOB ? null : id;
    }

    /** Git's test for binary content: a NUL among the first 8,000 bytes. */
    private static boolean startsBinary(byte[] content) {
        for (int i = 0, end = Math.min(content.length, GIT_BINARY_PROBE); i < end; i++) {
            if (content[i] == 0) {
                return true;
            }
        }
        return false;
    }

    /** Whether either side's blob looks binary to git: a NUL byte among its first 8,000 bytes. */
    private boolean holdsBinary(DiffEntry entry) throws IOException {
        for (DiffEntry.Side side : DiffEntry.Side.values()) {
            ObjectId id = blobId(entry, side);
            if (id != null) {
                try (InputStream in = reader.open(id, Constants.OBJ_BLOB).openStream()) {
                    if (startsBinary(in.readNBytes(GIT_BINARY_PROBE))) {
                        return true;
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
                        binary, file.submodule() || next.submodule(), file.capped() || next.capped(), next.credentials(), false,
                        file.changesTests() || next.changesTests()));
                i++;
            } else {
                joined.add(file);
            }
        }
        return joined;
    }

    private boolean tooLargeToDiff(DiffEntry entry) throws IOException {
        for (DiffEntry.Side side : DiffEntry.Side.values()) {
            ObjectId id = blobId(entry, side);
            if (id != null && reader.getObjectSize(id, Constants.OBJ_BLOB) > limits.maxPatchBytes()) {
                return true;
            }
        }
        return false;
    }

    /** The path git's numstat names a file by: a deleted file's old one, else its new one. */
    private static String pathOf(DiffEntry entry) {
        return entry.getChangeType() == DiffEntry.ChangeType.DELETE ? entry.getOldPath() : entry.getNewPath();
    }

    private static FileDiff fileDiff(DiffEntry entry, int added, int deleted, boolean binary, boolean submodule, boolean capped,
                                     int credentials, boolean commentsOnly, boolean changesTests) {
        DiffEntry.ChangeType type = entry.getChangeType();
        String path = pathOf(entry);
        String oldPath = type == DiffEntry.ChangeType.RENAME || type == DiffEntry.ChangeType.COPY ? entry.getOldPath() : null;
        char status = switch (type) {
            case ADD -> 'A';
            case DELETE -> 'D';
            case RENAME -> 'R';
            case COPY -> 'C';
            case MODIFY -> entry.getOldMode().getObjectType() != entry.getNewMode().getObjectType()
                    || isSymlink(entry.getOldMode()) != isSymlink(entry.getNewMode()) ? 'T' : 'M';
        };
        return new FileDiff(path, oldPath, status, added, deleted, binary, submodule, capped, credentials, commentsOnly, changesTests);
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
