package dev.vcai.hooks;

import dev.vcai.git.LogQuery;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Which commits of a ref update are new and must be analysed: {@code old..new} for a fast-forward, the new side
 * ({@code new ^old}) for a force push, and for a new ref the commits no existing ref reaches
 * ({@code git rev-list new --not --all}). Deletions and refs to non-commits select nothing.
 *
 * @param dropped commits a force push removes from the ref (0 otherwise)
 */
record RefSelection(RefChange change, LogQuery query, int dropped) {

    /**
     * @param otherRefs the refs the new commits are measured against: before the push (pre-receive) every ref, after
     *                  it (post-receive) every ref this push did not change
     */
    static RefSelection of(Repository repository, RefChange change, Collection<Ref> otherRefs) throws IOException {
        if (change.isDelete()) {
            return new RefSelection(change, null, 0);
        }
        try (RevWalk walk = new RevWalk(repository)) {
            RevObject peeled = walk.peel(walk.parseAny(change.newId()));
            if (!(peeled instanceof RevCommit newCommit)) {
                return new RefSelection(change, null, 0);
            }
            if (change.isCreate()) {
                List<String> revisions = new ArrayList<>();
                revisions.add(newCommit.name());
                Set<ObjectId> seen = new LinkedHashSet<>();
                for (Ref ref : otherRefs) {
                    if (ref.isSymbolic()) {
                        continue;
                    }
                    ObjectId id = ref.getPeeledObjectId() != null ? ref.getPeeledObjectId() : ref.getObjectId();
                    if (id != null && seen.add(id) && walk.peel(walk.parseAny(id)) instanceof RevCommit tip) {
                        revisions.add("^" + tip.name());
                    }
                }
                return new RefSelection(change, LogQuery.of(revisions.toArray(String[]::new)), 0);
            }
            RevObject oldPeeled = walk.peel(walk.parseAny(change.oldId()));
            if (!(oldPeeled instanceof RevCommit oldCommit)) {
                return new RefSelection(change, LogQuery.of(newCommit.name()), 0);
            }
            boolean fastForward = walk.isMergedInto(oldCommit, newCommit);
            return new RefSelection(change, LogQuery.of("^" + oldCommit.name(), newCommit.name()),
                    fastForward ? 0 : count(repository, newCommit, oldCommit));
        }
    }

    /** Commits reachable from {@code tip} but not from {@code base}. */
    private static int count(Repository repository, RevCommit base, RevCommit tip) throws IOException {
        try (RevWalk walk = new RevWalk(repository)) {
            walk.markStart(walk.parseCommit(tip));
            walk.markUninteresting(walk.parseCommit(base));
            int n = 0;
            for (RevCommit ignored : walk) {
                n++;
            }
            return n;
        }
    }
}
