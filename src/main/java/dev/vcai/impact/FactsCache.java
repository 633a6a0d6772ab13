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
import java.util.zip.GZIPOutputStream;
import org.eclipse.jgit.lib.ObjectId;

/**
 * The parsed facts of every file version a range needed, on disk under {@code $GIT_DIR/vcai/impact/}, one file per
 * range named by the tree id the range starts from, so a second run over the same range (or the post-receive hook
 * after pre-receive) parses nothing. Gzipped, strings stored once. A file that cannot be read is ignored (the facts
 * are parsed again); files are written to a temporary name and renamed, so concurrent writers never expose half a
 * file. Only the few most recent files are kept.
 */
final class FactsCache {
    private static final int MAGIC = 0x76636932; // "vci2": Kotlin facts read every import line (vci1 skipped every second one)
    private static final int KEEP = 8;
    private final Path dir;

    FactsCache(Path dir) {
        this.dir = dir;
    }

    /**
     * The facts saved for a range starting at this tree or, when there are none, the most recent ones: facts are
     * keyed by blob id, so facts saved for any range are right for every tree that holds the same blobs.
     */
    ConcurrentHashMap<ObjectId, SourceFacts> load(ObjectId baseTree) {
        Path file = dir.resolve(baseTree.name() + ".facts.gz");
        if (!Files.isRegularFile(file)) {
            List<Path> caches = caches();
            if (caches.isEmpty()) {
                return new ConcurrentHashMap<>();
            }
            file = caches.get(0);
        }
        return read(file);
    }

    private static ConcurrentHashMap<ObjectId, SourceFacts> read(Path file) {
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

    void save(ObjectId baseTree, Map<ObjectId, SourceFacts> facts) {
        try {
            Files.createDirectories(dir);
            Path temp = Files.createTempFile(dir, baseTree.name(), ".tmp");
            try {
                write(temp, facts);
                Path target = dir.resolve(baseTree.name() + ".facts.gz");
                try {
                    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
            prune();
        } catch (IOException | RuntimeException e) {
            // A cache that cannot be written (a read-only repository) only costs the next run its parsing time.
        }
    }

    private static void write(Path file, Map<ObjectId, SourceFacts> facts) throws IOException {
        Map<String, Integer> ids = new HashMap<>();
        List<String> strings = new ArrayList<>();
        for (SourceFacts f : facts.values()) {
            Stream.concat(f.declared().stream(), f.imports().stream()).forEach(s -> ids.computeIfAbsent(s, k -> {
                strings.add(k);
                return strings.size() - 1;
            }));
        }
        try (OutputStream raw = Files.newOutputStream(file);
             DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new GZIPOutputStream(raw, 1 << 16)))) {
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

    private void prune() throws IOException {
        List<Path> caches = caches();
        for (Path old : caches.subList(Math.min(KEEP, caches.size()), caches.size())) {
            Files.deleteIfExists(old);
        }
    }

    /** The cache files, most recent first. */
    private List<Path> caches() {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".facts.gz"))
                    .sorted(Comparator.comparing((Path p) -> p.toFile().lastModified()).reversed()).toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
