package org.anju.platform.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.anju.platform.storage.DatabaseSettings;
import org.anju.platform.storage.DatabaseProvisioner;
import org.anju.platform.storage.EmbeddedPostgres;

/**
 * Fresh, empty databases for tests, each created on demand and dropped by its {@link TestDatabase#close()}.
 * <p>
 * By default they live in one embedded PostgreSQL per test JVM. When {@value #URL_ENV} names a
 * server (CI points it at real TimescaleDB), the {@linkplain #primary() primary} backend is that
 * server; storage tests run on {@linkplain #backends() every} backend.
 */
public final class TestDatabases {

    public static final String URL_ENV = "ANJU_TEST_DB_URL";
    /** For {@code @MethodSource}: every backend. */
    public static final String BACKENDS = "org.anju.platform.testing.TestDatabases#backends";
    private static final Pattern JDBC_URL = Pattern.compile("(jdbc:postgresql://[^/]+/)([^?]*)(\\?.*)?");
    private static EmbeddedPostgres embedded;

    private TestDatabases() {
    }

    /** A backend tests can create databases on. */
    public record Backend(String name, String serverUrl) {

        /** Creates an empty database on this backend. */
        public TestDatabase create() {
            String name = "anju_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            execute(serverUrl, "CREATE DATABASE " + name);
            return new TestDatabase(this, name, withDatabase(serverUrl, name));
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** One database; closing drops it. */
    public record TestDatabase(Backend backend, String name, String url) implements AutoCloseable {

        public DatabaseSettings settings() {
            return new DatabaseSettings(url, "", "", 4, Duration.ofSeconds(10));
        }

        @Override
        public void close() {
            execute(backend.serverUrl(), "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }

    /** The backend every test uses: the server named by {@value #URL_ENV}, else the embedded one. */
    public static Backend primary() {
        String url = System.getenv(URL_ENV);
        return url == null || url.isBlank() ? embeddedBackend() : new Backend("external", url);
    }

    /** Every backend available: always the embedded one, plus the external one when configured. */
    public static List<Backend> backends() {
        List<Backend> backends = new ArrayList<>();
        backends.add(embeddedBackend());
        String url = System.getenv(URL_ENV);
        if (url != null && !url.isBlank()) {
            backends.add(new Backend("external", url));
        }
        return backends;
    }

    private static synchronized Backend embeddedBackend() {
        if (embedded == null) {
            try {
                Path dir = Files.createTempDirectory("anju-test-pg");
                embedded = EmbeddedPostgres.start(dir.resolve("data"), 0, DatabaseProvisioner.binariesDir(),
                        dir.resolve("db-password"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(embedded::close));
        }
        return new Backend("embedded", embedded.jdbcUrl("postgres") + "?user=" + EmbeddedPostgres.SUPERUSER
                + "&password=" + embedded.password());
    }

    /** Returns the JDBC URL with its host and port replaced, e.g. to go through a {@link TcpProxy}. */
    public static String withHostAndPort(String url, String host, int port) {
        return url.replaceFirst("^jdbc:postgresql://[^/]+/", "jdbc:postgresql://" + host + ":" + port + "/");
    }

    /** Returns the host and port a JDBC URL points at. */
    public static InetSocketAddress address(String url) {
        Matcher m = Pattern.compile("^jdbc:postgresql://([^:/]+)(?::(\\d+))?/").matcher(url);
        if (!m.find()) {
            throw new IllegalArgumentException("not a PostgreSQL JDBC URL with a host: " + url);
        }
        return InetSocketAddress.createUnresolved(m.group(1), m.group(2) == null ? 5432 : Integer.parseInt(m.group(2)));
    }

    static String withDatabase(String url, String database) {
        Matcher m = JDBC_URL.matcher(url);
        if (!m.matches()) {
            throw new IllegalArgumentException(URL_ENV + " must look like jdbc:postgresql://host:port/db?user=..: " + url);
        }
        return m.group(1) + database + (m.group(3) == null ? "" : m.group(3));
    }

    private static void execute(String url, String sql) {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("test database statement failed [" + sql.toLowerCase(Locale.ROOT)
                    + "]: " + e.getMessage(), e);
        }
    }
}
