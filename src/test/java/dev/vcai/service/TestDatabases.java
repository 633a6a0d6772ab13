package dev.vcai.service;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The databases the service's tests run against: SQLite in a file always, and PostgreSQL when
 * {@code VCAI_TEST_POSTGRES_URL} names one ({@code .ci/run} starts Debian's server and sets it; under {@code CI=true}
 * it is required). Each PostgreSQL use gets a fresh schema, so tests do not see each other's rows.
 */
public final class TestDatabases {
    public static final String POSTGRES_VARIABLE = "VCAI_TEST_POSTGRES_URL";

    private TestDatabases() {
    }

    /** "sqlite" always, "postgresql" when configured; fails under CI=true without PostgreSQL. */
    public static List<String> kinds() {
        List<String> kinds = new ArrayList<>(List.of("sqlite"));
        String url = System.getenv(POSTGRES_VARIABLE);
        if (url != null && !url.isBlank()) {
            kinds.add("postgresql");
        } else if ("true".equals(System.getenv("CI"))) {
            assertNotNull(url, POSTGRES_VARIABLE + " must name a PostgreSQL database under CI=true (.ci/run starts one)");
        }
        return kinds;
    }

    /** A JDBC URL of an empty database of that kind. */
    public static String fresh(String kind, Path directory) throws Exception {
        if (kind.equals("sqlite")) {
            return "jdbc:sqlite:" + directory.resolve("vcai-" + UUID.randomUUID() + ".db");
        }
        String url = System.getenv(POSTGRES_VARIABLE);
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
        }
        return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }
}
