package org.anju.system.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.anju.platform.testing.Fixtures;
import org.anju.platform.testing.RunningPlatform;
import org.anju.platform.testing.TcpProxy;
import org.anju.platform.testing.TestDatabases;
import org.anju.protocol.manifest.DeviceManifest;
import org.anju.simulator.load.Ledger;
import org.anju.simulator.load.LedgerCheck;
import org.anju.simulator.load.LoadRun;

/**
 * The database goes away under load and comes back: devices are told their messages failed
 * instead of being acknowledged, the write queue stays within its bound, ingest resumes by
 * itself, and every acknowledged message is stored.
 */
@Timeout(600)
class DatabaseOutageIT {

    private static final int QUEUE_MAX = 2_000;
    private static final Pattern QUEUE_GAUGE = Pattern.compile("(?m)^anju_ingest_queue_messages(?:\\{[^}]*})? (\\S+)$");

    @Test
    void nothingAcknowledgedIsLostAndIngestResumes() throws Exception {
        AtomicReference<TcpProxy> proxy = new AtomicReference<>();
        Map<String, String> config = Map.of(
                "ANJU_DB_CONNECT_TIMEOUT", "1s",
                "ANJU_MQTT_ACK_TIMEOUT", "3s",
                "ANJU_INGEST_QUEUE_MAX_MESSAGES", Integer.toString(QUEUE_MAX));
        try (RunningPlatform running = RunningPlatform.start(TestDatabases.primary(), config, url -> {
            InetSocketAddress db = TestDatabases.address(url);
            try {
                proxy.set(TcpProxy.start(db.getHostString(), db.getPort()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return TestDatabases.withHostAndPort(url, "127.0.0.1", proxy.get().port());
        }); TcpProxy database = proxy.get()) {
            List<DeviceManifest.Device> devices = LoadFleet.provision(running.fixtures().platformAdmin("root", "root-password"), 2);
            String admin = running.login("root", "root-password");
            try (LoadRun load = LoadRun.start(devices, new LoadRun.Options(running.mqttUri(), 600, 16))) {
                Ledger ledger = load.ledger();
                assertThat(load.awaitConnected(Duration.ofSeconds(30))).isTrue();
                await().atMost(Duration.ofSeconds(60)).until(() -> ledger.acknowledgedCount() >= 500);

                database.cut();
                long failedBefore = ledger.refusedCount() + ledger.unansweredCount();
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                    assertThat(queuedMessages(running, admin)).as("write queue").isLessThanOrEqualTo(QUEUE_MAX);
                    assertThat(ledger.refusedCount() + ledger.unansweredCount() - failedBefore)
                            .as("messages the devices were told failed").isGreaterThanOrEqualTo(100);
                });
                assertThat(running.get("/health/ready", null).statusCode()).as("ready while the database is away")
                        .isEqualTo(503);
                assertThat(queuedMessages(running, admin)).isLessThanOrEqualTo(QUEUE_MAX);

                database.restore();
                long ackedAtRestore = ledger.acknowledgedCount();
                await().atMost(Duration.ofSeconds(90)).until(() -> ledger.acknowledgedCount() >= ackedAtRestore + 500);
                // readiness asks the main pool, which must first replace connections the cut broke, within the
                // 1 s connect timeout: on a loaded machine its first answer after the outage may still be 503
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                        running.get("/health/ready", null).statusCode()).as("ready again").isEqualTo(200));
                load.close();

                LedgerCheck.Report report = LedgerCheck.check(ledger, running.databaseUrl(), "", "");
                assertThat(report.lost()).as(report.toString()).isZero();
                assertThat(report.duplicated()).as(report.toString()).isZero();
                assertThat(report.acknowledged()).isGreaterThanOrEqualTo(1_000);
            }
        }
    }

    /** Returns the fullest write queue (ingest has one per lane). */
    private static double queuedMessages(RunningPlatform running, String token) throws Exception {
        HttpResponse<String> metrics = running.get("/metrics", token);
        assertThat(metrics.statusCode()).as(metrics.body()).isEqualTo(200);
        Matcher m = QUEUE_GAUGE.matcher(metrics.body());
        double fullest = -1;
        while (m.find()) {
            fullest = Math.max(fullest, Double.parseDouble(m.group(1)));
        }
        assertThat(fullest).as("queue gauges in /metrics").isGreaterThanOrEqualTo(0);
        return fullest;
    }
}
