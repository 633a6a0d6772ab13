package dev.vcai.impact;

import dev.vcai.impact.lang.Language;
import dev.vcai.impact.lang.SourceFacts;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;

/**
 * What the blast radius keeps on disk under {@code $GIT_DIR/vcai/impact/}, outside the object store, one file of
 * each kind per range, named by the tree id the range starts from:
 * <ul>
 * <li>{@code <tree>.facts.gz}: the parsed facts of every file version the range needed, by blob id, so that another
 * range over the same files parses nothing;</li>
 * <li>{@code <tree>.radii.gz}: the radii of the range's commits, so that the same range again (the post-receive hook
 * after pre-receive, a second {@code vcai analyze}) moves no graph at all, and a range sharing commits with an
 * earlier one measures only the others;</li>
 * <li>{@code <tree>.graph.gz}: the graph where a range left it, named by that tree (a range's tip), so that the next
 * range, which starts there (the next push, the same history a few commits on), does not build it again.</li>
 * </ul>
 * Gzipped, in {@link Encoder}'s encoding. A file that cannot be read is ignored (the work is done again); files are written to a temporary name and
 * renamed, so concurrent writers never expose half a file. Only the few most recent files of each kind are kept.
 */
final class ImpactCache {
    /** "vci3": the next number whenever the encoding or the facts of the same blob change (vci2 Kotlin's imports, vci3 the encoding). */
    private static final int MAGIC = 0x76636933;
    /**
     * "vcr6"; the next number whenever the radius computed from the same trees changes, so that older radii are not
     * served, or the encoding does (vcr3: files reached through a build file are listed, and the changed ones are not
     * counted; vcr4: a configuration file no declared module has reaches the source files under its directory; vcr5:
     * the keys before the radii; vcr6: the length of the ignored paths and keys before them).
     */
    private static final int RADII_MAGIC = 0x76637236;
    /**
     * "vcg1"; the next number whenever its encoding changes. A graph file also carries the two numbers above, since
     * its keys come from the facts and measure radii.
     */
    private static final int GRAPH_MAGIC = 0x76636731;
    private static final String FACTS = ".facts.gz";
    private static final String RADII = ".radii.gz";
    private static final String GRAPH = ".graph.gz";
    private static final int KEEP = 8;
    /**
     * Graphs are the largest files (every file of a tree, with its keys) and the newest serve: the next range starts
     * at the last one's tip. A few, since a rejected push leaves one too.
     */
    private static final int KEEP_GRAPHS = 4;
    private static final long ABANDONED_AFTER_MILLIS = 3_600_000;
    private final Path dir;

    ImpactCache(Path dir) {
        this.dir = dir;
    }

    /**
     * The facts saved for a range starting at this tree or, when there are none, the most recent ones: facts are
     * keyed by blob id, so facts saved for any range are right for every tree that holds the same blobs.
     */
    ConcurrentHashMap<ObjectId, SourceFacts> loadFacts(ObjectId baseTree) {
        Path file = dir.resolve(baseTree.name() + FACTS);
        if (!Files.isRegularFile(file)) {
            List<Path> caches = caches(FACTS);
            if (caches.isEmpty()) {
                return new ConcurrentHashMap<>();
            }
            file = caches.get(0);
        }
        return readFacts(file);
    }

    private static ConcurrentHashMap<ObjectId, SourceFacts> readFacts(Path file) {
        try {
            Decoder in = Decoder.ofGzipped(file);
            if (in.fixedInt() != MAGIC) {
                return new ConcurrentHashMap<>();
            }
            Language[] languages = Language.values();
            int count = in.count();
            ConcurrentHashMap<ObjectId, SourceFacts> facts = new ConcurrentHashMap<>(count * 2);
            for (int i = 0; i < count; i++) {
                ObjectId blob = in.objectId();
                Language language = languages[in.varint()];
                boolean parsed = in.bool();
                List<String> declared = in.strings();
                facts.put(blob, new SourceFacts(language, declared, in.strings(), parsed));
            }
            return facts;
        } catch (IOException | RuntimeException e) {
            return new ConcurrentHashMap<>(); // corrupt or from another version: parse again
        }
    }

    void saveFacts(ObjectId baseTree, Map<ObjectId, SourceFacts> facts) {
        save(baseTree, FACTS, file -> writeFacts(file, facts));
    }

    /**
     * The radii of these keys ({@link #radiusKey}) that earlier ranges measured: from the file of a range starting
     * at this tree, then from the others, most recent first, until all are found. A commit's radius depends on its
     * trees only, so a range that shares commits with an earlier one (the same history a few commits on) measures
     * only the new ones. Radii measured with other ignored paths or by an older way of measuring are not served.
     */
    Map<String, BlastRadius> loadRadii(ObjectId baseTree, List<String> ignored, Set<String> wanted) {
        Map<String, BlastRadius> found = new HashMap<>();
        List<Path> files = new ArrayList<>();
        Path own = dir.resolve(baseTree.name() + RADII);
        if (Files.isRegularFile(own)) {
            files.add(own);
        }
        caches(RADII).stream().filter(p -> !p.equals(own)).forEach(files::add);
        for (Path file : files) {
            readRadii(file, ignored, wanted, found);
            if (found.size() == wanted.size()) {
                break;
            }
        }
        return found;
    }

    /** Adds to found the wanted radii of a file not found yet; a file that cannot be read adds none. */
    private static void readRadii(Path file, List<String> ignored, Set<String> wanted, Map<String, BlastRadius> found) {
        // The ignored paths and the keys come first, their length before them: a file holding none of the wanted
        // keys is neither inflated nor decoded further (a push's new commits are in none).
        try (InputStream gzipped = new GZIPInputStream(Files.newInputStream(file), 1 << 16)) {
            Decoder head = new Decoder(gzipped.readNBytes(2 * Integer.BYTES));
            if (head.fixedInt() != RADII_MAGIC) {
                return;
            }
            Decoder in = new Decoder(gzipped.readNBytes(head.fixedInt()));
            if (!ignored.equals(in.strings())) {
                return;
            }
            List<String> keys = in.strings();
            if (keys.stream().noneMatch(k -> wanted.contains(k) && !found.containsKey(k))) {
                return;
            }
            in = in.followedBy(gzipped.readAllBytes());
            for (String key : keys) {
                boolean computed = in.bool();
                int score = in.varint();
                List<String> dependentFiles = in.strings();
                List<String> affectedModules = in.strings();
                boolean testsCover = in.bool();
                int dependentCount = in.varint();
                List<String> changedModules = in.strings();
                List<BlastRadius.ModuleReach> topModules = new ArrayList<>();
                for (int m = in.varint(); m > 0; m--) {
                    topModules.add(new BlastRadius.ModuleReach(in.string(), in.varint(), in.strings()));
                }
                BlastRadius radius = new BlastRadius(computed, score, dependentFiles, affectedModules, testsCover, dependentCount,
                        changedModules, topModules, in.strings(), in.varint());
                if (wanted.contains(key)) {
                    found.putIfAbsent(key, radius);
                }
            }
        } catch (IOException | RuntimeException e) {
            // corrupt or from another version: measured again
        }
    }

    void saveRadii(ObjectId baseTree, List<String> ignored, Map<String, BlastRadius> radii) {
        save(baseTree, RADII, file -> writeRadii(file, ignored, radii));
    }

    /** The trees at which graphs are saved, most recent first. */
    List<ObjectId> graphTrees() {
        List<ObjectId> trees = new ArrayList<>();
        for (Path file : caches(GRAPH)) {
            String name = file.getFileName().toString();
            String tree = name.substring(0, name.length() - GRAPH.length());
            if (ObjectId.isId(tree)) {
                trees.add(ObjectId.fromString(tree));
            }
        }
        return trees;
    }

    /** The graph saved at this tree, or null when there is none, or it was saved with other ignored paths or by another version. */
    Snapshot.Saved loadGraph(ObjectId tree, List<String> ignored) {
        Path file = dir.resolve(tree.name() + GRAPH);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            Decoder in = Decoder.ofGzipped(file);
            if (in.fixedInt() != GRAPH_MAGIC || in.fixedInt() != MAGIC || in.fixedInt() != RADII_MAGIC || !ignored.equals(in.strings())
                    || !in.objectId().equals(tree)) {
                return null;
            }
            Map<String, ObjectId> layoutFiles = new HashMap<>();
            for (int n = in.varint(); n > 0; n--) {
                layoutFiles.put(in.string(), in.objectId());
            }
            int keyCount = in.count();
            List<String> keys = new ArrayList<>(keyCount);
            for (int n = 0; n < keyCount; n++) {
                keys.add(in.plainString());
            }
            int count = in.count();
            List<Snapshot.SavedFile> files = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                String path = in.plainString();
                ObjectId blob = in.objectId();
                String module = in.string();
                boolean test = in.bool();
                int[] provides = in.ints(keys.size());
                files.add(new Snapshot.SavedFile(path, blob, module, test, provides, in.ints(keys.size())));
            }
            return new Snapshot.Saved(tree, layoutFiles, keys, files);
        } catch (IOException | RuntimeException e) {
            return null; // corrupt: the graph is built again
        }
    }

    /**
     * Saves a graph. Its key names and paths are written plainly, each once, and the files' keys as numbers into
     * the names: a 10,000-file graph holds a few hundred thousand key uses.
     */
    void saveGraph(Snapshot.Saved graph, List<String> ignored) {
        save(graph.tree(), GRAPH, file -> writeGraph(file, ignored, graph));
    }

    private static void writeGraph(Path file, List<String> ignored, Snapshot.Saved graph) throws IOException {
        Encoder out = new Encoder();
        out.fixedInt(GRAPH_MAGIC);
        out.fixedInt(MAGIC);
        out.fixedInt(RADII_MAGIC);
        out.strings(ignored);
        out.objectId(graph.tree());
        out.varint(graph.layoutFiles().size());
        graph.layoutFiles().forEach((path, blob) -> {
            out.string(path);
            out.objectId(blob);
        });
        out.varint(graph.keys().size());
        graph.keys().forEach(out::plainString);
        out.varint(graph.files().size());
        for (Snapshot.SavedFile f : graph.files()) {
            out.plainString(f.path());
            out.objectId(f.blob());
            out.string(f.module());
            out.bool(f.test());
            out.ints(f.provides());
            out.ints(f.requests());
        }
        out.writeGzipped(file);
    }

    private static void writeRadii(Path file, List<String> ignored, Map<String, BlastRadius> radii) throws IOException {
        Encoder out = new Encoder();
        out.fixedInt(RADII_MAGIC);
        int headerLength = out.reserveInt();
        int headerStart = out.size();
        out.strings(ignored);
        List<String> keys = new ArrayList<>(radii.keySet());
        out.strings(keys);
        out.patchInt(headerLength, out.size() - headerStart);
        for (String key : keys) {
            BlastRadius r = radii.get(key);
            out.bool(r.computed());
            out.varint(r.score());
            out.strings(r.dependentFiles());
            out.strings(r.affectedModules());
            out.bool(r.testsCover());
            out.varint(r.dependentCount());
            out.strings(r.changedModules());
            out.varint(r.topModules().size());
            for (BlastRadius.ModuleReach m : r.topModules()) {
                out.string(m.module());
                out.varint(m.files());
                out.strings(m.path());
            }
            out.strings(r.coveringTests());
            out.varint(r.graphFiles());
        }
        out.writeGzipped(file);
    }

    private static void writeFacts(Path file, Map<ObjectId, SourceFacts> facts) throws IOException {
        Encoder out = new Encoder();
        out.fixedInt(MAGIC);
        out.varint(facts.size());
        for (Map.Entry<ObjectId, SourceFacts> e : facts.entrySet()) {
            out.objectId(e.getKey());
            out.varint(e.getValue().language().ordinal());
            out.bool(e.getValue().parsed());
            out.strings(e.getValue().declared());
            out.strings(e.getValue().imports());
        }
        out.writeGzipped(file);
    }

    /** A commit's radius is a function of its first parent's tree and its own (and of the ignored paths). */
    static String radiusKey(ObjectId parentTree, ObjectId tree) {
        return (parentTree == null ? ObjectId.zeroId() : parentTree).name() + ":" + tree.name();
    }

    private interface CacheWriter {
        void write(Path file) throws IOException;
    }

    /** Writes the cache file of this kind for a range, then drops the oldest of that kind and abandoned writes. */
    private void save(ObjectId baseTree, String kind, CacheWriter writer) {
        String name = baseTree.name() + kind;
        try {
            Files.createDirectories(dir);
            Path temp = Files.createTempFile(dir, name, ".tmp");
            try {
                writer.write(temp);
                Path target = dir.resolve(name);
                try {
                    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
            prune(kind, kind.equals(GRAPH) ? KEEP_GRAPHS : KEEP);
            pruneAbandoned();
        } catch (IOException | RuntimeException e) {
            // A cache that cannot be written (a read-only repository) only costs the next run its work.
        }
    }

    /**
     * The files' encoding, built in memory and gzipped in one call: ints of variable length, each string spelled
     * out at its first use (after a 0) and then referred to by its number plus one. A cold run writes hundreds of
     * thousands of names, mostly repeated, on its critical path; a DataOutputStream (a synchronized call per byte
     * through a BufferedOutputStream, under C1) and a separate string table took four times as long.
     */
    private static final class Encoder {
        private byte[] bytes = new byte[1 << 16];
        private int size;
        private final Map<String, Integer> numbers = new HashMap<>();

        void fixedInt(int value) {
            room(4);
            for (int shift = 24; shift >= 0; shift -= 8) {
                bytes[size++] = (byte) (value >>> shift);
            }
        }

        int size() {
            return size;
        }

        /** Room for an int written later ({@link #patchInt}); returns where. */
        int reserveInt() {
            int at = size;
            fixedInt(0);
            return at;
        }

        void patchInt(int at, int value) {
            for (int shift = 24, p = at; shift >= 0; shift -= 8) {
                bytes[p++] = (byte) (value >>> shift);
            }
        }

        void varint(int value) {
            room(5);
            while ((value & ~0x7f) != 0) {
                bytes[size++] = (byte) (value & 0x7f | 0x80);
                value >>>= 7;
            }
            bytes[size++] = (byte) value;
        }

        void bool(boolean value) {
            room(1);
            bytes[size++] = (byte) (value ? 1 : 0);
        }

        void objectId(ObjectId id) {
            room(Constants.OBJECT_ID_LENGTH);
            id.copyRawTo(bytes, size);
            size += Constants.OBJECT_ID_LENGTH;
        }

        void string(String value) {
            Integer number = numbers.putIfAbsent(value, numbers.size());
            if (number != null) {
                varint(number + 1);
                return;
            }
            varint(0);
            plainString(value);
        }

        void strings(List<String> values) {
            varint(values.size());
            for (String value : values) {
                string(value);
            }
        }

        /** A string spelled out, not entered in the table: for strings written once. */
        void plainString(String value) {
            byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
            varint(utf8.length);
            room(utf8.length);
            System.arraycopy(utf8, 0, bytes, size, utf8.length);
            size += utf8.length;
        }

        /** Ints of four bytes, copied in bulk: a graph writes hundreds of thousands, in a JVM that has not compiled this yet. */
        void ints(int[] values) {
            varint(values.length);
            room(values.length * Integer.BYTES);
            ByteBuffer.wrap(bytes, size, values.length * Integer.BYTES).asIntBuffer().put(values);
            size += values.length * Integer.BYTES;
        }

        private void room(int more) {
            if (size + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
            }
        }

        /**
         * Gzip at its fastest level: the cache is written at the end of a cold run, on its critical path, and the
         * default level took three times as long for files a third smaller.
         */
        void writeGzipped(Path file) throws IOException {
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file), 1 << 16) {
                {
                    def.setLevel(Deflater.BEST_SPEED);
                }
            }) {
                out.write(bytes, 0, size);
            }
        }
    }

    /** Reads what an {@link Encoder} wrote; a file cut short or otherwise corrupt throws an unchecked exception. */
    private static final class Decoder {
        private final byte[] bytes;
        private int at;
        private final List<String> strings = new ArrayList<>();

        private Decoder(byte[] bytes) {
            this.bytes = bytes;
        }

        /** A decoder of what follows these bytes in the same file: the strings spelled out so far are known to it. */
        Decoder followedBy(byte[] rest) {
            byte[] all = Arrays.copyOf(bytes, bytes.length + rest.length);
            System.arraycopy(rest, 0, all, bytes.length, rest.length);
            Decoder next = new Decoder(all);
            next.at = at;
            next.strings.addAll(strings);
            return next;
        }

        static Decoder ofGzipped(Path file) throws IOException {
            try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 1 << 16)) {
                return new Decoder(in.readAllBytes());
            }
        }

        int fixedInt() {
            int value = 0;
            for (int i = 0; i < 4; i++) {
                value = value << 8 | bytes[at++] & 0xff;
            }
            return value;
        }

        int varint() {
            int value = 0;
            for (int shift = 0; ; shift += 7) {
                byte b = bytes[at++];
                value |= (b & 0x7f) << shift;
                if (b >= 0) {
                    return value;
                }
            }
        }

        boolean bool() {
            return bytes[at++] != 0;
        }

        ObjectId objectId() {
            ObjectId id = ObjectId.fromRaw(bytes, at);
            at += Constants.OBJECT_ID_LENGTH;
            return id;
        }

        String string() {
            int number = varint();
            if (number > 0) {
                return strings.get(number - 1);
            }
            String value = plainString();
            strings.add(value);
            return value;
        }

        /** A number of items to come, each at least a byte long: a corrupt count throws instead of sizing a huge list. */
        int count() {
            int n = varint();
            if (n < 0 || n > bytes.length - at) {
                throw new IllegalStateException("a count past the end");
            }
            return n;
        }

        List<String> strings() {
            int n = count();
            List<String> values = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                values.add(string());
            }
            return values;
        }

        String plainString() {
            int length = varint();
            String value = new String(bytes, at, length, StandardCharsets.UTF_8);
            at += length;
            return value;
        }

        /** Ints each below a bound (a corrupt file throws, never hands out a number out of range). */
        int[] ints(int bound) {
            int count = varint();
            if (count < 0 || count > (bytes.length - at) / Integer.BYTES) {
                throw new IllegalStateException("a count past the end");
            }
            int[] values = new int[count];
            ByteBuffer.wrap(bytes, at, count * Integer.BYTES).asIntBuffer().get(values);
            at += count * Integer.BYTES;
            for (int value : values) {
                if (value < 0 || value >= bound) {
                    throw new IllegalStateException("a number out of range");
                }
            }
            return values;
        }
    }

    private void prune(String suffix, int keep) throws IOException {
        List<Path> caches = caches(suffix);
        for (Path old : caches.subList(Math.min(keep, caches.size()), caches.size())) {
            Files.deleteIfExists(old);
        }
    }

    /**
     * Deletes the temporary files of writers that never finished: a JVM that exits while its cache is written (a
     * failed command, a hook out of time) leaves one. Those younger than an hour may belong to a writer still at work.
     */
    private void pruneAbandoned() throws IOException {
        long before = System.currentTimeMillis() - ABANDONED_AFTER_MILLIS;
        for (Path temp : caches(".tmp")) {
            if (temp.toFile().lastModified() < before) {
                Files.deleteIfExists(temp);
            }
        }
    }

    /** The cache files of one kind, most recent first. */
    private List<Path> caches(String suffix) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(suffix))
                    .sorted(Comparator.comparing((Path p) -> p.toFile().lastModified()).reversed()).toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
