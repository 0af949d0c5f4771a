package org.anju.system.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.zaxxer.hikari.HikariDataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.anju.platform.storage.DatabaseProvisioner;
import org.anju.platform.storage.EmbeddedPostgres;
import org.anju.platform.testing.Fixtures;
import org.anju.platform.testing.TestDatabases;
import org.anju.protocol.manifest.DeviceManifest;
import org.anju.simulator.load.Ledger;
import org.anju.simulator.load.LedgerCheck;
import org.anju.simulator.load.LoadRun;
import org.anju.system.testing.ChildPlatforms;

/**
 * The all-in-one process is killed with SIGKILL under sustained load and started again: every
 * message whose PUBACK a device received is in the database, once.
 */
@Timeout(600)
class KillNineIT {

    @Test
    void everyAcknowledgedMessageSurvivesAKill() throws Exception {
        try (TestDatabases.TestDatabase database = TestDatabases.primary().create()) {
            Path dataDir = Files.createTempDirectory("anju-kill-test");
            surviveAKill(dataDir, Map.of("ANJU_DB_URL", database.url()), new Db(database.url(), "", ""));
        }
    }

    /**
     * The same on the embedded database: the killed process leaves its database server running, and
     * the next start must stop it and come up on the first try.
     */
    @Test
    void everyAcknowledgedMessageSurvivesAKillOnTheEmbeddedDatabase() throws Exception {
        Path dataDir = Files.createTempDirectory("anju-kill-test-embedded");
        int dbPort = ChildPlatforms.freePort();
        try {
            surviveAKill(dataDir, Map.of("ANJU_DB_EMBEDDED_PORT", Integer.toString(dbPort)),
                    new Db("jdbc:postgresql://127.0.0.1:" + dbPort + "/anju", EmbeddedPostgres.SUPERUSER, null));
        } finally {
            stopEmbeddedDatabase(dataDir);
        }
    }

    /** Where the ledger is checked; a null password is read from the data folder once the platform made it. */
    private record Db(String url, String user, String password) {

        Db withPasswordFrom(Path dataDir) throws IOException {
            return password != null ? this
                    : new Db(url, user, Files.readString(dataDir.resolve(DatabaseProvisioner.PASSWORD_FILE)).strip());
        }
    }

    private void surviveAKill(Path dataDir, Map<String, String> dbEnv, Db unresolvedDb) throws Exception {
        int httpPort = ChildPlatforms.freePort();
        int mqttPort = ChildPlatforms.freePort();
        Map<String, String> env = new java.util.HashMap<>(dbEnv);
        env.putAll(Map.of(
                "ANJU_DATA_DIR", dataDir.toString(),
                "ANJU_HTTP_HOST", "127.0.0.1",
                "ANJU_HTTP_PORT", Integer.toString(httpPort),
                "ANJU_MQTT_HOST", "127.0.0.1",
                "ANJU_MQTT_PORT", Integer.toString(mqttPort),
                "ANJU_SECURITY_BCRYPT_COST", Integer.toString(Fixtures.TEST_BCRYPT_COST)));
        Path log = dataDir.resolve("platform.log");

        Process first = ChildPlatforms.start(env, log, httpPort);
        // a fresh database has no user: the log says how to create the first administrator
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(log).contains(
                "no platform administrator yet: create the first one with './anju admin create-user NAME --role platform_admin'"));
        Db db = unresolvedDb.withPasswordFrom(dataDir);
        List<DeviceManifest.Device> devices;
        try (HikariDataSource ds = dataSource(db)) {
            devices = LoadFleet.provision(new Fixtures(ds), 2);
        }
        Process second = null;
        try (LoadRun load = LoadRun.start(devices, new LoadRun.Options("tcp://127.0.0.1:" + mqttPort, 600, 16))) {
            Ledger ledger = load.ledger();
            assertThat(load.awaitConnected(Duration.ofSeconds(30))).isTrue();
            await().atMost(Duration.ofSeconds(60)).until(() -> ledger.acknowledgedCount() >= 1_000);

            first.destroyForcibly(); // SIGKILL: no shutdown hook, no draining
            assertThat(first.waitFor()).as("exit status of a SIGKILLed process").isEqualTo(137);
            long ackedAtKill = ledger.acknowledgedCount();

            second = ChildPlatforms.start(env, log, httpPort);
            await().atMost(Duration.ofSeconds(90)).until(() -> ledger.acknowledgedCount() >= ackedAtKill + 1_000);
            load.close();

            LedgerCheck.Report report = LedgerCheck.check(ledger, db.url(), db.user(), db.password());
            assertThat(report.lost()).as(report + ", platform log " + log).isZero();
            assertThat(report.duplicated()).as(report.toString()).isZero();
            assertThat(report.acknowledged()).isGreaterThanOrEqualTo(2_000);
        } finally {
            first.destroyForcibly();
            if (second != null) {
                second.destroy();
                second.waitFor();
            }
        }
    }

    /** A failed run could leave the embedded server of a killed platform: stop it. */
    private static void stopEmbeddedDatabase(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postgres/postmaster.pid");
        if (Files.exists(pidFile)) {
            ProcessHandle.of(Long.parseLong(Files.readAllLines(pidFile).get(0).strip())).ifPresent(ProcessHandle::destroy);
        }
    }

    private static HikariDataSource dataSource(Db db) {
        HikariDataSource ds = new HikariDataSource();
        ds.setJdbcUrl(db.url());
        if (!db.user().isEmpty()) {
            ds.setUsername(db.user());
            ds.setPassword(db.password());
        }
        ds.setMaximumPoolSize(2);
        return ds;
    }
}
