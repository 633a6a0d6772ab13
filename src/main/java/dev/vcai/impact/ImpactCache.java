package dev.vcai.impact;

import com.google.gson.Gson;
import dev.vcai.impact.lang.Language;
import dev.vcai.impact.lang.SourceFacts;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
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
    /** Bumped whenever the radius computed from the same trees changes, so that older radii are not served. */
    private static final int RADII_FORMAT = 1;
    private static final String FACTS = ".facts.gz";
    private static final String RADII = ".radii.gz";
    private static final int KEEP = 8;
    private static final Gson GSON = new Gson();
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
            String[] strings = new String[in.readInt()];
            for (int i = 0; i < strings.length; i++) {
                strings[i] = in.readUTF();
            }
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
        save(baseTree.name() + FACTS, file -> writeFacts(file, facts));
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
        try (Reader in = new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8)) {
            SavedRadii saved = GSON.fromJson(in, SavedRadii.class);
            return saved != null && saved.format() == RADII_FORMAT && ignored.equals(saved.ignored()) && saved.radii() != null
                    ? saved.radii() : Map.of();
        } catch (IOException | RuntimeException e) {
            return Map.of(); // corrupt or from another version: measure again
        }
    }

    void saveRadii(ObjectId baseTree, List<String> ignored, Map<String, BlastRadius> radii) {
        save(baseTree.name() + RADII, file -> {
            try (Writer out = new OutputStreamWriter(fastGzip(Files.newOutputStream(file)), StandardCharsets.UTF_8)) {
                GSON.toJson(new SavedRadii(RADII_FORMAT, ignored, radii), out);
            }
        });
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

    private record SavedRadii(int format, List<String> ignored, Map<String, BlastRadius> radii) {
    }

    private interface FileWriter {
        void write(Path file) throws IOException;
    }

    private void save(String name, FileWriter writer) {
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
            prune(FACTS);
            prune(RADII);
        } catch (IOException | RuntimeException e) {
            // A cache that cannot be written (a read-only repository) only costs the next run its work.
        }
    }

    private static void writeFacts(Path file, Map<ObjectId, SourceFacts> facts) throws IOException {
        Map<String, Integer> ids = new HashMap<>();
        List<String> strings = new ArrayList<>();
        for (SourceFacts f : facts.values()) {
            Stream.concat(f.declared().stream(), f.imports().stream()).forEach(s -> ids.computeIfAbsent(s, k -> {
                strings.add(k);
                return strings.size() - 1;
            }));
        }
        try (OutputStream raw = Files.newOutputStream(file);
             DataOutputStream out = new DataOutputStream(new BufferedOutputStream(fastGzip(raw)))) {
            out.writeInt(MAGIC);
            out.writeInt(strings.size());
            for (String s : strings) {
                out.writeUTF(s.length() > 16000 ? s.substring(0, 16000) : s);
            }
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
