package org.anju.platform.storage;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

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
            return new Target(new DatabaseSettings(db.url(), db.user(), db.password(), db.poolSize(),
                    db.connectTimeout()), null);
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
        return new Target(new DatabaseSettings(embedded.jdbcUrl(EMBEDDED_DATABASE), EmbeddedPostgres.SUPERUSER,
                embedded.password(), db.poolSize(), db.connectTimeout()), embedded);
    }

    /** Returns where the embedded server's binaries are unpacked (shared by every data folder of this machine). */
    public static Path binariesDir() {
        return Path.of(System.getProperty("java.io.tmpdir"), "anju-embedded-pg");
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
