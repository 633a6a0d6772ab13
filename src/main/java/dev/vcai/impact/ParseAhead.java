package dev.vcai.impact;

import dev.vcai.impact.lang.Language;
import dev.vcai.impact.lang.SourceFacts;
import dev.vcai.impact.lang.SourceReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.eclipse.jgit.errors.LargeObjectException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;

/**
 * Reads and parses file versions in chunks, in the order given, on the common pool's workers and on the thread that
 * waits for them: the graph moves commit by commit on one thread while the other cores parse the files of the
 * commits ahead. A chunk is run by whoever claims it first: a worker, or the waiting thread when it needs a chunk
 * nobody has started (and, while a worker finishes one it needs, the next nobody has). A reader serves one thread:
 * each worker opens its own, the waiting thread uses the one given (whose thread it must be).
 */
final class ParseAhead {
    private static final int CHUNK = 16;
    private final ObjectReader reader;
    private final List<Snapshot.Change> pending;
    private final Map<ObjectId, SourceFacts> into;
    private final Map<ObjectId, Integer> chunkOf = new HashMap<>();
    private final AtomicIntegerArray claimed;
    private final CompletableFuture<?>[] done;
    private final AtomicInteger next = new AtomicInteger();

    private ParseAhead(ObjectReader reader, List<Snapshot.Change> pending, Map<ObjectId, SourceFacts> into) {
        this.reader = reader;
        this.pending = pending;
        this.into = into;
        int chunks = (pending.size() + CHUNK - 1) / CHUNK;
        this.claimed = new AtomicIntegerArray(chunks);
        this.done = new CompletableFuture<?>[chunks];
        for (int k = 0; k < chunks; k++) {
            done[k] = new CompletableFuture<Void>();
        }
        for (int i = 0; i < pending.size(); i++) {
            chunkOf.putIfAbsent(pending.get(i).newBlob(), i / CHUNK);
        }
    }

    /** Starts parsing new versions (each blob once) into a map that threads may read while it fills. */
    static ParseAhead start(ObjectReader reader, List<Snapshot.Change> pending, Map<ObjectId, SourceFacts> into) {
        ParseAhead ahead = new ParseAhead(reader, pending, into);
        int workers = Math.min(ForkJoinPool.getCommonPoolParallelism(), ahead.done.length - 1);
        for (int w = 0; w < workers; w++) {
            ForkJoinPool.commonPool().execute(ahead::work);
        }
        return ahead;
    }

    int size() {
        return pending.size();
    }

    /** Waits until a blob's facts are in the map, if it is one of these (parsing its chunk here if nobody has). */
    void await(ObjectId blob) throws IOException {
        Integer chunk = chunkOf.get(blob);
        if (chunk != null) {
            await(chunk);
        }
    }

    void awaitAll() throws IOException {
        for (int k = 0; k < done.length; k++) {
            await(k);
        }
    }

    /** Leaves the chunks nobody has started (the caller stops early, on an error). */
    void cancel() {
        next.set(done.length);
    }

    private void await(int chunk) throws IOException {
        run(chunk, reader);
        // While a worker finishes this chunk, parse the next one nobody has started rather than wait idle.
        for (int k = next.get(); !done[chunk].isDone() && k < done.length; k = next.get()) {
            if (next.compareAndSet(k, k + 1)) {
                run(k, reader);
            }
        }
        try {
            done[chunk].join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    private void work() {
        try (ObjectReader own = reader.newReader()) {
            for (int k = next.getAndIncrement(); k < done.length; k = next.getAndIncrement()) {
                run(k, own);
            }
        }
    }

    private void run(int chunk, ObjectReader using) {
        if (!claimed.compareAndSet(chunk, 0, 1)) {
            return;
        }
        try {
            for (Snapshot.Change c : pending.subList(chunk * CHUNK, Math.min(pending.size(), (chunk + 1) * CHUNK))) {
                into.put(c.newBlob(), read(using, c));
            }
            done[chunk].complete(null);
        } catch (IOException e) {
            done[chunk].completeExceptionally(new UncheckedIOException(e));
        } catch (RuntimeException e) {
            done[chunk].completeExceptionally(e);
        }
    }

    static SourceFacts read(ObjectReader reader, Snapshot.Change c) throws IOException {
        byte[] content;
        try {
            content = reader.open(c.newBlob()).getCachedBytes(SourceReader.MAX_BYTES);
        } catch (LargeObjectException e) {
            return new SourceFacts(Language.of(c.path()), List.of(), List.of(), false);
        }
        return SourceReader.read(c.path(), content);
    }
}
