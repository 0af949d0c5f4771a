package org.anju.system.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import org.junit.jupiter.api.Timeout;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.anju.platform.testing.RunningPlatform;
import org.anju.protocol.manifest.DeviceManifest;
import org.anju.simulator.load.LedgerCheck;
import org.anju.simulator.load.LoadRun;

/**
 * The simulator's load mode against the real platform: every message whose PUBACK arrived is in
 * the database once, with its data points.
 */
@Timeout(600)
class LedgerIT {

    @ParameterizedTest
    @EnumSource(LoadRun.Client.class)
    void everyAcknowledgedMessageIsStoredOnce(LoadRun.Client client) throws Exception {
        try (RunningPlatform running = RunningPlatform.start(Map.of())) {
            List<DeviceManifest.Device> devices = LoadFleet.provision(running.fixtures(), 2);
            LedgerCheck.Report report;
            try (LoadRun load = LoadRun.start(devices, new LoadRun.Options(running.mqttUri(), 300, 16, client))) {
                assertThat(load.awaitConnected(Duration.ofSeconds(30))).as("all devices connected").isTrue();
                await().atMost(Duration.ofSeconds(60)).until(() -> load.ledger().acknowledgedCount() >= 600);
                load.close();
                report = LedgerCheck.check(load.ledger(), running.databaseUrl(), "", "");
                assertThat(load.ledger().refusedCount()).as("refused by the platform").isZero();
            }
            assertThat(report.acknowledged()).isGreaterThanOrEqualTo(600);
            assertThat(report.lost()).as(report.toString()).isZero();
            assertThat(report.duplicated()).as(report.toString()).isZero();
            // every catalogue telemetry message carries at least one numeric data point
            assertThat(report.points()).isGreaterThanOrEqualTo(report.acknowledged());
        }
    }
}
