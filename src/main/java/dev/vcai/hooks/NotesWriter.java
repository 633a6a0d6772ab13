package dev.vcai.hooks;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.notes.NoteMap;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Adds notes under {@value #REF} with a compare-and-swap ref update: read the notes commit, add ours, write a new
 * commit on top, and move the ref only if nobody moved it meanwhile; otherwise start again from the newer commit.
 * Concurrent pushes therefore never lose a note. A commit that already has a note keeps it.
 */
public final class NotesWriter {
    public static final String REF = "refs/notes/vcai";
    private static final int ATTEMPTS = 50;

    private NotesWriter() {
    }

    /** The vcai notes as they are now (empty when there are none). */
    public static NoteMap current(Repository repository) throws IOException {
        Ref ref = repository.exactRef(REF);
        if (ref == null) {
            return NoteMap.newEmptyMap();
        }
        try (RevWalk walk = new RevWalk(repository)) {
            return NoteMap.read(walk.getObjectReader(), walk.parseCommit(ref.getObjectId()));
        }
    }

    /** @return how many notes were added (commits that had one already are skipped) */
    public static int add(Repository repository, Map<ObjectId, String> notes) throws IOException {
        for (int attempt = 1; ; attempt++) {
            repository.getRefDatabase().refresh();
            Ref current = repository.exactRef(REF);
            try (ObjectInserter inserter = repository.newObjectInserter();
                 ObjectReader reader = inserter.newReader();
                 RevWalk walk = new RevWalk(reader)) {
                RevCommit parent = current == null ? null : walk.parseCommit(current.getObjectId());
                NoteMap map = parent == null ? NoteMap.newEmptyMap() : NoteMap.read(reader, parent);
                int added = 0;
                for (Map.Entry<ObjectId, String> note : notes.entrySet()) {
                    if (!map.contains(note.getKey())) {
                        map.set(note.getKey(), note.getValue(), inserter);
                        added++;
                    }
                }
                if (added == 0) {
                    return 0;
                }
                CommitBuilder commit = new CommitBuilder();
                commit.setTreeId(map.writeTree(inserter));
                if (parent != null) {
                    commit.setParentId(parent);
                }
                PersonIdent vcai = new PersonIdent("vcai", "vcai@localhost");
                commit.setAuthor(vcai);
                commit.setCommitter(vcai);
                commit.setMessage("vcai: notes for " + added + " commit(s)\n");
                ObjectId id = inserter.insert(commit);
                inserter.flush();
                RefUpdate update = repository.updateRef(REF);
                update.setNewObjectId(id);
                update.setExpectedOldObjectId(parent == null ? ObjectId.zeroId() : parent);
                update.setRefLogMessage("vcai: notes", false);
                RefUpdate.Result result = update.update(walk);
                if (result == RefUpdate.Result.NEW || result == RefUpdate.Result.FAST_FORWARD || result == RefUpdate.Result.FORCED) {
                    return added;
                }
                if (attempt >= ATTEMPTS) {
                    throw new IOException("could not update " + REF + " after " + ATTEMPTS + " attempts (last: " + result + ")");
                }
            }
            sleep(attempt);
        }
    }

    private static void sleep(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(5, 20L * Math.min(attempt, 10)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The note of a commit, or null. */
    public static String read(Repository repository, ObjectId commit) throws IOException {
        ObjectId blob = current(repository).get(commit);
        if (blob == null) {
            return null;
        }
        try (ObjectReader reader = repository.newObjectReader()) {
            return new String(reader.open(blob, Constants.OBJ_BLOB).getBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
