package org.anju.platform;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.concurrent.TimeUnit;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.anju.gateway.MqttGateway;
import org.anju.platform.api.AlertServices;
import org.anju.platform.api.BillingServices;
import org.anju.platform.billing.BillableSource;
import org.anju.platform.billing.CommonAreaResolutions;
import org.anju.platform.billing.ContractedHouseholds;
import org.anju.platform.billing.Contracts;
import org.anju.platform.billing.FundIncome;
import org.anju.platform.billing.MonthlyRunJob;
import org.anju.platform.billing.OverdueReminders;
import org.anju.platform.billing.Tariffs;
import org.anju.platform.billing.UsageTariffs;
import org.anju.platform.api.HttpApi;
import org.anju.platform.api.LiveDeviceUpdates;
import org.anju.platform.api.OwnersServices;
import org.anju.platform.api.PaymentServices;
import org.anju.platform.api.StorageServices;
import org.anju.platform.auth.AuthServices;
import org.anju.platform.auth.TenantDirectory;
import org.anju.platform.commands.DeviceCommands;
import org.anju.platform.config.AnjuConfig;
import org.anju.platform.delivery.Delivery;
import org.anju.platform.delivery.Outbox;
import org.anju.platform.signals.SignalListener;
import org.anju.platform.signals.SignalSender;
import org.anju.platform.signals.Signals;
import org.anju.platform.estate.EstateServices;
import org.anju.platform.ingest.IngestListener;
import org.anju.platform.ingest.IngestSettings;
import org.anju.platform.ingest.TelemetryIngest;
import org.anju.platform.jobs.ClusterJobs;
import org.anju.platform.jobs.Leases;
import org.anju.platform.presence.PresenceChange;
import org.anju.platform.presence.PresenceJob;
import org.anju.platform.presence.PresenceTracker;
import org.anju.platform.privacy.EventSecrets;
import org.anju.platform.api.UsageBillables;
import org.anju.platform.api.UsageServices;
import org.anju.platform.charging.ChargingDerivation;
import org.anju.platform.charging.ChargingSessions;
import org.anju.platform.charging.ChargingSettings;
import org.anju.platform.charging.EstateIdTags;
import org.anju.platform.parking.ParkingDerivation;
import org.anju.platform.parking.ParkingReviews;
import org.anju.platform.parking.Visits;
import org.anju.platform.parking.ParkingSettings;
import org.anju.platform.parcels.ParcelDerivation;
import org.anju.platform.parcels.Parcels;
import org.anju.platform.payments.CallbackHousekeeping;
import org.anju.platform.payments.InvoicePayments;
import org.anju.platform.provisioning.CommunityProvisioning;
import org.anju.platform.registry.CachedDeviceTypes;
import org.anju.platform.registry.DeviceRegistry;
import org.anju.platform.registry.PasswordHasher;
import org.anju.platform.registry.Registrar;
import org.anju.platform.registry.RegistryGatewayClient;
import org.anju.platform.registry.TrustedCaStore;
import org.anju.platform.storage.Database;
import org.anju.platform.storage.DatabaseProvisioner;
import org.anju.platform.storage.EmbeddedPostgres;
import org.anju.platform.storage.RequestClass;
import org.anju.platform.storage.UnitOfWork;
import org.anju.platform.storage.housekeeping.Housekeeping;
import org.anju.platform.maintenance.forecast.DailyForecastJob;
import org.anju.platform.maintenance.work.AlertWork;
import org.anju.platform.maintenance.work.OverdueEscalation;
import org.anju.platform.maintenance.work.WorkServices;
import org.anju.platform.maintenance.forecast.ForecastList;
import org.anju.platform.maintenance.forecast.ForecastPass;
import org.anju.platform.maintenance.plans.MaintenancePlans;
import org.anju.platform.storage.retention.RetentionPolicy;
import org.anju.platform.storage.rollup.RollupSettings;
import org.anju.protocol.catalogue.DeviceCatalogue;

/**
 * The all-in-one process: database, ingest, HTTP API and dashboards, and the MQTT gateway, wired
 * together on one Vert.x instance.
 */
public final class AnjuPlatform implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AnjuPlatform.class);
    private static final long START_TIMEOUT_S = 30;

    private final AnjuConfig config;
    private final Clock clock = Clock.systemUTC();
    // how long the hashed id tags of a community are reused before the estate is read again
    private static final Duration ID_TAGS_MAX_AGE = Duration.ofMinutes(1);
    private DatabaseProvisioner.Target databaseTarget;
    private Database database;
    private Vertx vertx;
    private TelemetryIngest ingest;
    private ScaleOut scaleOut;
    private PresenceTracker presence;
    private PresenceJob presenceJob;
    private AlertServices alerts;
    private OwnersServices owners;
    private ClusterJobs ownerJobs;
    private ClusterJobs billingJobs;
    private Housekeeping storageJobs;
    private ClusterJobs usageJobs;
    private ParcelDerivation parcels;
    private Parcels parcelNotices;
    private ClusterJobs planJobs;
    private ParkingDerivation parking;
    private ChargingDerivation charging;
    private MaintenancePlans maintenancePlans;
    private DailyForecastJob forecasts;
    private WorkServices work;
    private OverdueEscalation overdueWork;
    private HttpApi http;
    private Delivery delivery;
    private SignalListener signals;
    private MqttGateway gateway;
    private Registrar registrar;
    private PasswordHasher hasher;
    private AuthServices auth;
    private Leases leases;
    private PrometheusMeterRegistry meters;
    private EstateServices estate;
    private int httpPort;
    private int mqttPort;

    private AnjuPlatform(AnjuConfig config) {
        this.config = config;
    }

    /**
     * Starts everything, in dependency order; on failure stops what had started.
     *
     * @throws StartupException with a one-line reason
     */
    public static AnjuPlatform start(AnjuConfig config) {
        AnjuPlatform platform = new AnjuPlatform(config);
        try {
            platform.startAll();
            return platform;
        } catch (RuntimeException e) {
            platform.close();
            throw e instanceof StartupException s ? s : new StartupException(e.getMessage(), e);
        }
    }

    private void startAll() {
        LOG.info("starting Anju [dataDir: {}, db: {}]", config.dataDir().toAbsolutePath(), config.db());
        createDataDir();
        databaseTarget = DatabaseProvisioner.resolve(config);
        database = Database.open(databaseTarget.settings());
        vertx = Vertx.vertx();
        meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        leases = new Leases(database.work(), config.jobs().instanceId(), config.jobs().leaseTime(), clock);
        AnjuConfig.DeviceHashing hashing = config.security().deviceHashing();
        hasher = new PasswordHasher(config.security().bcryptCost(), hashing.threadsOrCores(), hashing.queue(),
                hashing.maxWait());
        DeviceRegistry registry = new DeviceRegistry(database.work());
        registrar = new Registrar(database.work(), hasher);
        AnjuConfig.Retention rc = config.retention();
        RetentionPolicy retention = new RetentionPolicy(rc.telemetry(), rc.hourly(), rc.daily(), rc.events(), rc.fireEvents());
        RollupSettings rollups = new RollupSettings(config.rollup().interval(), config.rollup().dayZone(),
                retention.telemetry(), retention.hourly());
        storageJobs = Housekeeping.open(database, rollups, retention, rc.interval(), clock);
        SignalSender signalSender = new SignalSender(vertx, database.work(), Signals.origin(vertx));
        // the outbox's commits of this process go on to the other instances, after the commit
        vertx.eventBus().localConsumer(Outbox.COMMITTED_HERE_ADDRESS, message -> signalSender.outboxCommitted());
        LiveDeviceUpdates deviceUpdates = new LiveDeviceUpdates(vertx, registry, signalSender);
        maintenancePlans = new MaintenancePlans(database.work(), config.maintenancePlans(), config.rollup().dayZone(),
                clock);
        AnjuConfig.Maintenance maintenance = config.maintenance();
        work = WorkServices.of(database.work(RequestClass.INTERACTIVE), maintenancePlans.completions(), clock,
                config.rollup().dayZone(), maintenance.defaults());
        alerts = AlertServices.of(database.work(), database.work(RequestClass.INTERACTIVE), new Outbox(vertx),
                config.alerts(), clock, config.rollup().dayZone(), meters,
                new AlertWork(work.orders(), clock, config.rollup().dayZone(), maintenance.defaults()));
        ForecastPass forecastPass = new ForecastPass(database.work(), maintenance.forecast(), new Outbox(vertx),
                work.orders(), clock);
        forecasts = new DailyForecastJob(forecastPass::run, maintenance.forecastAt(), config.rollup().dayZone(), clock);
        planJobs = clusterJobs("maintenance-plans", 1);
        maintenancePlans.start(planJobs, work.orders());
        alerts.start(clusterJobs("alert-timers", 1));
        presence = new PresenceTracker(config.presence());
        presence.addListener(changes -> deviceUpdates.committed(deviceIds(changes)));
        presence.addListener(alerts.engine());
        AnjuConfig.Ingest ic = config.ingest();
        EventSecrets secrets = eventSecrets();
        CachedDeviceTypes devices = new CachedDeviceTypes(vertx, registry);
        ingest = new TelemetryIngest(database.work(),
                new IngestSettings(ic.batchMaxRows(), ic.batchMaxDelay(), ic.queueMaxMessages()),
                DeviceCatalogue.standard().sealingWith(secrets), devices, presence,
                IngestListener.both(deviceUpdates, alerts.engine()), meters);
        ingest.start();
        scaleOut = await(ScaleOut.start(vertx, config.kafka(), ingest, devices, meters));
        presenceJob = new PresenceJob(database.work(), presence, clock);
        presenceJob.start(clusterJobs("presence", 1));
        storageJobs.start(clusterJobs("storage", 2));
        startUsageJobs(secrets);
        forecasts.start(clusterJobs("maintenance", 1));
        overdueWork = new OverdueEscalation(database.work(), new Outbox(vertx), clock, config.rollup().dayZone(),
                maintenance.defaults());
        overdueWork.start(clusterJobs("maintenance-work", 1));
        gateway = MqttGateway.create(vertx, config.mqtt().gateway(), new RegistryGatewayClient(vertx, registry,
                new TrustedCaStore(database.work()), hasher, config.mqtt().limits(),
                config.security().deviceAuthCacheTtl(), clock), scaleOut.gatewayDownstream(), meters);
        delivery = await(startDelivery(meters));
        signals = listenToOtherInstances(deviceUpdates);
        DeviceRegistry requestRegistry = new DeviceRegistry(database.work(RequestClass.INTERACTIVE));
        owners = OwnersServices.of(database.work(), database.work(RequestClass.INTERACTIVE), new Outbox(vertx), clock,
                config.rollup().dayZone());
        ownerJobs = clusterJobs("owners", 1);
        owners.start(ownerJobs);
        auth = AuthServices.start(vertx, database.work(RequestClass.INTERACTIVE), hasher,
                TenantDirectory.of(requestRegistry), jwtSecret(), config.security(), config.retention(), clock,
                clusterJobs("auth", 1));
        estate = EstateServices.of(database.work(RequestClass.INTERACTIVE), auth.users().residentLogins(), clock,
                config.rollup().dayZone());
        UsageServices usage = usageServices();
        parcelNotices = new Parcels(database.work(RequestClass.INTERACTIVE), secrets);
        List<BillableSource> billables = new ArrayList<>(UsageBillables.of(usage));
        billables.add(parcelNotices);
        BillingServices billing = BillingServices.of(database.work(RequestClass.INTERACTIVE),
                database.work(RequestClass.ADMIN), config.billing(), clock, billables, FundIncome.of(owners.fund()),
                InvoicePayments.AMOUNTS, BigDecimal.valueOf(config.parking().pairing().minConfidence()));
        billingJobs = clusterJobs("billing", 1);
        new MonthlyRunJob(database.work(), billing.runs(), config.monthlyBilling(), config.billing().zone(), clock)
                .start(billingJobs);
        http = new HttpApi(vertx, config.http(), new HttpApi.Services(auth, requestRegistry, deviceUpdates,
                new DeviceCommands(vertx, scaleOut.commands(gateway), requestRegistry), meters, database::isReachable,
                StorageServices.of(database, storageJobs.rollups().tables(), retention, rollups.dayZone(), clock,
                        config.limits(), meters),
                new CommunityProvisioning(registrar,
                        new PasswordHasher(CommunityProvisioning.DEVICE_SECRET_BCRYPT_COST)),
                delivery, alerts, config.limits(), estate, billing, usage, owners,
                PaymentServices.of(config.payments(), config.dataDir(), database.work(RequestClass.INTERACTIVE), clock,
                        () -> httpPort, meters),
                new MaintenancePlans(database.work(RequestClass.INTERACTIVE), config.maintenancePlans(),
                        config.rollup().dayZone(), clock), work,
                new ForecastList(database.work(RequestClass.INTERACTIVE)), parcelNotices));
        httpPort = await(http.start());
        mqttPort = await(gateway.start());
        await(scaleOut.startCommandConsumer(gateway));
    }

    /**
     * Jobs that run on one instance at a time across the instances on this database, under this
     * instance's leases ({@code jobs.instanceId}, {@code jobs.leaseTime}).
     */
    private ClusterJobs clusterJobs(String name, int threads) {
        return new ClusterJobs(name, threads, leases, clock, meters);
    }

    /** Returns this instance's leases on the cluster-wide jobs (who runs what, in {@code job_leases}). */
    public Leases leases() {
        return leases;
    }

    /** Returns the listener for the other instances' commits on the database. */
    public SignalListener signals() {
        return signals;
    }

    /** Returns the escalation of overdue work orders (its job runs on one instance at a time). */
    public OverdueEscalation overdueWork() {
        return overdueWork;
    }

    public int httpPort() {
        return httpPort;
    }

    public int mqttPort() {
        return mqttPort;
    }

    /** Returns the TLS port of the MQTT gateway, 0 without TLS. */
    public int mqttTlsPort() {
        return gateway.tlsPort();
    }

    public Database database() {
        return database;
    }

    /** Returns the pid file of the embedded database server, when the platform runs one. */
    public Optional<Path> embeddedPostgresPidFile() {
        return Optional.ofNullable(databaseTarget.embedded()).map(EmbeddedPostgres::pidFile);
    }

    /** Returns the registrar, which writes the registry (blocking; call from a worker or main thread). */
    public Registrar registrar() {
        return registrar;
    }

    /** Returns the storage jobs (rollups and retention), to run them at once. */
    public Housekeeping storageJobs() {
        return storageJobs;
    }

    /** Returns the presence tracker, to listen for devices going online or offline. */
    public PresenceTracker presence() {
        return presence;
    }

    /** Returns the presence job (to run a check at once). */
    public PresenceJob presenceJob() {
        return presenceJob;
    }

    /** Returns the live feed and webhook dispatcher. */
    public Delivery delivery() {
        return delivery;
    }

    /** Returns the alert services (rule engine, fire workflow, rescues, timers). */
    public AlertServices alerts() {
        return alerts;
    }

    /** Returns the people and places of the communities (households, vehicles, spaces): provisioning and reads. */
    public EstateServices estate() {
        return estate;
    }

    /** Returns users, sessions, log-in and the audit log. */
    public AuthServices auth() {
        return auth;
    }

    /** Returns the HTTP API, for checks of its routes. */
    public HttpApi http() {
        return http;
    }

    /** Stops devices first, then ingest (writing what was queued), then HTTP and the database; idempotent. */
    @Override
    public synchronized void close() {
        if (gateway != null) {
            awaitQuietly(gateway.stop());
            gateway = null;
        }
        if (scaleOut != null) {
            // the consumer's records in processing finish (or are left for the group) while ingest still writes
            awaitQuietly(scaleOut.stopConsuming());
            awaitQuietly(scaleOut.closeProducer());
            scaleOut = null;
        }
        if (ingest != null) {
            ingest.close();
            ingest = null;
        }
        if (presenceJob != null) {
            presenceJob.close();
            presenceJob = null;
        }
        if (ownerJobs != null) {
            ownerJobs.close();
            ownerJobs = null;
        }
        if (billingJobs != null) {
            billingJobs.close();
            billingJobs = null;
        }
        if (alerts != null) {
            alerts.close();
            alerts = null;
        }
        if (usageJobs != null) {
            usageJobs.close();
            usageJobs = null;
        }
        if (planJobs != null) {
            planJobs.close();
            planJobs = null;
        }
        if (overdueWork != null) {
            overdueWork.close();
            overdueWork = null;
        }
        if (forecasts != null) {
            forecasts.close();
            forecasts = null;
        }
        if (storageJobs != null) {
            storageJobs.close();
            storageJobs = null;
        }
        if (signals != null) {
            signals.close();
            signals = null;
        }
        if (http != null) {
            awaitQuietly(http.stop());
            http = null;
        }
        if (delivery != null) {
            delivery.close();
            delivery = null;
        }
        if (auth != null) {
            auth.close();
            auth = null;
        }
        if (vertx != null) {
            awaitQuietly(vertx.close());
            vertx = null;
        }
        if (hasher != null) {
            hasher.close();
            hasher = null;
        }
        if (database != null) {
            database.close();
            database = null;
        }
        if (databaseTarget != null) {
            databaseTarget.close();
            databaseTarget = null;
        }
    }

    private static Set<String> deviceIds(List<PresenceChange> changes) {
        return changes.stream().map(PresenceChange::deviceId).collect(Collectors.toSet());
    }

    private void createDataDir() {
        try {
            Files.createDirectories(config.dataDir());
        } catch (IOException e) {
            throw new StartupException("cannot create the data folder " + config.dataDir().toAbsolutePath() + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Wakes the feed and the webhook dispatcher when another instance commits notifications, and
     * publishes the devices it committed; after each (re)connection of the listener, wakes them and
     * republishes the devices of the communities streamed here, once.
     */
    private SignalListener listenToOtherInstances(LiveDeviceUpdates deviceUpdates) {
        Runnable wakeReaders = () -> vertx.eventBus().publish(Outbox.COMMITTED_ADDRESS, null);
        return SignalListener.start(databaseTarget.settings(), config.jobs().instanceId(), Signals.origin(vertx),
                Map.of(Signals.OUTBOX_CHANNEL, payload -> wakeReaders.run(),
                Signals.DEVICES_CHANNEL, payload -> deviceUpdates.committedElsewhere(payload.ids())),
                () -> {
                    wakeReaders.run();
                    deviceUpdates.resync();
                }, meters);
    }

    /** Starts the live feed and the webhook dispatcher; their secret key is kept like the token secret. */
    private Future<Delivery> startDelivery(PrometheusMeterRegistry meters) {
        try {
            return Delivery.start(vertx, database.work(), database.work(RequestClass.INTERACTIVE), config.feed(),
                    config.webhooks(), config.dataDir(), meters, clock);
        } catch (IOException | IllegalArgumentException e) {
            throw new StartupException("cannot set up webhook secrets: " + e.getMessage(), e);
        }
    }

    /** Derives visits and charging sessions from stored events, each on its own schedule (docs/billing.md). */
    private void startUsageJobs(EventSecrets secrets) {
        ParkingSettings ps = config.parking();
        ChargingSettings cs = config.charging();
        Tariffs tariffs = Tariffs.create(config.billing(), clock);
        Contracts contracts = Contracts.create(tariffs, config.billing(), CommonAreaResolutions.OWNERS, clock);
        parking = new ParkingDerivation(database.work(), ps, UsageTariffs.visitorParking(tariffs),
                ContractedHouseholds.of(contracts, config.billing().zone()));
        charging = new ChargingDerivation(database.work(), cs,
                UsageTariffs.evTimeOfUse(tariffs, config.billing().zone(), Optional.of(cs.tariff())),
                new EstateIdTags(secrets, ID_TAGS_MAX_AGE, clock));
        usageJobs = clusterJobs("usage", 2);
        usageJobs.schedule("parking.derivation", () -> parking.runOnce(clock.instant()), ps.interval(), ps.interval());
        usageJobs.schedule("charging.derivation", () -> charging.runOnce(clock.instant()), cs.interval(), cs.interval());
        parcels = new ParcelDerivation(database.work(), tariffs, config.billing().zone(), clock);
        usageJobs.schedule("parcels.derivation", parcels::runOnce, ParcelDerivation.INTERVAL, ParcelDerivation.INTERVAL);
        usageJobs.schedule("billing.overdue-reminders", new OverdueReminders(database.work(), config.billing(),
                InvoicePayments.AMOUNTS, new Outbox(vertx), clock)::run, Duration.ofMinutes(1), Duration.ofHours(1));
        Duration window = config.payments().refused().window();
        usageJobs.schedule("payments.callback-housekeeping", new CallbackHousekeeping(database.work(),
                config.payments().refused(), clock)::run, window, window);
    }

    /** The visitor-parking and charging records the API reads and resolves. */
    private UsageServices usageServices() {
        UnitOfWork interactive = database.work(RequestClass.INTERACTIVE);
        return new UsageServices(new Visits(interactive),
                new ParkingReviews(interactive, UsageTariffs.visitorParking(Tariffs.create(config.billing(), clock))),
                new ChargingSessions(interactive), config.charging().zone());
    }

    /** Returns the derivation of visits from plate reads (to run it at once). */
    public ParkingDerivation parking() {
        return parking;
    }

    /** Returns the maintenance assets, plans and counters (the daily run, the completion listener). */
    public MaintenancePlans maintenancePlans() {
        return maintenancePlans;
    }

    /** Returns the parcel notices the API serves (the demo registers its resident's number). */
    public Parcels parcelNotices() {
        return parcelNotices;
    }

    /** Returns the derivation of parcels from locker events (to run it at once). */
    public ParcelDerivation parcels() {
        return parcels;
    }

    /** Returns the derivation of charging sessions from charger events (to run it at once). */
    public ChargingDerivation charging() {
        return charging;
    }

    /** The key that seals pickup codes and id tags as ingest stores them (docs/security.md). */
    private EventSecrets eventSecrets() {
        try {
            return EventSecrets.load(config.security().eventSecretKey(), config.dataDir());
        } catch (IOException e) {
            throw new StartupException("cannot read or create the event key in " + config.dataDir() + ": "
                    + e.getMessage(), e);
        }
    }

    /** Returns the configured token secret, or one generated once and kept (owner-only) in the data folder. */
    private String jwtSecret() {
        if (!config.security().jwtSecret().isEmpty()) {
            return config.security().jwtSecret();
        }
        Path file = config.dataDir().resolve("jwt-secret");
        try {
            if (Files.exists(file)) {
                return Files.readString(file).strip();
            }
            byte[] random = new byte[48];
            new SecureRandom().nextBytes(random);
            String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            Files.writeString(file, secret);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            return secret;
        } catch (IOException e) {
            throw new StartupException("cannot read or create " + file + ": " + e.getMessage(), e);
        }
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(START_TIMEOUT_S, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new StartupException(e.getCause().getMessage(), e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new StartupException("start-up step did not finish within " + START_TIMEOUT_S + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupException("interrupted during start-up", e);
        }
    }

    private static void awaitQuietly(Future<?> future) {
        try {
            future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.debug("stop step did not complete cleanly: {}", e.toString());
        }
    }
}
