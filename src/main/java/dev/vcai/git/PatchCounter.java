package dev.vcai.git;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import org.eclipse.jgit.util.IntList;

/**
 * The stream a {@code DiffFormatter} writes one commit's patch into. It counts added and deleted lines per
 * file as they pass (so numstat costs no second diff), keeps the first characters as the model's sample, and
 * stops the formatter once the commit's byte budget is spent.
 */
final class PatchCounter extends OutputStream {
    /** Thrown into the formatter to stop it; never escapes {@link CommitReader}. */
    static final class BudgetSpent extends IOException {
        BudgetSpent() {
            super("patch budget spent");
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }

    private final ByteArrayOutputStream sample = new ByteArrayOutputStream();
    /** The start of the current line: long enough for "Binary files " and for a credential on an added line. */
    private final byte[] lineStart = new byte[1 + Credentials.LINE_BYTES];
    private int lineLength;
    private int sampleBytes;
    private long budget;
    private long written;
    private boolean inHunk;
    private boolean binary;
    private int added;
    private int deleted;
    private int credentials;
    private CommentSyntax comments;
    private boolean mayBeComments;
    /** For a file that can hold tests among its code: its changed lines (0-based) by version, and test attributes. */
    private boolean inlineTests;
    private final IntList oldChanged = new IntList();
    private final IntList newChanged = new IntList();
    private int oldLine;
    private int newLine;
    private boolean testAttribute;

    void startCommit(int sampleLimitBytes, long byteBudget) {
        sample.reset();
        sampleBytes = sampleLimitBytes;
        budget = byteBudget;
        written = 0;
    }

    /**
     * A file's patch follows; comments is how its language writes them (null: unknown, or not a modified file), and
     * inlineTests whether it can hold tests among its code ({@link InlineTests}), whose changed lines are then kept.
     */
    void startFile(CommentSyntax comments, boolean inlineTests) {
        this.comments = comments;
        mayBeComments = comments != null;
        this.inlineTests = inlineTests;
        oldChanged.clear();
        newChanged.clear();
        testAttribute = false;
        lineLength = 0;
        inHunk = false;
        binary = false;
        added = 0;
        deleted = 0;
        credentials = 0;
    }

    int credentials() {
        return credentials;
    }

    /** The file's deleted lines (0-based, ascending), kept for a file that can hold tests among its code. */
    IntList oldChanged() {
        return oldChanged;
    }

    /** The file's added lines (0-based, ascending), likewise. */
    IntList newChanged() {
        return newChanged;
    }

    /** Whether a changed line of such a file is a test attribute ({@link InlineTests#marksTest}). */
    boolean testAttribute() {
        return testAttribute;
    }

    /** Whether each changed line of the file could be a comment or blank ({@link CommentSyntax#mayBeComment}). */
    boolean mayBeComments() {
        return mayBeComments;
    }

    int added() {
        return added;
    }

    int deleted() {
        return deleted;
    }

    boolean binary() {
        return binary;
    }

    boolean budgetSpent() {
        return written >= budget;
    }

    /** Whether the model's sample has all its bytes: the rest of the patch is read by nobody. */
    boolean sampleFull() {
        return sample.size() >= sampleBytes;
    }

    /** Spends patch bytes that were counted without being written; false, spending nothing, once the budget is spent. */
    boolean spend(int bytes) {
        if (written >= budget) {
            return false;
        }
        written += bytes;
        return true;
    }

    byte[] sample() {
        return sample.toByteArray();
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        if (written >= budget) {
            throw new BudgetSpent();
        }
        int keep = Math.min(length, sampleBytes - sample.size());
        if (keep > 0) {
            sample.write(bytes, offset, keep);
        }
        written += length;
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            byte b = bytes[i];
            if (b == '\n') {
                endLine();
                lineLength = 0;
            } else if (lineLength < lineStart.length) {
                lineStart[lineLength++] = b;
            }
        }
    }

    private void endLine() {
        if (lineLength == 0) {
            return;
        }
        byte first = lineStart[0];
        if (inHunk) {
            if (first == '+') {
                added++;
                if (Credentials.foundInLine(lineStart, 1, lineLength - 1)) {
                    credentials++;
                }
                mayBeComments = mayBeComments && comments.mayBeComment(lineStart, 1, lineLength);
                if (inlineTests) {
                    newChanged.add(newLine++);
                    testAttribute = testAttribute || InlineTests.marksTest(lineStart, 1, lineLength);
                }
                return;
            }
            if (first == '-') {
                deleted++;
                mayBeComments = mayBeComments && comments.mayBeComment(lineStart, 1, lineLength);
                if (inlineTests) {
                    oldChanged.add(oldLine++);
                    testAttribute = testAttribute || InlineTests.marksTest(lineStart, 1, lineLength);
                }
                return;
            }
            if (first == ' ') {
                oldLine++;
                newLine++;
                return;
            }
        }
        if (startsWith("@@")) {
            inHunk = true;
            if (inlineTests) {
                hunkStarts();
            }
        } else if (!inHunk && startsWith("Binary files ")) {
            binary = true;
        }
    }

    /** "@@ -a,b +c,d @@": the hunk's first lines, 0-based (a count of 0 puts a's line before the hunk). */
    private void hunkStarts() {
        int i = 3;
        int[] starts = new int[2];
        for (int side = 0; side < 2; side++) {
            while (i < lineLength && (lineStart[i] < '0' || lineStart[i] > '9')) {
                i++;
            }
            int start = 0;
            while (i < lineLength && lineStart[i] >= '0' && lineStart[i] <= '9') {
                start = start * 10 + lineStart[i++] - '0';
            }
            int count = 1;
            if (i < lineLength && lineStart[i] == ',') {
                count = 0;
                for (i++; i < lineLength && lineStart[i] >= '0' && lineStart[i] <= '9'; i++) {
                    count = count * 10 + lineStart[i] - '0';
                }
            }
            starts[side] = count == 0 ? start : start - 1;
        }
        oldLine = starts[0];
        newLine = starts[1];
    }

    private boolean startsWith(String prefix) {
        if (lineLength < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (lineStart[i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
