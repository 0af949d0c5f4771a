package org.anju.platform.config;

import java.io.IOException;
import java.math.BigDecimal;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import org.anju.gateway.GatewayOptions;
import org.anju.gateway.TenantLimits;
import org.anju.platform.presence.Expectation;
import org.anju.platform.presence.PresenceSettings;
import org.anju.platform.alerts.AlertSettings;
import org.anju.platform.billing.BillingSettings;
import org.anju.platform.billing.MonthlyRunSettings;
import org.anju.platform.billing.Tariff;
import org.anju.platform.billing.TariffKind;
import org.anju.platform.charging.ChargingSettings;
import org.anju.platform.charging.Tier;
import org.anju.platform.charging.TouTariff;
import org.anju.platform.parking.PairingSettings;
import org.anju.platform.parking.ParkingSettings;
import org.anju.platform.jobs.Leases;
import org.anju.platform.storage.history.HistoryLimits;
import org.anju.platform.query.ListLimits;
import org.anju.platform.maintenance.forecast.ForecastRules;
import org.anju.platform.maintenance.forecast.ForecastSettings;
import org.anju.platform.payments.PaymentSettings;
import org.anju.platform.maintenance.plans.PlansSettings;
import org.anju.platform.maintenance.plans.UsageCounter;
import org.anju.platform.storage.StatementTimeouts;
import org.anju.platform.storage.retention.RetentionPolicy;
import org.anju.protocol.DeviceType;
import org.anju.platform.Json;

/**
 * Loads the configuration: the documented defaults ({@code anju-defaults.yaml}), then an optional
 * YAML file, then environment variables {@code ANJU_<SECTION>_<KEY>}, and validates the result.
 * <p>
 * A key the defaults do not know is refused (a typo must not silently keep a default), and so is
 * any value of the wrong type or range; the message names the key and the value.
 */
public final class ConfigLoader {

    /** Environment variable naming a YAML file to load. */
    public static final String CONFIG_FILE_ENV = "ANJU_CONFIG";
    private static final String ENV_PREFIX = "ANJU_";
    private static final String DEFAULTS = "/anju-defaults.yaml";
    private static final Duration MAX_SESSION_CHECK = Duration.ofMinutes(1);

    private ConfigLoader() {
    }

    /**
     * Loads and validates the configuration.
     *
     * @param file an optional YAML file; when empty, {@value #CONFIG_FILE_ENV} may name one
     * @param env  the environment (usually {@link System#getenv()})
     * @throws ConfigException naming the key and value when anything is wrong
     */
    public static AnjuConfig load(Optional<Path> file, Map<String, String> env) {
        ObjectNode tree = defaults();
        Optional<Path> configFile = file.or(() -> Optional.ofNullable(env.get(CONFIG_FILE_ENV))
                .filter(s -> !s.isBlank()).map(Path::of));
        configFile.ifPresent(path -> merge(tree, readFile(path), ""));
        applyEnvironment(tree, "", env);
        return bind(new ConfigValues(tree));
    }

    private static AnjuConfig bind(ConfigValues v) {
        return new AnjuConfig(
                v.path("dataDir"),
                db(v),
                http(v),
                mqtt(v),
                new AnjuConfig.Ingest(v.intIn("ingest.batchMaxRows", 1, 1_000_000), v.duration("ingest.batchMaxDelay"),
                        v.intIn("ingest.queueMaxMessages", 1, 10_000_000)),
                presence(v),
                security(v),
                new AnjuConfig.Demo(v.intIn("demo.devicesPerType", 1, 1000), v.duration("demo.publishInterval")),
                new AnjuConfig.Rollup(v.duration("rollup.interval"), v.wholeHourZone("rollup.dayZone")),
                retention(v),
                new AnjuConfig.Feed(v.duration("feed.heartbeatInterval"), v.duration("feed.pollInterval"),
                        v.intIn("feed.clientBufferBytes", 1024, 64 * 1024 * 1024), v.duration("feed.slowClientTimeout")),
                webhooks(v),
                alerts(v),
                limits(v),
                billing(v),
                parking(v),
                charging(v),
                maintenance(v),
                jobs(v),
                kafka(v),
                payments(v), maintenancePlans(v), monthlyBilling(v));
    }

    /** The scheduled monthly billing run (off unless enabled: it bills for real). */
    private static MonthlyRunSettings monthlyBilling(ConfigValues v) {
        String p = "billing.monthlyRun.";
        Duration check = v.durationAtLeast(p + "checkInterval", Duration.ofSeconds(1), "1 second");
        v.durationAtMost(p + "checkInterval", Duration.ofHours(1), "1 hour");
        return new MonthlyRunSettings(v.bool(p + "enabled"), v.intIn(p + "dayOfMonth", 1, 28), v.localTime(p + "at"),
                check);
    }

    private static ParkingSettings parking(ConfigValues v) {
        return new ParkingSettings(new PairingSettings(v.decimalIn("parking.minConfidence", 0, 1),
                v.durationAtLeast("parking.openEntryLimit", Duration.ofHours(1), "1 hour")),
                v.intIn("parking.batchReads", 1, 1_000_000), v.duration("parking.interval"));
    }

    private static ChargingSettings charging(ConfigValues v) {
        String slots = v.text("charging.tariff.slots");
        if (!slots.matches("[SPFV]{48}")) {
            throw ConfigException.invalid("charging.tariff.slots", slots, "48 letters S (sharp), P (peak), F (flat) or V "
                    + "(valley), one per half hour from 00:00");
        }
        Map<Tier, TouTariff.Rate> rates = new EnumMap<>(Tier.class);
        for (Tier tier : Tier.values()) {
            rates.put(tier, new TouTariff.Rate(
                    BigDecimal.valueOf(v.decimalIn("charging.tariff." + tier.wireName() + "ElectricityFen", 0, 100_000)),
                    BigDecimal.valueOf(v.decimalIn("charging.tariff." + tier.wireName() + "ServiceFen", 0, 100_000))));
        }
        List<Tier> bySlot = slots.chars().mapToObj(c -> switch (c) {
            case 'S' -> Tier.SHARP;
            case 'P' -> Tier.PEAK;
            case 'F' -> Tier.FLAT;
            default -> Tier.VALLEY;
        }).toList();
        return new ChargingSettings(v.wholeHourZone("charging.zone"),
                v.durationAtLeast("charging.openSessionLimit", Duration.ofHours(1), "1 hour"),
                new TouTariff("configured", Instant.EPOCH, rates, bySlot), v.intIn("charging.batchEvents", 1, 1_000_000),
                v.duration("charging.interval"));
    }

    private static AnjuConfig.Maintenance maintenance(ConfigValues v) {
        String p = "maintenance.forecast.";
        try {
            ForecastRules rules = new ForecastRules(v.intIn(p + "minDailyPoints", 3, 10_000),
                    v.intIn(p + "minDailySpanDays", 1, 10_000), v.intIn(p + "minFaultWeeks", 3, 520),
                    v.intIn(p + "faultWeeks", 3, 520), v.intIn(p + "windowDays", 1, 10_000),
                    v.decimalIn(p + "confidenceLevel", 0.5, 0.999), v.positiveDecimal(p + "maxRelativeBand"),
                    v.intIn(p + "horizonDays", 1, 10_000));
            ForecastSettings settings = new ForecastSettings(rules, v.decimalIn(p + "batteryFloorPercent", 0, 100),
                    v.decimalIn(p + "chamberDriftLimit", 0, 100), v.decimalIn(p + "diskFullFraction", 0.01, 1),
                    v.decimalIn(p + "connectorTemperatureLimitC", 0, 150), v.decimalIn(p + "doorFaultsPerWeek", 1, 1_000),
                    v.wholeHourZone("rollup.dayZone"));
            String w = "maintenance.work.";
            return new AnjuConfig.Maintenance(settings, v.localTime(p + "runAt"), settings.figures(
                    v.intIn(w + "emergencyDueDays", 0, 30), v.intIn(w + "faultDueDays", 0, 30), escalationDays(v))
                    .over(org.anju.platform.maintenance.settings.CommunityMaintenanceSettings.NONE));
        } catch (org.anju.error.ClientError e) {
            // emergencyDueDays after faultDueDays
            throw ConfigException.invalid("maintenance.work.emergencyDueDays", v.text("maintenance.work.emergencyDueDays"),
                    e.getMessage());
        } catch (IllegalArgumentException e) {
            // rules that depend on each other (faultWeeks >= minFaultWeeks, windowDays >= minDailySpanDays)
            throw new ConfigException("configuration: " + e.getMessage());
        }
    }

    private static PaymentSettings payments(ConfigValues v) {
        return new PaymentSettings(v.durationAtLeast("payments.callbackWindow", Duration.ofSeconds(30), "30 seconds"),
                v.durationAtLeast("payments.orderExpiry", Duration.ofMinutes(1), "1 minute"),
                v.bool("payments.sandbox.enabled"), v.secret("payments.sandbox.key", 32),
                v.text("payments.sandbox.callbackUrl").strip(), new PaymentSettings.RefusedCallbacks(
                        v.intIn("payments.refusedCallbacks.budget", 1, 1_000_000),
                        v.durationAtLeast("payments.refusedCallbacks.window", Duration.ofSeconds(1), "1 second"),
                        v.durationAtLeast("payments.refusedCallbacks.retention", Duration.ofDays(1), "1 day")));
    }

    private static PlansSettings maintenancePlans(ConfigValues v) {
        java.util.Map<UsageCounter, Double> thresholds = new java.util.EnumMap<>(UsageCounter.class);
        for (UsageCounter c : UsageCounter.values()) {
            thresholds.put(c, v.positiveDecimal("maintenance.plans.counterThresholds." + c.wireName()));
        }
        return new PlansSettings(thresholds);
    }

    private static AnjuConfig.Kafka kafka(ConfigValues v) {
        String output = v.text("kafka.gatewayOutput").strip();
        if (!output.equals("database") && !output.equals("kafka")) {
            throw ConfigException.invalid("kafka.gatewayOutput", output, "expected database or kafka");
        }
        String commands = v.text("kafka.commands").strip();
        if (!commands.equals("gateway") && !commands.equals("kafka")) {
            throw ConfigException.invalid("kafka.commands", commands, "expected gateway or kafka");
        }
        AnjuConfig.Kafka kafka = new AnjuConfig.Kafka(v.text("kafka.bootstrapServers").strip(), output.equals("kafka"),
                v.bool("kafka.consume"), v.nonEmpty("kafka.groupId"), v.duration("kafka.linger"),
                v.durationAtLeast("kafka.deliveryTimeout", v.duration("kafka.linger").plusSeconds(1),
                        "kafka.linger plus a second"),
                v.intIn("kafka.maxPollRecords", 1, 100_000), v.duration("kafka.retryMaxDelay"),
                v.durationAtLeast("kafka.sessionTimeout", Duration.ofSeconds(6), "Kafka's minimum"),
                commands.equals("kafka"));
        if (kafka.enabled() && kafka.bootstrapServers().isEmpty()) {
            throw ConfigException.invalid("kafka.bootstrapServers", "",
                    "needed when kafka.gatewayOutput is kafka, kafka.consume is true or kafka.commands is kafka");
        }
        return kafka;
    }

    private static AnjuConfig.Db db(ConfigValues v) {
        StatementTimeouts timeouts = new StatementTimeouts(v.duration("db.statementTimeout.interactive"),
                v.duration("db.statementTimeout.report"), v.duration("db.statementTimeout.admin"),
                v.duration("db.statementTimeout.background"));
        return new AnjuConfig.Db(v.text("db.url"), v.text("db.user"), v.text("db.password"),
                v.intIn("db.poolSize", 1, 500), v.intIn("db.requestPoolSize", 1, 500), timeouts,
                v.duration("db.connectTimeout"), v.intIn("db.embeddedPort", 0, 65535));
    }

    private static AnjuConfig.Limits limits(ConfigValues v) {
        Duration historyDay = v.durationAtMost("limits.history.dayMaxRange", HistoryLimits.DAY_CEILING,
                "the days one history holds");
        Duration historyHour = v.durationAtMost("limits.history.hourMaxRange",
                min(historyDay, HistoryLimits.HOUR_CEILING), "limits.history.dayMaxRange and the hours one history holds");
        HistoryLimits history = new HistoryLimits(
                v.durationAtMost("limits.history.defaultRange", historyDay, "limits.history.dayMaxRange"),
                v.durationAtMost("limits.history.rawMaxRange", historyHour, "limits.history.hourMaxRange"),
                historyHour, historyDay);
        int directoryPage = v.intIn("limits.directory.defaultPageSize", 1, 100_000);
        return new AnjuConfig.Limits(listLimits(v, "events"), listLimits(v, "records"),
                ListLimits.paged("directory", directoryPage, v.intIn("limits.directory.maxPageSize", directoryPage,
                        100_000)),
                history, v.duration("limits.feedMaxCatchUp"), v.duration("limits.storageFiguresMaxAge"),
                listLimits(v, "audit"));
    }

    /** A family of timed lists under {@code limits.<family>}: the default within the maximum, for ranges and pages. */
    private static ListLimits listLimits(ConfigValues v, String family) {
        String prefix = "limits." + family + ".";
        Duration maxRange = v.duration(prefix + "maxRange");
        int defaultPageSize = v.intIn(prefix + "defaultPageSize", 1, 100_000);
        return new ListLimits(family, v.durationAtMost(prefix + "defaultRange", maxRange, prefix + "maxRange"), maxRange,
                defaultPageSize, v.intIn(prefix + "maxPageSize", defaultPageSize, 100_000));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static AnjuConfig.Security security(ConfigValues v) {
        Duration failureDelay = v.duration("security.login.failureDelay");
        AnjuConfig.Login login = new AnjuConfig.Login(v.intIn("security.login.maxFailures", 1, 1000),
                v.intIn("security.login.addressMaxFailures", 1, 100_000), failureDelay,
                v.durationAtLeast("security.login.maxFailureDelay", failureDelay, "security.login.failureDelay"),
                v.duration("security.login.lockDuration"), v.intIn("security.login.passwordThreads", 1, 256),
                v.intIn("security.login.passwordQueue", 0, 100_000));
        Duration sessionCheck = v.duration("security.sessionCheckInterval");
        if (sessionCheck.compareTo(MAX_SESSION_CHECK) > 0) {
            throw ConfigException.invalid("security.sessionCheckInterval", v.text("security.sessionCheckInterval"),
                    "must be at most 1m: changes of users must reach open sessions within a minute");
        }
        return new AnjuConfig.Security(v.secret("security.jwtSecret", 32), v.duration("security.tokenTtl"),
                v.duration("security.deviceAuthCacheTtl"), v.intIn("security.bcryptCost", 4, 16), sessionCheck, login,
                v.secret("security.eventSecretKey", 44), new AnjuConfig.DeviceHashing(
                        v.intIn("security.deviceHashing.threads", 0, 256),
                        v.intIn("security.deviceHashing.queue", 0, 1_000_000),
                        v.duration("security.deviceHashing.maxWait")));
    }

    private static AnjuConfig.Http http(ConfigValues v) {
        Optional<AnjuConfig.Http.Tls> tls = v.text("http.tls.certPath").isBlank() ? Optional.empty()
                : Optional.of(new AnjuConfig.Http.Tls(v.existingFile("http.tls.certPath"),
                        v.text("http.tls.keyPath").isBlank() ? "" : v.existingFile("http.tls.keyPath"),
                        v.text("http.tls.keyStorePassword"), v.duration("http.tls.hstsMaxAge"),
                        v.intIn("http.tls.redirectPort", -1, 65535)));
        return new AnjuConfig.Http(v.nonEmpty("http.host"), v.intIn("http.port", 0, 65535),
                v.token("http.metricsToken", 16), tls);
    }

    private static AnjuConfig.Webhooks webhooks(ConfigValues v) {
        Duration base = v.duration("webhooks.retryBase");
        return new AnjuConfig.Webhooks(v.duration("webhooks.pollInterval"), v.duration("webhooks.connectTimeout"),
                v.duration("webhooks.requestTimeout"), base, v.durationAtLeast("webhooks.retryMax", base,
                        "webhooks.retryBase"), v.intIn("webhooks.maxAttempts", 1, 100),
                v.intIn("webhooks.concurrency", 1, 1000), v.bool("webhooks.allowPrivateTargets"),
                v.secret("webhooks.secretKey", 44));
    }

    /** Billing: the local zone, the default tariffs (validated as the API validates a tariff), leases and the fund share. */
    private static BillingSettings billing(ConfigValues v) {
        Map<TariffKind, Tariff> defaults = new EnumMap<>(TariffKind.class);
        defaults.put(TariffKind.VISITOR_PARKING, new Tariff.VisitorParking(
                v.intIn("billing.visitorParking.freeMinutes", 0, 24 * 60),
                v.intIn("billing.visitorParking.hourlyFen", 0, 1_000_000),
                v.intIn("billing.visitorParking.dailyCapFen", 0, 10_000_000)));
        defaults.put(TariffKind.PARCEL_OVERDUE, new Tariff.ParcelOverdue(
                v.intIn("billing.parcelOverdue.freeHours", 0, 24 * 365),
                v.intIn("billing.parcelOverdue.periodHours", 1, 24 * 365),
                v.intIn("billing.parcelOverdue.feePerPeriodFen", 0, 1_000_000),
                v.intIn("billing.parcelOverdue.capFen", 0, 10_000_000)));
        defaults.put(TariffKind.LATE_FEE, new Tariff.LateFee(
                v.intIn("billing.lateFee.dailyRateBasisPoints", 0, 10_000),
                v.intIn("billing.lateFee.capBasisPoints", 0, 10_000)));
        return new BillingSettings(v.wholeHourZone("billing.zone"), defaults,
                v.intIn("billing.nonOwnerLeaseMaxMonths", 1, 120),
                v.intIn("billing.commonAreaFundSharePercent", 0, 100),
                v.intIn("billing.invoiceDueDays", 0, 365), reminderDays(v));
    }

    /** The reminder steps, "1,15,30": ascending days past the due date, as a community's are checked. */
    private static java.util.List<Integer> reminderDays(ConfigValues v) {
        return steps(v, "billing.reminderDaysPastDue", 10, 3650);
    }

    /** The escalation steps of overdue work orders, "1,3,7": ascending days overdue, as a community's are checked. */
    private static java.util.List<Integer> escalationDays(ConfigValues v) {
        return steps(v, "maintenance.work.escalationDays", 10, 365);
    }

    private static java.util.List<Integer> steps(ConfigValues v, String key, int maxSteps, int maxDays) {
        String raw = v.text(key).strip();
        try {
            return org.anju.platform.settings.SettingsBody.ascending(key, java.util.Arrays.stream(raw.split(","))
                    .map(String::strip).map(Integer::valueOf).toList(), maxSteps, 1, maxDays);
        } catch (NumberFormatException | org.anju.error.ClientError e) {
            throw ConfigException.invalid(key, raw, "expected 1 to " + maxSteps + " ascending whole numbers of days from 1 to "
                    + maxDays + ", comma-separated");
        }
    }

    private static AnjuConfig.Alerts alerts(ConfigValues v) {
        return new AnjuConfig.Alerts(new AlertSettings(v.bool("alerts.urban"), v.duration("alerts.rescueSlaUrban"),
                v.duration("alerts.rescueSlaOther"), v.duration("alerts.entrapmentAfter"),
                v.decimalIn("alerts.lowBatteryPercent", 0, 100), v.decimalIn("alerts.cameraMaxTemperature", -40, 120),
                v.decimalIn("alerts.cameraStorageFullPercent", 1, 100), v.decimalIn("alerts.chargerMaxTemperature", -40, 150),
                v.intIn("alerts.stormThreshold", 2, 100_000), v.duration("alerts.stormWindow"),
                v.duration("alerts.fireAckTimeout"), v.duration("alerts.fireConfirmTimeout"),
                v.intIn("alerts.falseAlarmDailyLimit", 0, 100_000)), v.duration("alerts.timerPollInterval"));
    }

    /** Each rollup level is kept at least as long as the level it is made from; fire records and the audit log at least a year. */
    private static AnjuConfig.Jobs jobs(ConfigValues v) {
        String instanceId = v.text("jobs.instanceId");
        return new AnjuConfig.Jobs(instanceId.isBlank() ? Leases.newInstanceId() : instanceId.strip(),
                v.durationAtLeast("jobs.leaseTime", Leases.MIN_LEASE_TIME, "the shortest lease"));
    }

    private static AnjuConfig.Retention retention(ConfigValues v) {
        Duration telemetry = v.duration("retention.telemetry");
        Duration hourly = v.durationAtLeast("retention.hourly", telemetry, "retention.telemetry");
        Duration daily = v.durationAtLeast("retention.daily", hourly, "retention.hourly");
        Duration fireEvents = v.durationAtLeast("retention.fireEvents", RetentionPolicy.FIRE_RECORDS_MINIMUM,
                "the legal minimum for fire records (GB 25201)");
        Duration audit = v.durationAtLeast("retention.audit", RetentionPolicy.FIRE_RECORDS_MINIMUM,
                "365d, like fire records");
        return new AnjuConfig.Retention(v.duration("retention.interval"), telemetry, hourly, daily,
                v.duration("retention.events"), fireEvents, audit);
    }

    /** One heartbeat expectation per device type, under the type's wire name ({@code presence.smoke_detector.…}). */
    private static PresenceSettings presence(ConfigValues v) {
        Map<DeviceType, Expectation> expectations = new EnumMap<>(DeviceType.class);
        for (DeviceType type : DeviceType.values()) {
            String prefix = "presence." + type.wireName() + ".";
            expectations.put(type, new Expectation(
                    v.durationAtLeast(prefix + "interval", Expectation.MIN_INTERVAL, "1s"),
                    v.intIn(prefix + "missed", 1, 1000), v.bool(prefix + "offlineOnDisconnect")));
        }
        return new PresenceSettings(v.duration("presence.checkInterval"), expectations);
    }

    private static AnjuConfig.Mqtt mqtt(ConfigValues v) {
        int tlsPort = v.intIn("mqtt.tls.port", 0, 65535);
        String certPath = v.text("mqtt.tls.certPath");
        String clientCaPath = v.text("mqtt.tls.clientCaPath").isBlank() ? "" : v.existingFile("mqtt.tls.clientCaPath");
        if (!clientCaPath.isEmpty() && v.text("mqtt.tls.clientCertTenant").isBlank()) {
            throw ConfigException.invalid("mqtt.tls.clientCertTenant", "", "the tenant the CAs of mqtt.tls.clientCaPath "
                    + "belong to is required (a user name no longer chooses a certificate's tenant; or give each tenant "
                    + "its CAs with PUT /api/v1/provisioning/tenants/{tenantId}/trusted-cas)");
        }
        Optional<GatewayOptions.Tls> tls = certPath.isBlank() ? Optional.empty()
                : Optional.of(new GatewayOptions.Tls(tlsPort, v.existingFile("mqtt.tls.certPath"),
                        v.text("mqtt.tls.keyPath").isBlank() ? "" : v.existingFile("mqtt.tls.keyPath"),
                        v.text("mqtt.tls.keyStorePassword"), clientCaPath, v.text("mqtt.tls.clientCertTenant")));
        boolean plainEnabled = v.bool("mqtt.plainEnabled");
        if (!plainEnabled && tls.isEmpty()) {
            throw ConfigException.invalid("mqtt.plainEnabled", "false", "the plain port may be turned off only when TLS "
                    + "is on (mqtt.tls.certPath)");
        }
        int perConnection = v.intIn("mqtt.maxInFlightPerConnection", 1, 65535);
        GatewayOptions gateway = new GatewayOptions(v.nonEmpty("mqtt.host"), v.intIn("mqtt.port", 0, 65535),
                plainEnabled, tls, v.duration("mqtt.ackTimeout"), v.intIn("mqtt.maxConnections", 1, 10_000_000),
                perConnection, v.intIn("mqtt.maxInFlightTotal", perConnection, 10_000_000),
                v.intIn("mqtt.maxPacketBytes", 1024, 256 * 1024 * 1024), v.duration("mqtt.revalidateInterval"),
                authThrottle(v));
        TenantLimits limits = new TenantLimits(v.intIn("mqtt.limits.maxPayloadBytes", 64, gateway.maxPacketBytes()),
                v.positiveDecimal("mqtt.limits.messagesPerSecond"), v.intIn("mqtt.limits.messageBurst", 1, 1_000_000),
                v.intIn("mqtt.limits.maxConnections", 1, 10_000_000), v.intIn("mqtt.limits.maxTopicLength", 16, 65535));
        return new AnjuConfig.Mqtt(gateway, tlsPort, limits);
    }

    /** maxFailures 0 turns throttling off; the delays must still be valid durations. */
    private static GatewayOptions.AuthThrottle authThrottle(ConfigValues v) {
        int perName = v.intIn("mqtt.authThrottle.maxFailures", 0, 1_000_000);
        Duration base = v.duration("mqtt.authThrottle.baseDelay");
        return new GatewayOptions.AuthThrottle(perName, v.intIn("mqtt.authThrottle.maxAddressFailures", perName, 10_000_000),
                base, v.durationAtLeast("mqtt.authThrottle.maxDelay", base, "mqtt.authThrottle.baseDelay"),
                v.duration("mqtt.authThrottle.lockDuration"));
    }

    private static ObjectNode defaults() {
        try (InputStream in = ConfigLoader.class.getResourceAsStream(DEFAULTS)) {
            return (ObjectNode) Json.YAML.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + DEFAULTS, e);
        }
    }

    private static JsonNode readFile(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new ConfigException("configuration file '" + path + "' does not exist");
        }
        try {
            JsonNode node = Json.YAML.readTree(path.toFile());
            if (node == null || node.isMissingNode() || node.isNull()) {
                return Json.YAML.createObjectNode();
            }
            if (!node.isObject()) {
                throw new ConfigException("configuration file '" + path + "' must hold a YAML mapping");
            }
            return node;
        } catch (IOException e) {
            throw new ConfigException("configuration file '" + path + "' is not valid YAML: " + e.getMessage());
        }
    }

    private static void merge(ObjectNode target, JsonNode overrides, String prefix) {
        Iterator<Map.Entry<String, JsonNode>> fields = overrides.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = prefix + field.getKey();
            JsonNode current = target.get(field.getKey());
            if (current == null) {
                throw new ConfigException("unknown configuration key '" + key + "'" + retiredHint(key));
            }
            if (current.isObject()) {
                if (!field.getValue().isObject()) {
                    throw ConfigException.invalid(key, field.getValue(), "expected a mapping of keys");
                }
                merge((ObjectNode) current, field.getValue(), key + ".");
            } else {
                target.set(field.getKey(), field.getValue());
            }
        }
    }

    /** Points keys of earlier versions to what replaced them. */
    private static String retiredHint(String key) {
        return key.equals("devices") || key.startsWith("devices.")
                ? ": devices.offlineAfter was replaced by presence.<device type>.interval and .missed" : "";
    }

    private static void applyEnvironment(ObjectNode node, String prefix, Map<String, String> env) {
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String path = prefix + field.getKey();
            if (field.getValue().isObject()) {
                applyEnvironment((ObjectNode) field.getValue(), path + ".", env);
            } else {
                String value = env.get(environmentName(path));
                if (value != null) {
                    field.setValue(TextNode.valueOf(value));
                }
            }
        }
    }

    /** Returns the environment variable for a key: {@code db.poolSize} → {@code ANJU_DB_POOL_SIZE}. */
    public static String environmentName(String key) {
        return ENV_PREFIX + key.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replace('.', '_').toUpperCase();
    }
}
