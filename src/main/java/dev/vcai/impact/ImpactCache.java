package dev.vcai.impact;

import dev.vcai.impact.lang.Language;
import dev.vcai.impact.lang.SourceFacts;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.eclipse.jgit.lib.ObjectId;

/**
 * What the blast radius keeps on disk under {@code $GIT_DIR/vcai/impact/}, outside the object store, one file of
 * each kind per range, named by the tree id the range starts from:
 * <ul>
 * <li>{@code <tree>.facts.gz}: the parsed facts of every file version the range needed, by blob id, so that another
 * range over the same files parses nothing;</li>
 * <li>{@code <tree>.radii.gz}: the radii of the range's commits, so that the same range again (the post-receive hook
 * after pre-receive, a second {@code vcai analyze}) moves no graph at all.</li>
 * </ul>
 * Gzipped. A file that cannot be read is ignored (the work is done again); files are written to a temporary name and
 * renamed, so concurrent writers never expose half a file. Only the few most recent files of each kind are kept.
 */
final class ImpactCache {
    private static final int MAGIC = 0x76636932; // "vci2": Kotlin facts read every import line (vci1 skipped every second one)
    /** "vcr1"; the next number whenever the radius computed from the same trees changes, so that older radii are not served. */
    private static final int RADII_MAGIC = 0x76637231;
    private static final String FACTS = ".facts.gz";
    private static final String RADII = ".radii.gz";
    private static final int KEEP = 8;
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
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(new GZIPInputStream(Files.newInputStream(file))))) {
            if (in.readInt() != MAGIC) {
                return new ConcurrentHashMap<>();
            }
            String[] strings = readTable(in);
            Language[] languages = Language.values();
            int count = in.readInt();
            ConcurrentHashMap<ObjectId, SourceFacts> facts = new ConcurrentHashMap<>(count * 2);
            byte[] id = new byte[20];
            for (int i = 0; i < count; i++) {
                in.readFully(id);
                Language language = languages[in.readByte()];
                boolean parsed = in.readBoolean();
                List<String> declared = strings(in, strings);
                List<String> imports = strings(in, strings);
                facts.put(ObjectId.fromRaw(id), new SourceFacts(language, declared, imports, parsed));
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
     * The radii saved for a range starting at this tree, by {@link #radiusKey}; empty when there are none or when
     * they were measured with other ignored paths or by an older way of measuring.
     */
    Map<String, BlastRadius> loadRadii(ObjectId baseTree, List<String> ignored) {
        Path file = dir.resolve(baseTree.name() + RADII);
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(new GZIPInputStream(Files.newInputStream(file))))) {
            if (in.readInt() != RADII_MAGIC) {
                return Map.of();
            }
            String[] strings = readTable(in);
            if (!ignored.equals(strings(in, strings))) {
                return Map.of();
            }
            int count = in.readInt();
            Map<String, BlastRadius> radii = new HashMap<>(count * 2);
            for (int i = 0; i < count; i++) {
                String key = in.readUTF();
                boolean computed = in.readBoolean();
                int score = in.readInt();
                List<String> dependentFiles = strings(in, strings);
                List<String> affectedModules = strings(in, strings);
                boolean testsCover = in.readBoolean();
                int dependentCount = in.readInt();
                List<String> changedModules = strings(in, strings);
                List<BlastRadius.ModuleReach> topModules = new ArrayList<>();
                for (int m = in.readInt(); m > 0; m--) {
                    topModules.add(new BlastRadius.ModuleReach(strings[in.readInt()], in.readInt(), strings(in, strings)));
                }
                radii.put(key, new BlastRadius(computed, score, dependentFiles, affectedModules, testsCover, dependentCount, changedModules,
                        topModules, strings(in, strings), in.readInt()));
            }
            return radii;
        } catch (IOException | RuntimeException e) {
            return Map.of(); // corrupt or from another version: measure again
        }
    }

    void saveRadii(ObjectId baseTree, List<String> ignored, Map<String, BlastRadius> radii) {
        save(baseTree, RADII, file -> writeRadii(file, ignored, radii));
    }

    private static void writeRadii(Path file, List<String> ignored, Map<String, BlastRadius> radii) throws IOException {
        Map<String, Integer> ids = new HashMap<>();
        List<String> table = new ArrayList<>();
        intern(ignored.stream(), ids, table);
        for (BlastRadius r : radii.values()) {
            intern(Stream.of(r.dependentFiles(), r.affectedModules(), r.changedModules(), r.coveringTests()).flatMap(List::stream), ids, table);
            intern(r.topModules().stream().flatMap(m -> Stream.concat(Stream.of(m.module()), m.path().stream())), ids, table);
        }
        try (OutputStream raw = Files.newOutputStream(file);
             DataOutputStream out = new DataOutputStream(new BufferedOutputStream(fastGzip(raw)))) {
            out.writeInt(RADII_MAGIC);
            writeTable(out, table);
            ints(out, ignored, ids);
            out.writeInt(radii.size());
            for (Map.Entry<String, BlastRadius> e : radii.entrySet()) {
                BlastRadius r = e.getValue();
                out.writeUTF(e.getKey());
                out.writeBoolean(r.computed());
                out.writeInt(r.score());
                ints(out, r.dependentFiles(), ids);
                ints(out, r.affectedModules(), ids);
                out.writeBoolean(r.testsCover());
                out.writeInt(r.dependentCount());
                ints(out, r.changedModules(), ids);
                out.writeInt(r.topModules().size());
                for (BlastRadius.ModuleReach m : r.topModules()) {
                    out.writeInt(ids.get(m.module()));
                    out.writeInt(m.files());
                    ints(out, m.path(), ids);
                }
                ints(out, r.coveringTests(), ids);
                out.writeInt(r.graphFiles());
            }
        }
    }

    /**
     * Gzip at its fastest level: the cache is written at the end of a cold run, on its critical path, and the
     * default level took three times as long for files a third smaller.
     */
    private static OutputStream fastGzip(OutputStream out) throws IOException {
        return new GZIPOutputStream(out, 1 << 16) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        };
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
            prune(kind);
            pruneAbandoned();
        } catch (IOException | RuntimeException e) {
            // A cache that cannot be written (a read-only repository) only costs the next run its work.
        }
    }

    private static void writeFacts(Path file, Map<ObjectId, SourceFacts> facts) throws IOException {
        Map<String, Integer> ids = new HashMap<>();
        List<String> table = new ArrayList<>();
        for (SourceFacts f : facts.values()) {
            intern(Stream.concat(f.declared().stream(), f.imports().stream()), ids, table);
        }
        try (OutputStream raw = Files.newOutputStream(file);
             DataOutputStream out = new DataOutputStream(new BufferedOutputStream(fastGzip(raw)))) {
            out.writeInt(MAGIC);
            writeTable(out, table);
            out.writeInt(facts.size());
            byte[] id = new byte[20];
            for (Map.Entry<ObjectId, SourceFacts> e : facts.entrySet()) {
                e.getKey().copyRawTo(id, 0);
                out.write(id);
                out.writeByte(e.getValue().language().ordinal());
                out.writeBoolean(e.getValue().parsed());
                ints(out, e.getValue().declared(), ids);
                ints(out, e.getValue().imports(), ids);
            }
        }
    }

    /** Numbers the strings not numbered yet: each string is written once, in a table, and referred to by its number. */
    private static void intern(Stream<String> values, Map<String, Integer> ids, List<String> table) {
        values.forEach(s -> ids.computeIfAbsent(s, k -> {
            table.add(k);
            return table.size() - 1;
        }));
    }

    private static void writeTable(DataOutputStream out, List<String> table) throws IOException {
        out.writeInt(table.size());
        for (String s : table) {
            out.writeUTF(s.length() > 16000 ? s.substring(0, 16000) : s);
        }
    }

    private static String[] readTable(DataInputStream in) throws IOException {
        String[] strings = new String[in.readInt()];
        for (int i = 0; i < strings.length; i++) {
            strings[i] = in.readUTF();
        }
        return strings;
    }

    private static void ints(DataOutputStream out, List<String> values, Map<String, Integer> ids) throws IOException {
        out.writeInt(values.size());
        for (String v : values) {
            out.writeInt(ids.get(v));
        }
    }

    private static List<String> strings(DataInputStream in, String[] strings) throws IOException {
        int n = in.readInt();
        List<String> values = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            values.add(strings[in.readInt()]);
        }
        return values;
    }

    private void prune(String suffix) throws IOException {
        List<Path> caches = caches(suffix);
        for (Path old : caches.subList(Math.min(KEEP, caches.size()), caches.size())) {
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
