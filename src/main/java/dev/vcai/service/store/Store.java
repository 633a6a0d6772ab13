package dev.vcai.service.store;

import com.google.common.base.Throwables;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.flywaydb.core.Flyway;

/**
 * The service's records in SQLite (a file, the default) or PostgreSQL (when a JDBC URL is configured), one schema
 * migrated by Flyway. Every write that touches more than one row runs in one transaction, so no record is ever
 * left half-written. The entry point of this package.
 */
public final class Store {
    private final String url;
    private final String user;
    private final String password;
    private final boolean sqlite;

    private Store(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.sqlite = url.startsWith("jdbc:sqlite:");
    }

    /**
     * Opens the database and migrates it to the current schema.
     *
     * @param url {@code jdbc:sqlite:<file>} or {@code jdbc:postgresql://host/db}; user and password may be null
     */
    public static Store open(String url, String user, String password) throws StoreException {
        if (!url.startsWith("jdbc:sqlite:") && !url.startsWith("jdbc:postgresql:")) {
            throw new StoreException("unsupported database URL '" + url + "': use jdbc:sqlite:<file> or jdbc:postgresql://<host>/<db>", null);
        }
        Store store = new Store(url, user, password);
        try {
            Flyway.configure().dataSource(url, user, password).locations("classpath:db/vcai-service").load().migrate();
        } catch (RuntimeException e) {
            throw new StoreException("cannot migrate the database at " + url + ": " + driverReason(e), e);
        }
        return store;
    }

    public boolean isSqlite() {
        return sqlite;
    }

    /** Work done in one transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Tx tx) throws SQLException;
    }

    /** Runs {@code work} in one transaction: all of it is committed, or none of it. */
    public synchronized <T> T transaction(Work<T> work) throws StoreException {
        try (Connection connection = connect()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(new Tx(connection));
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("database error: " + driverReason(e), e);
        }
    }

    /** True when the database answers. */
    public boolean ping() {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("SELECT 1");
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private Connection connect() throws SQLException {
        Connection connection = DriverManager.getConnection(url, user, password);
        if (sqlite) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA busy_timeout = 5000");
                statement.execute("PRAGMA foreign_keys = ON");
            }
        }
        return connection;
    }

    /** A row mapper. */
    @FunctionalInterface
    public interface Rows<T> {
        T map(ResultSet row) throws SQLException;
    }

    /** One transaction's connection, with the few statement shapes the service needs. */
    public static final class Tx {
        private final Connection connection;

        Tx(Connection connection) {
            this.connection = connection;
        }

        public int update(String sql, Object... parameters) throws SQLException {
            try (PreparedStatement statement = prepare(sql, parameters)) {
                return statement.executeUpdate();
            }
        }

        public <T> List<T> query(String sql, Rows<T> rows, Object... parameters) throws SQLException {
            try (PreparedStatement statement = prepare(sql, parameters); ResultSet result = statement.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (result.next()) {
                    out.add(rows.map(result));
                }
                return out;
            }
        }

        public <T> Optional<T> one(String sql, Rows<T> rows, Object... parameters) throws SQLException {
            List<T> all = query(sql, rows, parameters);
            return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
        }

        private PreparedStatement prepare(String sql, Object... parameters) throws SQLException {
            PreparedStatement statement = connection.prepareStatement(sql);
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement;
        }
    }
    // ---- experiments ----

    private static Records.Experiment experiment(ResultSet r) throws SQLException {
        return new Records.Experiment(r.getString("id"), r.getString("name"), r.getString("kind"), r.getString("spec"),
                r.getString("status"), r.getDouble("progress"), r.getString("phase"), r.getString("failure"),
                r.getLong("created_at"), r.getLong("updated_at"));
    }

    public void insertExperiment(Records.Experiment e) throws StoreException {
        transaction(tx -> tx.update("INSERT INTO experiments (id, name, spec, kind, status, progress, phase, failure, created_at, updated_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", e.id(), e.name(), e.spec(), e.kind(), e.status(), e.progress(), e.phase(),
                e.failure(), e.createdAt(), e.updatedAt()));
    }

    public Optional<Records.Experiment> experiment(String id) throws StoreException {
        return transaction(tx -> tx.one("SELECT * FROM experiments WHERE id = ?", Store::experiment, id));
    }

    public List<Records.Experiment> experiments() throws StoreException {
        return transaction(tx -> tx.query("SELECT * FROM experiments ORDER BY created_at, id", Store::experiment));
    }

    /** Sets the status of a run that is not finished; false when the experiment is not in one of {@code from}. */
    public boolean moveRun(String id, List<String> from, String to, double progress, String phase, long now) throws StoreException {
        return transaction(tx -> tx.update("UPDATE experiments SET status = ?, progress = ?, phase = ?, failure = NULL, updated_at = ? "
                + "WHERE id = ? AND status IN (" + String.join(", ", from.stream().map(s -> "?").toList()) + ")",
                concat(new Object[] {to, progress, phase, now, id}, from.toArray())) == 1);
    }

    /**
     * The run succeeded: its evaluation, the status and the quarantine records its metrics call for (each with its
     * messages), together.
     */
    public void finishRun(Records.Evaluation evaluation, Map<Records.Failure, List<Records.OutboxMessage>> failures)
            throws StoreException {
        transaction(tx -> {
            for (Map.Entry<Records.Failure, List<Records.OutboxMessage>> failure : failures.entrySet()) {
                insertFailure(tx, failure.getKey(), failure.getValue());
            }
            tx.update("DELETE FROM evaluations WHERE experiment_id = ?", evaluation.experimentId());
            tx.update("INSERT INTO evaluations (experiment_id, metrics, outcomes, model, created_at) VALUES (?, ?, ?, ?, ?)",
                    evaluation.experimentId(), evaluation.metrics(), evaluation.outcomes(), evaluation.modelBase64(), evaluation.createdAt());
            return tx.update("UPDATE experiments SET status = 'succeeded', progress = 1, phase = 'done', failure = NULL, updated_at = ? "
                    + "WHERE id = ?", evaluation.createdAt(), evaluation.experimentId());
        });
    }

    /** The run failed: the status, its quarantine record and the messages that announce it, together. */
    public void failRun(String experimentId, String reason, Records.Failure failure, List<Records.OutboxMessage> messages, long now)
            throws StoreException {
        transaction(tx -> {
            tx.update("UPDATE experiments SET status = 'failed', phase = 'failed', failure = ?, updated_at = ? WHERE id = ?",
                    reason, now, experimentId);
            if (failure != null) {
                insertFailure(tx, failure, messages);
            }
            return null;
        });
    }

    /** Experiments whose run had not finished (queued or running), e.g. when the service stopped under them. */
    public List<Records.Experiment> unfinishedRuns() throws StoreException {
        return transaction(tx -> tx.query("SELECT * FROM experiments WHERE status IN ('queued', 'running') ORDER BY created_at, id",
                Store::experiment));
    }

    // ---- evaluations, versions, promotions ----

    public Optional<Records.Evaluation> evaluation(String experimentId) throws StoreException {
        return transaction(tx -> tx.one("SELECT * FROM evaluations WHERE experiment_id = ?", r -> new Records.Evaluation(
                r.getString("experiment_id"), r.getString("metrics"), r.getString("outcomes"), r.getString("model"),
                r.getLong("created_at")), experimentId));
    }

    private static Records.ModelVersion version(ResultSet r) throws SQLException {
        return new Records.ModelVersion(r.getInt("version"), r.getString("experiment_id"), r.getString("sha256"), r.getString("action"),
                r.getString("promoted_by"), r.getString("metrics"), r.getLong("created_at"));
    }

    /** The production versions, newest first. */
    public List<Records.ModelVersion> versions() throws StoreException {
        return transaction(tx -> tx.query("SELECT * FROM model_versions ORDER BY version DESC", Store::version));
    }

    /** Records a promotion decision, and the new version it made when it made one, together. */
    public void recordPromotion(Records.Promotion promotion, Records.ModelVersion version) throws StoreException {
        transaction(tx -> {
            if (version != null) {
                insertVersion(tx, version);
            }
            return tx.update("INSERT INTO promotions (id, experiment_id, decision, gates, requested_by, version, created_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?)", promotion.id(), promotion.experimentId(), promotion.decision(), promotion.gates(),
                    promotion.requestedBy(), promotion.version(), promotion.createdAt());
        });
    }

    public void insertVersion(Records.ModelVersion version) throws StoreException {
        transaction(tx -> insertVersion(tx, version));
    }

    private static int insertVersion(Tx tx, Records.ModelVersion v) throws SQLException {
        return tx.update("INSERT INTO model_versions (version, experiment_id, sha256, action, promoted_by, metrics, created_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?)", v.version(), v.experimentId(), v.sha256(), v.action(), v.promotedBy(), v.metrics(),
                v.createdAt());
    }

    public List<Records.Promotion> promotions(String experimentId) throws StoreException {
        return transaction(tx -> tx.query("SELECT * FROM promotions WHERE experiment_id = ? ORDER BY created_at, id",
                r -> new Records.Promotion(r.getString("id"), r.getString("experiment_id"), r.getString("decision"), r.getString("gates"),
                        r.getString("requested_by"), (Integer) r.getObject("version") == null ? null : r.getInt("version"),
                        r.getLong("created_at")), experimentId));
    }

    // ---- quarantine: failures, outbox, blacklist ----

    private static void insertFailure(Tx tx, Records.Failure f, List<Records.OutboxMessage> messages) throws SQLException {
        tx.update("INSERT INTO failures (id, experiment_id, trigger_name, metrics, root_cause, fix_complexity, created_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?)", f.id(), f.experimentId(), f.trigger(), f.metrics(), f.rootCause(), f.fixComplexity(),
                f.createdAt());
        for (Records.OutboxMessage m : messages) {
            tx.update("INSERT INTO outbox (id, destination, payload, attempts, next_attempt_at, delivered_at, last_error, created_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", m.id(), m.destination(), m.payload(), m.attempts(), m.nextAttemptAt(),
                    m.deliveredAt(), m.lastError(), m.createdAt());
        }
    }

    public List<Records.Failure> failures() throws StoreException {
        return transaction(tx -> tx.query("SELECT * FROM failures ORDER BY created_at, id", r -> new Records.Failure(r.getString("id"),
                r.getString("experiment_id"), r.getString("trigger_name"), r.getString("metrics"), r.getString("root_cause"),
                r.getString("fix_complexity"), r.getLong("created_at"))));
    }

    private static Records.OutboxMessage message(ResultSet r) throws SQLException {
        long delivered = r.getLong("delivered_at");
        return new Records.OutboxMessage(r.getString("id"), r.getString("destination"), r.getString("payload"), r.getInt("attempts"),
                r.getLong("next_attempt_at"), r.wasNull() || delivered == 0 ? null : delivered, r.getString("last_error"),
                r.getLong("created_at"));
    }

    /** Undelivered messages due at {@code now}, oldest first. */
    public List<Records.OutboxMessage> dueMessages(long now, int limit) throws StoreException {
        return transaction(tx -> tx.query("SELECT * FROM outbox WHERE delivered_at IS NULL AND next_attempt_at <= ? "
                + "ORDER BY created_at, id LIMIT " + limit, Store::message, now));
    }

    public List<Records.OutboxMessage> outbox() throws StoreException {
        return transaction(tx -> tx.query("SELECT * FROM outbox ORDER BY created_at, id", Store::message));
    }

    public void delivered(String id, int attempts, long now) throws StoreException {
        transaction(tx -> tx.update("UPDATE outbox SET delivered_at = ?, attempts = ?, last_error = NULL WHERE id = ?", now, attempts, id));
    }

    public void deliveryFailed(String id, int attempts, long nextAttemptAt, String error) throws StoreException {
        transaction(tx -> tx.update("UPDATE outbox SET attempts = ?, next_attempt_at = ?, last_error = ? WHERE id = ?",
                attempts, nextAttemptAt, error, id));
    }

    public List<Records.BlacklistEntry> blacklist() throws StoreException {
        return transaction(tx -> tx.query("SELECT * FROM blacklist ORDER BY technique", r -> new Records.BlacklistEntry(
                r.getString("technique"), r.getString("reason"), r.getString("source"), r.getLong("created_at"))));
    }

    /** Adds the entry, or replaces the one for the same technique. */
    public void putBlacklist(Records.BlacklistEntry entry) throws StoreException {
        transaction(tx -> {
            tx.update("DELETE FROM blacklist WHERE technique = ?", entry.technique());
            return tx.update("INSERT INTO blacklist (technique, reason, source, created_at) VALUES (?, ?, ?, ?)", entry.technique(),
                    entry.reason(), entry.source(), entry.createdAt());
        });
    }

    /** Replaces the entries of one source with {@code entries} (an entry of another source for the same technique stays). */
    public void replaceBlacklist(String source, List<Records.BlacklistEntry> entries) throws StoreException {
        transaction(tx -> {
            tx.update("DELETE FROM blacklist WHERE source = ?", source);
            for (Records.BlacklistEntry e : entries) {
                if (tx.one("SELECT technique FROM blacklist WHERE technique = ?", r -> r.getString(1), e.technique()).isEmpty()) {
                    tx.update("INSERT INTO blacklist (technique, reason, source, created_at) VALUES (?, ?, ?, ?)", e.technique(),
                            e.reason(), e.source(), e.createdAt());
                }
            }
            return null;
        });
    }

    public boolean removeBlacklist(String technique) throws StoreException {
        return transaction(tx -> tx.update("DELETE FROM blacklist WHERE technique = ?", technique) == 1);
    }

    private static Object[] concat(Object[] a, Object[] b) {
        Object[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** The driver's own first line: Flyway wraps it in a block of "SQL State", "Error Code" and dashes. */
    private static String driverReason(Throwable e) {
        return String.valueOf(Throwables.getRootCause(e).getMessage()).strip().lines().findFirst().orElse("");
    }
}
