package dev.vcai.service.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vcai.service.TestDatabases;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The service's records, the same tests on SQLite and on PostgreSQL. */
class StoreTest {
    @TempDir
    Path directory;

    static Stream<String> databases() {
        return TestDatabases.kinds().stream();
    }

    private Store open(String kind) throws Exception {
        return Store.open(TestDatabases.fresh(kind, directory), null, null);
    }

    private static Records.Experiment experiment(String id, String status) {
        return new Records.Experiment(id, "name " + id, "classifier", "{\"name\":\"x\"}", status, 0, status, null, 1000, 1000);
    }

    /** vcai serve prints the error as its one line: the driver's reason, not Flyway's block of dashes and codes. */
    @org.junit.jupiter.api.Test
    void aDatabaseThatCannotBeOpenedIsOneLine() {
        StoreException error = assertThrows(StoreException.class, () -> Store.open("jdbc:sqlite:/nonexistent/dir/x.db", null, null));
        assertTrue(error.getMessage().startsWith("cannot migrate the database at jdbc:sqlite:/nonexistent/dir/x.db: "), error.getMessage());
        assertEquals(1, error.getMessage().lines().count(), error.getMessage());
        assertFalse(error.getMessage().contains("SQL State"), error.getMessage());
    }

    @ParameterizedTest
    @MethodSource("databases")
    void experimentsAreStoredAndRunsMoveOnlyFromTheGivenStates(String kind) throws Exception {
        Store store = open(kind);
        store.insertExperiment(experiment("e1", "created"));
        assertEquals("name e1", store.experiment("e1").orElseThrow().name());
        assertTrue(store.experiment("nope").isEmpty());

        assertTrue(store.moveRun("e1", List.of("created"), "queued", 0, "queued", 2000));
        assertFalse(store.moveRun("e1", List.of("created", "failed"), "queued", 0, "queued", 2001), "already queued");
        assertEquals(List.of("e1"), store.unfinishedRuns().stream().map(Records.Experiment::id).toList());

        Records.Failure belowGate = new Records.Failure("f1", "e1", "accuracy_below_gate", "{\"accuracy\":0.5}", "g", "HIGH", 3000);
        store.finishRun(new Records.Evaluation("e1", "{\"accuracy\":0.5}", "[]", "bW9kZWw=", 3000), java.util.Map.of(belowGate,
                List.of(new Records.OutboxMessage("m1", "http://x", "{}", 0, 3000, null, null, 3000))));
        assertEquals(List.of(belowGate), store.failures());
        assertEquals(1, store.outbox().size());
        Records.Experiment done = store.experiment("e1").orElseThrow();
        assertEquals("succeeded", done.status());
        assertEquals(1.0, done.progress());
        assertEquals("bW9kZWw=", store.evaluation("e1").orElseThrow().modelBase64());
        assertTrue(store.unfinishedRuns().isEmpty());
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aFailedRunWritesItsStatusFailureAndMessagesTogetherOrNotAtAll(String kind) throws Exception {
        Store store = open(kind);
        store.insertExperiment(experiment("e1", "running"));
        Records.Failure failure = new Records.Failure("f1", "e1", "run_crashed", "{}", "guess", "LOW", 10);
        Records.OutboxMessage message = new Records.OutboxMessage("m1", "http://x/quarantine", "{}", 0, 10, null, null, 10);
        store.failRun("e1", "boom", failure, List.of(message), 10);
        assertEquals("failed", store.experiment("e1").orElseThrow().status());
        assertEquals("boom", store.experiment("e1").orElseThrow().failure());
        assertEquals(1, store.failures().size());
        assertEquals(1, store.outbox().size());

        // The same message id again breaks the outbox's key: nothing of this second failure may remain.
        store.insertExperiment(experiment("e2", "running"));
        Records.Failure second = new Records.Failure("f2", "e2", "run_crashed", "{}", "guess", "LOW", 11);
        assertThrows(StoreException.class, () -> store.failRun("e2", "again", second, List.of(message), 11));
        assertEquals("running", store.experiment("e2").orElseThrow().status(), "the status change was rolled back");
        assertEquals(1, store.failures().size(), "the failure record was rolled back");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void outboxMessagesAreDueUntilDelivered(String kind) throws Exception {
        Store store = open(kind);
        store.insertExperiment(experiment("e1", "running"));
        store.failRun("e1", "boom", new Records.Failure("f1", "e1", "run_crashed", "{}", "g", "LOW", 5), List.of(
                new Records.OutboxMessage("m1", "http://a", "{}", 0, 5, null, null, 5),
                new Records.OutboxMessage("m2", "http://b", "{}", 0, 50, null, null, 6)), 5);
        assertEquals(List.of("m1"), store.dueMessages(10, 10).stream().map(Records.OutboxMessage::id).toList());
        store.deliveryFailed("m1", 1, 100, "HTTP 503");
        assertEquals(List.of("m2"), store.dueMessages(60, 10).stream().map(Records.OutboxMessage::id).toList());
        store.delivered("m2", 1, 61);
        assertEquals(List.of("m1"), store.dueMessages(100, 10).stream().map(Records.OutboxMessage::id).toList());
        Records.OutboxMessage m1 = store.outbox().get(0);
        assertEquals(1, m1.attempts());
        assertEquals("HTTP 503", m1.lastError());
        assertNull(m1.deliveredAt());
        assertEquals(61L, store.outbox().get(1).deliveredAt());
    }

    @ParameterizedTest
    @MethodSource("databases")
    void syncingTheBlacklistKeepsEntriesAddedThroughTheApi(String kind) throws Exception {
        Store store = open(kind);
        store.putBlacklist(new Records.BlacklistEntry("quantization:AWQ", "ours", "api", 1));
        store.replaceBlacklist("quarantine_endpoint", List.of(new Records.BlacklistEntry("attention:paged", "theirs", "quarantine_endpoint", 2),
                new Records.BlacklistEntry("quantization:AWQ", "theirs too", "quarantine_endpoint", 2)));
        assertEquals(List.of("attention:paged", "quantization:AWQ"), store.blacklist().stream().map(Records.BlacklistEntry::technique).toList());
        assertEquals("ours", store.blacklist().get(1).reason());
        store.replaceBlacklist("quarantine_endpoint", List.of());
        assertEquals(List.of("quantization:AWQ"), store.blacklist().stream().map(Records.BlacklistEntry::technique).toList());
        assertTrue(store.removeBlacklist("quantization:AWQ"));
        assertFalse(store.removeBlacklist("quantization:AWQ"));
    }

    @ParameterizedTest
    @MethodSource("databases")
    void promotionsAndVersionsAreKept(String kind) throws Exception {
        Store store = open(kind);
        store.recordPromotion(new Records.Promotion("p1", "e1", "REJECTED", "[]", "ana", null, 1), null);
        store.recordPromotion(new Records.Promotion("p2", "e1", "APPROVED", "[]", "bob", 2, 2),
                new Records.ModelVersion(2, "e1", "abc", "promote", "bob", "{}", 2));
        store.insertVersion(new Records.ModelVersion(3, null, "def", "rollback", "ana", "{}", 3));
        assertEquals(List.of(3, 2), store.versions().stream().map(Records.ModelVersion::version).toList());
        List<Records.Promotion> promotions = store.promotions("e1");
        assertEquals(List.of("REJECTED", "APPROVED"), promotions.stream().map(Records.Promotion::decision).toList());
        assertNull(promotions.get(0).version());
        assertEquals(2, promotions.get(1).version());
        // A second version 2 is refused, and the promotion recorded with it is not kept either.
        assertThrows(StoreException.class, () -> store.recordPromotion(new Records.Promotion("p3", "e1", "APPROVED", "[]", "x", 2, 4),
                new Records.ModelVersion(2, "e1", "zzz", "promote", "x", "{}", 4)));
        assertEquals(2, store.promotions("e1").size());
    }

    @ParameterizedTest
    @MethodSource("databases")
    void reopeningMigratesNothingTwiceAndKeepsTheRows(String kind) throws Exception {
        String url = TestDatabases.fresh(kind, directory);
        Store.open(url, null, null).insertExperiment(experiment("e1", "created"));
        assertEquals("e1", Store.open(url, null, null).experiments().get(0).id());
        assertTrue(Store.open(url, null, null).ping());
    }

    @org.junit.jupiter.api.Test
    void anUnsupportedUrlIsRefusedWithTheReason() {
        StoreException e = assertThrows(StoreException.class, () -> Store.open("jdbc:mysql://x/y", null, null));
        assertTrue(e.getMessage().contains("jdbc:sqlite:<file> or jdbc:postgresql"), e.getMessage());
    }
}
