package org.anju.platform.config;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;

import org.anju.gateway.GatewayOptions;
import org.anju.gateway.TenantLimits;
import org.anju.platform.presence.PresenceSettings;
import org.anju.platform.alerts.AlertSettings;

/**
 * The whole validated configuration of one Anju process. Build it with {@link ConfigLoader}.
 */
public record AnjuConfig(
        Path dataDir, Db db, Http http, Mqtt mqtt, Ingest ingest, PresenceSettings presence, Security security, Demo demo,
        Rollup rollup, Retention retention, Feed feed, Webhooks webhooks, Alerts alerts) {

    /** Returns this configuration with other gateway settings. */
    public AnjuConfig withGateway(GatewayOptions gateway) {
        return new AnjuConfig(dataDir, db, http, new Mqtt(gateway, mqtt.tlsPort(), mqtt.limits()), ingest, presence,
                security, demo, rollup, retention, feed, webhooks, alerts);
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

    /**
     * Security settings.
     *
     * @param jwtSecret   empty to generate one under the data folder
     * @param hashThreads threads that check passwords and device secrets (bcrypt); 0 for one per core
     * @param hashQueue   checks that may wait for those threads at most; more fail at once as busy
     * @param hashMaxWait the longest a check may be expected to wait; a longer one fails at once as busy
     */
    public record Security(String jwtSecret, Duration tokenTtl, Duration deviceAuthCacheTtl, int bcryptCost,
            int hashThreads, int hashQueue, Duration hashMaxWait) {

        /** Returns the hashing threads to start: {@code hashThreads}, or one per core for 0. */
        public int hashThreadsOrCores() {
            return hashThreads > 0 ? hashThreads : Runtime.getRuntime().availableProcessors();
        }

        @Override
        public String toString() {
            return "Security[jwtSecret=" + Secrets.mask(jwtSecret) + ", tokenTtl=" + tokenTtl
                    + ", deviceAuthCacheTtl=" + deviceAuthCacheTtl + ", bcryptCost=" + bcryptCost
                    + ", hashThreads=" + hashThreads + ", hashQueue=" + hashQueue + ", hashMaxWait=" + hashMaxWait + "]";
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
     * The live notification feed (server-sent events).
     *
     * @param heartbeatInterval how often an idle stream gets a comment line, so proxies keep it open
     * @param pollInterval      how often the feed looks for notifications other processes committed
     * @param clientBufferBytes bytes queued for one client before the feed stops writing to it
     * @param slowClientTimeout how long a client's queue may stay full before it is cut off
     */
    public record Feed(Duration heartbeatInterval, Duration pollInterval, int clientBufferBytes,
            Duration slowClientTimeout) {
    }

    /**
     * Outbound deliveries of notifications (webhooks, SMS and e-mail gateways).
     *
     * @param secretKey           base64 AES key encrypting subscription secrets; empty to generate one
     *                            under the data folder
     * @param allowPrivateTargets whether receivers may be loopback, private or link-local addresses
     */
    public record Webhooks(Duration pollInterval, Duration connectTimeout, Duration requestTimeout,
            Duration retryBase, Duration retryMax, int maxAttempts, int concurrency, boolean allowPrivateTargets,
            String secretKey) {

        @Override
        public String toString() {
            return "Webhooks[pollInterval=" + pollInterval + ", connectTimeout=" + connectTimeout
                    + ", requestTimeout=" + requestTimeout + ", retryBase=" + retryBase + ", retryMax=" + retryMax
                    + ", maxAttempts=" + maxAttempts + ", concurrency=" + concurrency
                    + ", allowPrivateTargets=" + allowPrivateTargets + ", secretKey=" + Secrets.mask(secretKey) + "]";
        }
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
