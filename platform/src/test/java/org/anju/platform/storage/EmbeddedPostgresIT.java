package org.anju.platform.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded database: password (SCRAM) connections on loopback only, also for a cluster made
 * before that rule; and a server left behind by a killed process does not stop the next start.
 */
@Timeout(180)
class EmbeddedPostgresIT {

    @TempDir
    Path dir;

    @Test
    void aConnectionWithoutThePasswordIsRefused() throws Exception {
        Path passwordFile = dir.resolve("db-password");
        try (EmbeddedPostgres server = start(passwordFile)) {
            String url = server.jdbcUrl("postgres");
            assertThatThrownBy(() -> DriverManager.getConnection(url + "?user=postgres").close())
                    .isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", "not-the-password").close())
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("28P01"));
            try (Connection c = DriverManager.getConnection(url, "postgres", server.password())) {
                assertThat(setting(c, "listen_addresses")).isEqualTo("127.0.0.1");
                assertThat(setting(c, "password_encryption")).isEqualTo("scram-sha-256");
                assertThat(query(c, "SELECT rolpassword FROM pg_authid WHERE rolname = 'postgres'")).startsWith("SCRAM-SHA-256$");
            }
            assertThat(Files.readString(passwordFile).strip()).isEqualTo(server.password()).hasSizeGreaterThanOrEqualTo(32);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile))).isEqualTo("rw-------");
        }
    }

    @Test
    void aClusterThatTrustedEveryLocalUserIsSecuredOnItsNextStart() throws Exception {
        Path passwordFile = dir.resolve("db-password");
        try (EmbeddedPostgres server = start(passwordFile)) {
            assertThat(server.port()).isPositive();
        }
        // what zonky's initdb leaves, as a cluster made by an earlier Anju has it
        Files.writeString(dir.resolve("data/pg_hba.conf"), "host all all 127.0.0.1/32 trust\n");
        Files.delete(passwordFile);

        try (EmbeddedPostgres server = start(passwordFile)) {
            String url = server.jdbcUrl("postgres");
            assertThatThrownBy(() -> DriverManager.getConnection(url + "?user=postgres").close())
                    .isInstanceOf(SQLException.class);
            try (Connection c = DriverManager.getConnection(url, "postgres", Files.readString(passwordFile).strip())) {
                assertThat(query(c, "SELECT 1")).isEqualTo("1");
            }
        }
    }

    @Test
    void aServerLeftBehindByAKilledProcessIsStoppedAndTheNextStartComesUpWithItsData() throws Exception {
        Path data = dir.resolve("data");
        Path passwordFile = dir.resolve("db-password");
        Process holder = new ProcessBuilder(javaBinary(), "-cp", classpath(), EmbeddedPostgresHolder.class.getName(),
                data.toString(), passwordFile.toString()).redirectErrorStream(true).start();
        try {
            awaitLine(holder, "ready port=");
            holder.destroyForcibly(); // SIGKILL: no shutdown hook stops its server
            assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
            Optional<ProcessHandle> orphan = OrphanPostmaster.runningPostmaster(data);
            assertThat(orphan).as("the killed process's database server lives on").isPresent();

            try (EmbeddedPostgres server = EmbeddedPostgres.start(data, 0, DatabaseProvisioner.binariesDir(), passwordFile);
                    Connection c = DriverManager.getConnection(server.jdbcUrl("postgres"), "postgres", server.password())) {
                assertThat(orphan.get().isAlive()).as("the left-behind server was stopped").isFalse();
                assertThat(query(c, "SELECT note FROM kept")).isEqualTo("written before the kill");
            }
            assertThat(OrphanPostmaster.runningPostmaster(data)).as("nothing runs after a clean stop").isEmpty();
        } finally {
            holder.destroyForcibly();
            OrphanPostmaster.runningPostmaster(data).ifPresent(ProcessHandle::destroy);
        }
    }

    @Test
    void aServerWhoseProcessStillRunsIsNotTakenAway() throws Exception {
        Path passwordFile = dir.resolve("db-password");
        try (EmbeddedPostgres server = start(passwordFile)) {
            assertThatThrownBy(() -> start(passwordFile))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("in use by another running Anju process");
            try (Connection c = DriverManager.getConnection(server.jdbcUrl("postgres"), "postgres", server.password())) {
                assertThat(query(c, "SELECT 1")).isEqualTo("1");
            }
        }
    }

    private EmbeddedPostgres start(Path passwordFile) {
        return EmbeddedPostgres.start(dir.resolve("data"), 0, DatabaseProvisioner.binariesDir(), passwordFile);
    }

    private static String setting(Connection c, String name) throws SQLException {
        return query(c, "SELECT current_setting('" + name + "')");
    }

    private static String query(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static void awaitLine(Process process, String prefix) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream()));
        List<String> seen = new java.util.ArrayList<>();
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith(prefix)) {
                return;
            }
            seen.add(line);
        }
        throw new AssertionError("the process ended before '" + prefix + "': " + String.join("\n", seen));
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command().orElseThrow();
    }

    private static String classpath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }
}
