package org.anju.platform.config;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;

import org.anju.gateway.GatewayOptions;
import org.anju.gateway.TenantLimits;
import org.anju.platform.alerts.AlertSettings;

/**
 * The whole validated configuration of one Anju process. Build it with {@link ConfigLoader}.
 */
public record AnjuConfig(
        Path dataDir, Db db, Http http, Mqtt mqtt, Ingest ingest, Devices devices, Security security, Demo demo,
        Rollup rollup, Retention retention, Alerts alerts) {

    /** Returns this configuration with other gateway settings. */
    public AnjuConfig withGateway(GatewayOptions gateway) {
        return new AnjuConfig(dataDir, db, http, new Mqtt(gateway, mqtt.tlsPort(), mqtt.limits()), ingest, devices,
                security, demo, rollup, retention, alerts);
    }

    /**
     * Database settings.
     *
     * @param url            JDBC URL; empty to use the embedded PostgreSQL
     * @param embeddedPort   port of the embedded PostgreSQL, 0 for any free one
     */
    public record Db(String url, String user, String password, int poolSize, Duration connectTimeout,
            int embeddedPort) {

        /** Returns whether the embedded PostgreSQL is to be used. */
        public boolean embedded() {
            return url.isBlank();
        }

        @Override
        public String toString() {
            return "Db[url=" + Secrets.maskUrl(url) + ", user=" + user + ", password=" + Secrets.mask(password)
                    + ", poolSize=" + poolSize + ", connectTimeout=" + connectTimeout
                    + ", embeddedPort=" + embeddedPort + "]";
        }
    }

    public record Http(String host, int port) {
    }

    /**
     * The MQTT gateway.
     *
     * @param gateway the gateway's own settings; TLS present when a certificate is configured
     * @param tlsPort the TLS port, also used by the demo's generated certificate
     * @param limits  the limits of tenants without their own
     */
    public record Mqtt(GatewayOptions gateway, int tlsPort, TenantLimits limits) {
    }

    public record Ingest(int batchMaxRows, Duration batchMaxDelay, int queueMaxMessages) {
    }

    public record Devices(Duration offlineAfter) {
    }

    /**
     * Security settings.
     *
     * @param jwtSecret empty to generate one under the data folder
     */
    public record Security(String jwtSecret, Duration tokenTtl, Duration deviceAuthCacheTtl, int bcryptCost) {

        @Override
        public String toString() {
            return "Security[jwtSecret=" + Secrets.mask(jwtSecret) + ", tokenTtl=" + tokenTtl
                    + ", deviceAuthCacheTtl=" + deviceAuthCacheTtl + ", bcryptCost=" + bcryptCost + "]";
        }
    }

    public record Demo(int devicesPerType, Duration publishInterval) {
    }

    /**
     * Rollup settings.
     *
     * @param interval how often new telemetry is folded into the hourly and daily rollups
     * @param dayZone  the zone whose midnight starts a daily bucket (whole-hour offsets only)
     */
    public record Rollup(Duration interval, ZoneId dayZone) {
    }

    /**
     * How long each class of data is kept, and how often expired data is removed.
     *
     * @param fireEvents events of fire panels and smoke detectors; at least 365 days
     */
    public record Retention(Duration interval, Duration telemetry, Duration hourly, Duration daily, Duration events,
            Duration fireEvents) {
    }

    /**
     * Alert rules, the fire workflow and rescues.
     *
     * @param defaults          the thresholds of communities without their own
     * @param timerPollInterval how often due escalation and rescue timers are looked for
     */
    public record Alerts(AlertSettings defaults, Duration timerPollInterval) {
    }
}
