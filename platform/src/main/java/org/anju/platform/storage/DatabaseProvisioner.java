package org.anju.platform.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

import org.anju.platform.config.AnjuConfig;

/**
 * Decides where the platform's database is: the configured URL, or a database {@code anju} in an
 * embedded PostgreSQL under the data folder.
 */
public final class DatabaseProvisioner {

    private static final String EMBEDDED_DATABASE = "anju";
    /** The embedded server's generated superuser password, in the data folder (owner-only). */
    public static final String PASSWORD_FILE = "db-password";

    private DatabaseProvisioner() {
    }

    /** What the platform connects to, and the embedded server to stop with it (if any). */
    public record Target(DatabaseSettings settings, EmbeddedPostgres embedded) implements AutoCloseable {

        @Override
        public void close() {
            if (embedded != null) {
                embedded.close();
            }
        }
    }

    public static Target resolve(AnjuConfig config) {
        AnjuConfig.Db db = config.db();
        if (!db.embedded()) {
            return new Target(db.settings(db.url(), db.user(), db.password()), null);
        }
        EmbeddedPostgres embedded = EmbeddedPostgres.start(config.dataDir().resolve("postgres"), db.embeddedPort(),
                binariesDir(), config.dataDir().resolve(PASSWORD_FILE));
        try {
            createDatabaseIfMissing(embedded);
        } catch (SQLException e) {
            embedded.close();
            throw new IllegalStateException("cannot create database '" + EMBEDDED_DATABASE + "' in the embedded server: "
                    + e.getMessage(), e);
        }
        return new Target(db.settings(embedded.jdbcUrl(EMBEDDED_DATABASE), EmbeddedPostgres.SUPERUSER,
                embedded.password()), embedded);
    }

    /** Returns where the embedded server's binaries are unpacked (shared by every data folder of this machine). */
    public static Path binariesDir() {
        return Path.of(System.getProperty("java.io.tmpdir"), "anju-embedded-pg");
    }

    /**
     * Like {@link #resolve}, except that an embedded PostgreSQL already running over the data
     * folder (a platform started with {@code ./anju run} or {@code demo}) is used where it
     * listens instead of being started a second time: for commands run beside the platform.
     */
    public static Target attach(AnjuConfig config) {
        AnjuConfig.Db db = config.db();
        if (db.embedded()) {
            Optional<Integer> port = EmbeddedPostgres.runningPort(config.dataDir().resolve("postgres"));
            Path passwordFile = config.dataDir().resolve(PASSWORD_FILE);
            if (port.isPresent() && Files.exists(passwordFile)) {
                try {
                    return new Target(new DatabaseSettings("jdbc:postgresql://127.0.0.1:" + port.get() + "/"
                            + EMBEDDED_DATABASE, EmbeddedPostgres.SUPERUSER, Files.readString(passwordFile).strip(), 2,
                            db.connectTimeout()), null);
                } catch (IOException e) {
                    throw new IllegalStateException("cannot read the embedded database's password in " + passwordFile
                            + ": " + e.getMessage(), e);
                }
            }
        }
        return resolve(config);
    }

    private static void createDatabaseIfMissing(EmbeddedPostgres embedded) throws SQLException {
        try (Connection c = embedded.postgresDatabase().getConnection();
                PreparedStatement exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, EMBEDDED_DATABASE);
            try (ResultSet rs = exists.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
            try (Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + EMBEDDED_DATABASE);
            }
        }
    }
}
