package org.anju.platform.config;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Optional;

import org.anju.gateway.GatewayOptions;
import org.anju.gateway.TenantLimits;
import org.anju.platform.storage.history.HistoryLimits;
import org.anju.platform.presence.PresenceSettings;
import org.anju.platform.query.ListLimits;
import org.anju.platform.alerts.AlertSettings;
import org.anju.platform.billing.BillingSettings;
import org.anju.platform.billing.MonthlyRunSettings;
import org.anju.platform.payments.PaymentSettings;
import org.anju.platform.charging.ChargingSettings;
import org.anju.platform.parking.ParkingSettings;
import org.anju.platform.storage.DatabaseSettings;
import org.anju.platform.maintenance.forecast.ForecastSettings;
import org.anju.platform.maintenance.plans.PlansSettings;
import org.anju.platform.storage.StatementTimeouts;

/**
 * The whole validated configuration of one Anju process. Build it with {@link ConfigLoader}.
 */
public record AnjuConfig(
        Path dataDir, Db db, Http http, Mqtt mqtt, Ingest ingest, PresenceSettings presence, Security security, Demo demo,
        Rollup rollup, Retention retention, Feed feed, Webhooks webhooks, Alerts alerts, Limits limits,
        BillingSettings billing, ParkingSettings parking, ChargingSettings charging, Maintenance maintenance,
        Jobs jobs, Kafka kafka, PaymentSettings payments, PlansSettings maintenancePlans,
        MonthlyRunSettings monthlyBilling) {

    /** Returns this configuration with other gateway settings. */
    public AnjuConfig withGateway(GatewayOptions gateway) {
        return new AnjuConfig(dataDir, db, http, new Mqtt(gateway, mqtt.tlsPort(), mqtt.limits()), ingest, presence,
                security, demo, rollup, retention, feed, webhooks, alerts, limits, billing, parking, charging,
                maintenance, jobs, kafka, payments, maintenancePlans, monthlyBilling);
    }

    /** Returns this configuration with other payment settings. */
    public AnjuConfig withPayments(PaymentSettings payments) {
        return new AnjuConfig(dataDir, db, http, mqtt, ingest, presence, security, demo, rollup, retention, feed,
                webhooks, alerts, limits, billing, parking, charging, maintenance, jobs, kafka, payments,
                maintenancePlans, monthlyBilling);
    }

    /**
     * Database settings.
     *
     * @param url              JDBC URL; empty to use the embedded PostgreSQL
     * @param poolSize         connections for ingest and background jobs
     * @param requestPoolSize  connections for HTTP requests
     * @param statementTimeout the statement timeout of each request class
     * @param embeddedPort     port of the embedded PostgreSQL, 0 for any free one
     */
    public record Db(String url, String user, String password, int poolSize, int requestPoolSize,
            StatementTimeouts statementTimeout, Duration connectTimeout, int embeddedPort) {

        /** Returns whether the embedded PostgreSQL is to be used. */
        public boolean embedded() {
            return url.isBlank();
        }

        /** Returns the settings to connect to a database at this URL with these pools and timeouts. */
        public DatabaseSettings settings(String jdbcUrl, String jdbcUser, String jdbcPassword) {
            return new DatabaseSettings(jdbcUrl, jdbcUser, jdbcPassword, poolSize, connectTimeout, requestPoolSize,
                    statementTimeout);
        }

        @Override
        public String toString() {
            return "Db[url=" + Secrets.maskUrl(url) + ", user=" + user + ", password=" + Secrets.mask(password)
                    + ", poolSize=" + poolSize + ", requestPoolSize=" + requestPoolSize + ", statementTimeout="
                    + statementTimeout + ", connectTimeout=" + connectTimeout
                    + ", embeddedPort=" + embeddedPort + "]";
        }
    }

    /**
     * The HTTP API and dashboards.
     *
     * @param metricsToken the bearer token that reads {@code /metrics} without a session (Prometheus);
     *                     empty for none
     * @param tls          HTTPS on {@code port}, when a certificate is configured
     */
    public record Http(String host, int port, String metricsToken, Optional<Tls> tls) {

        /**
         * HTTPS.
         *
         * @param certPath         a PEM certificate chain (with {@code keyPath}) or a PKCS#12 file
         *                         ({@code .p12}/{@code .pfx}, with {@code keyStorePassword})
         * @param hstsMaxAge       the max-age of the {@code Strict-Transport-Security} header
         * @param redirectPort     a plain-HTTP port that only redirects to HTTPS; -1 for none, 0 for
         *                         any free one
         */
        public record Tls(String certPath, String keyPath, String keyStorePassword, Duration hstsMaxAge,
                int redirectPort) {

            @Override
            public String toString() {
                return "Tls[certPath=" + certPath + ", keyPath=" + keyPath + ", keyStorePassword="
                        + Secrets.mask(keyStorePassword) + ", hstsMaxAge=" + hstsMaxAge + ", redirectPort="
                        + redirectPort + "]";
            }
        }

        @Override
        public String toString() {
            return "Http[host=" + host + ", port=" + port + ", metricsToken=" + Secrets.mask(metricsToken)
                    + ", tls=" + tls + "]";
        }
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
     * @param jwtSecret            empty to generate one under the data folder
     * @param sessionCheckInterval how long a session's user is remembered before it is read again,
     *                             and how often open streams are checked (at most a minute)
     * @param eventSecretKey       base64 AES key sealing the secrets in device events (pickup codes,
     *                             id tags); empty to generate one under the data folder
     * @param deviceHashing        the pool that checks device secrets for the MQTT gateway
     */
    public record Security(String jwtSecret, Duration tokenTtl, Duration deviceAuthCacheTtl, int bcryptCost,
            Duration sessionCheckInterval, Login login, String eventSecretKey, DeviceHashing deviceHashing) {

        @Override
        public String toString() {
            return "Security[jwtSecret=" + Secrets.mask(jwtSecret) + ", tokenTtl=" + tokenTtl
                    + ", deviceAuthCacheTtl=" + deviceAuthCacheTtl + ", bcryptCost=" + bcryptCost
                    + ", sessionCheckInterval=" + sessionCheckInterval + ", login=" + login
                    + ", eventSecretKey=" + Secrets.mask(eventSecretKey) + ", deviceHashing=" + deviceHashing + "]";
        }
    }

    /**
     * Log-in throttling and the password pool (docs/security.md).
     *
     * @param maxFailures         failed log-ins of one user name that lock it
     * @param addressMaxFailures  failed log-ins from one source address that lock it
     * @param failureDelay        a user name's wait after its second failure, doubled after each further one
     * @param maxFailureDelay     the longest such wait
     * @param lockDuration        how long a locked user name or address stays locked
     * @param passwordThreads     password checks (bcrypt) running at once
     * @param passwordQueue       password checks waiting before log-ins are refused with 503
     */
    public record Login(int maxFailures, int addressMaxFailures, Duration failureDelay, Duration maxFailureDelay,
            Duration lockDuration, int passwordThreads, int passwordQueue) {
    }

    /**
     * The pool that checks the secrets devices present to the MQTT gateway (bcrypt), in
     * {@code registry/PasswordHasher}.
     *
     * @param threads checks running at once; 0 for one per core
     * @param queue   checks waiting at most
     * @param maxWait the longest a check may be expected to wait; a longer one is refused at once as busy
     */
    public record DeviceHashing(int threads, int queue, Duration maxWait) {

        /** Returns the threads to start: {@code threads}, or one per core for 0. */
        public int threadsOrCores() {
            return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        }
    }

    public record Demo(int devicesPerType, Duration publishInterval) {
    }

    /**
     * Background jobs that run once across all instances on one database (docs/operations.md).
     *
     * @param instanceId this process's id in {@code job_leases}, unique among the running instances
     * @param leaseTime  how long a job's lease lasts without renewal: the longest a killed instance's
     *                   jobs wait before another instance takes them over
     */
    public record Jobs(String instanceId, Duration leaseTime) {
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
     * @param audit      the audit log; at least 365 days, like fire records
     */
    public record Retention(Duration interval, Duration telemetry, Duration hourly, Duration daily, Duration events,
            Duration fireEvents, Duration audit) {
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
     * @param allowPrivateTargets whether receivers may be loopback, private, link-local or other special-purpose
     *                            addresses
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

    /**
     * Limits of list, history and report requests ({@code limits.*}).
     *
     * @param events               device events, per device and per community
     * @param records              alerts, incidents, fire cases, rescues and webhook deliveries
     * @param directory            lists without a time range: communities, devices, webhook subscriptions, users
     * @param history              device histories, per resolution
     * @param feedMaxCatchUp       how old the first notification a resuming feed replays may be
     * @param storageFiguresMaxAge how long a community's storage figures are answered before they are measured again
     */
    public record Limits(ListLimits events, ListLimits records, ListLimits directory, HistoryLimits history,
            Duration feedMaxCatchUp, Duration storageFiguresMaxAge, ListLimits audit) {
    }

    /**
     * Long-term maintenance.
     *
     * @param forecast   the forecast pass's rules and limits, days in {@code rollup.dayZone}
     * @param forecastAt the local time the pass runs each day
     * @param defaults   the per-community figures a community without its own has (the forecast
     *                   limits above, {@code maintenance.work.*}'s due days and escalation steps)
     */
    public record Maintenance(ForecastSettings forecast, LocalTime forecastAt,
            org.anju.platform.maintenance.settings.CommunityMaintenanceSettings defaults) {
    }

    /**
     * The Eclipse Hono / Kafka scale-out mode (docs/scale-out.md).
     *
     * @param bootstrapServers Kafka's bootstrap servers; empty when the mode is off
     * @param gatewayToKafka   whether the in-process gateway hands device messages to Kafka (in
     *                         Hono's format) instead of the database
     * @param consume          whether this process stores Hono's telemetry and events from Kafka as
     *                         a member of the consumer group {@code groupId}
     * @param linger           the gateway's producer linger (each PUBACK waits at least this long)
     * @param deliveryTimeout  how long a record may take until Kafka acknowledges it
     * @param maxPollRecords   records the consumer fetches per poll
     * @param retryMaxDelay    the longest wait before a record the database could not take is offered again
     * @param sessionTimeout   how long the group waits for an instance that stopped answering
     * @param commandsViaKafka whether commands go through Hono's Kafka command API: the API sends
     *                         them to {@code hono.command.<tenant>}, and the gateway (when it writes
     *                         to Kafka) reads them; otherwise the API hands them to the in-process gateway
     */
    public record Kafka(String bootstrapServers, boolean gatewayToKafka, boolean consume, String groupId,
            Duration linger, Duration deliveryTimeout, int maxPollRecords, Duration retryMaxDelay,
            Duration sessionTimeout, boolean commandsViaKafka) {

        /** Returns whether any part of the mode is on. */
        public boolean enabled() {
            return gatewayToKafka || consume || commandsViaKafka;
        }
    }
}
