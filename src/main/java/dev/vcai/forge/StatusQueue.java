package dev.vcai.forge;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Commit statuses not yet delivered, kept in a directory of small JSON files (outside the Git object store): one file
 * per (forge, base URL, repository, sha, context), written to a temporary file and renamed into place, so a reader sees
 * either the old or the new state and a newer state replaces an older one. {@link #flush} sends them oldest first and
 * deletes each one the forge accepted. A file is claimed by renaming it before it is sent, so two processes flushing
 * the same directory do not send the same state twice; a claim left by a process that died is given back after
 * {@link #STALE_CLAIM}. A new {@code StatusQueue} over the same directory (a restart) sees everything the old one kept.
 */
public final class StatusQueue {
    static final Duration STALE_CLAIM = Duration.ofMinutes(10);
    private static final String SUFFIX = ".json";
    private static final String CLAIM = ".sending-";

    /** Sends one status; a {@link ForgeException} keeps it queued (forge unavailable, token refused) or drops it. */
    @FunctionalInterface
    public interface Sender {
        void send(CommitStatus status) throws ForgeException;
    }

    /** A status the forge refused for good (404, 422...): removed from the queue. */
    public record Dropped(CommitStatus status, ForgeException reason) {
    }

    /**
     * @param delivered statuses the forge accepted, in the order sent
     * @param dropped   statuses the forge refused for good
     * @param stoppedBy why the flush stopped early (forge unavailable, token refused), or null
     * @param remaining statuses still queued for this forge
     */
    public record FlushResult(List<CommitStatus> delivered, List<Dropped> dropped, ForgeException stoppedBy, int remaining) {
    }

    private final Path directory;
    private final Clock clock;
    private Instant last = Instant.EPOCH;

    public StatusQueue(Path directory) {
        this(directory, Clock.systemUTC());
    }

    public StatusQueue(Path directory, Clock clock) {
        this.directory = directory;
        this.clock = clock;
    }

    public Path directory() {
        return directory;
    }

    /** Keeps the status, replacing an older state of the same (forge, repository, sha, context). */
    public synchronized void put(CommitStatus status) throws IOException {
        Files.createDirectories(directory);
        Instant now = clock.instant();
        last = now.isAfter(last) ? now : last.plusNanos(1);
        byte[] content = toJson(status, last).getBytes(StandardCharsets.UTF_8);
        Path temporary = directory.resolve(".tmp-" + UUID.randomUUID());
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(content));
            channel.force(true);
        }
        try {
            Files.move(temporary, file(status), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
        syncDirectory();
    }

    /** The queued statuses, oldest first. */
    public List<CommitStatus> pending() throws IOException {
        return entries().stream().map(Entry::status).toList();
    }

    /**
     * Sends the queued statuses that {@code which} selects, oldest first, and removes each one delivered or refused for
     * good. Stops at the first status the forge could not take (unavailable, token refused): that one and the rest stay
     * queued, in order, for the next run.
     */
    public FlushResult flush(Predicate<CommitStatus> which, Sender sender) throws IOException {
        List<CommitStatus> delivered = new ArrayList<>();
        List<Dropped> dropped = new ArrayList<>();
        ForgeException stoppedBy = null;
        if (!Files.isDirectory(directory)) {
            return new FlushResult(delivered, dropped, null, 0);
        }
        recoverStaleClaims();
        for (Entry entry : entries()) {
            if (!which.test(entry.status())) {
                continue;
            }
            Path claim = directory.resolve(entry.key() + CLAIM + clock.millis() + "-" + UUID.randomUUID());
            try {
                Files.move(entry.file(), claim, StandardCopyOption.ATOMIC_MOVE);
            } catch (NoSuchFileException takenByAnotherProcess) {
                continue;
            }
            CommitStatus status;
            try {
                status = read(claim).status();
            } catch (IOException | RuntimeException corrupt) {
                Files.move(claim, directory.resolve(entry.key() + ".corrupt"), StandardCopyOption.REPLACE_EXISTING);
                continue;
            }
            try {
                sender.send(status);
                Files.deleteIfExists(claim);
                delivered.add(status);
            } catch (ForgeException e) {
                if (e.retryable() || e.kind() == ForgeException.Kind.UNAUTHORIZED || e.kind() == ForgeException.Kind.FORBIDDEN) {
                    giveBack(claim, entry.file());
                    stoppedBy = e;
                    break;
                }
                Files.deleteIfExists(claim);
                dropped.add(new Dropped(status, e));
            }
        }
        int remaining = (int) entries().stream().filter(e -> which.test(e.status())).count();
        return new FlushResult(delivered, dropped, stoppedBy, remaining);
    }

    /** The file name of a status: a hash of what identifies the check, so any repository or context name is safe. */
    static String key(CommitStatus status) {
        String identity = String.join("\n", status.forge().id(), status.baseUrl(), status.repository(), status.sha(), status.context());
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Path file(CommitStatus status) {
        return directory.resolve(key(status) + SUFFIX);
    }

    private record Entry(String key, Path file, CommitStatus status, Instant queuedAt) {
    }

    private List<Entry> entries() throws IOException {
        List<Entry> entries = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return entries;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*" + SUFFIX)) {
            for (Path file : files) {
                try {
                    entries.add(read(file));
                } catch (NoSuchFileException gone) {
                    // sent by another process meanwhile
                } catch (IOException | RuntimeException corrupt) {
                    // left for a person to look at; flush skips it
                }
            }
        }
        entries.sort(Comparator.comparing(Entry::queuedAt).thenComparing(Entry::key));
        return entries;
    }

    private Entry read(Path file) throws IOException {
        JsonObject json = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
        CommitStatus status = new CommitStatus(Forge.of(json.get("forge").getAsString()), json.get("base_url").getAsString(),
                json.get("repository").getAsString(), json.get("sha").getAsString(), StatusState.of(json.get("state").getAsString()),
                json.get("context").getAsString(), optional(json, "description"), optional(json, "target_url"), optional(json, "summary"));
        String name = file.getFileName().toString();
        String key = name.substring(0, name.indexOf('.'));
        return new Entry(key, directory.resolve(key + SUFFIX), status, Instant.parse(json.get("queued_at").getAsString()));
    }

    private static String optional(JsonObject json, String field) {
        return json.has(field) && !json.get(field).isJsonNull() ? json.get(field).getAsString() : null;
    }

    private static String toJson(CommitStatus status, Instant queuedAt) {
        JsonObject json = new JsonObject();
        json.addProperty("forge", status.forge().id());
        json.addProperty("base_url", status.baseUrl());
        json.addProperty("repository", status.repository());
        json.addProperty("sha", status.sha());
        json.addProperty("state", status.state().id());
        json.addProperty("context", status.context());
        json.addProperty("description", status.description());
        json.addProperty("target_url", status.targetUrl());
        json.addProperty("summary", status.summary());
        json.addProperty("queued_at", queuedAt.toString());
        return json + "\n";
    }

    /** Puts a claimed file back unless a newer state of the same check was queued meanwhile (that one wins). */
    private static void giveBack(Path claim, Path file) throws IOException {
        try {
            Files.createLink(file, claim);
            Files.deleteIfExists(claim);
        } catch (FileAlreadyExistsException newerStateQueued) {
            Files.deleteIfExists(claim);
        } catch (UnsupportedOperationException | IOException noHardLinks) {
            if (Files.exists(file)) {
                Files.deleteIfExists(claim);
            } else {
                Files.move(claim, file);
            }
        }
    }

    private void recoverStaleClaims() throws IOException {
        List<Path> claims = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*" + CLAIM + "*")) {
            files.forEach(claims::add);
        }
        for (Path claim : claims) {
            String name = claim.getFileName().toString();
            String rest = name.substring(name.indexOf(CLAIM) + CLAIM.length());
            long claimedAt;
            try {
                claimedAt = Long.parseLong(rest.substring(0, rest.indexOf('-')));
            } catch (RuntimeException unreadable) {
                continue;
            }
            if (clock.millis() - claimedAt > STALE_CLAIM.toMillis()) {
                try {
                    giveBack(claim, directory.resolve(name.substring(0, name.indexOf('.')) + SUFFIX));
                } catch (NoSuchFileException takenMeanwhile) {
                    // another process recovered it
                }
            }
        }
    }

    private void syncDirectory() {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | RuntimeException notSupported) {
            // some platforms cannot open a directory; the rename itself is still atomic
        }
    }
}
