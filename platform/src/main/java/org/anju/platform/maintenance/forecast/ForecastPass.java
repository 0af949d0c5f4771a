package org.anju.platform.maintenance.forecast;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.anju.error.ServerError;
import org.anju.platform.delivery.Notification;
import org.anju.platform.delivery.Outbox;
import org.anju.platform.maintenance.DueWork;
import org.anju.platform.maintenance.WorkOrderSink;
import org.anju.platform.maintenance.WorkSource;
import org.anju.platform.maintenance.settings.CommunityMaintenanceSettings;
import org.anju.platform.maintenance.settings.MaintenanceSettingsStore;
import org.anju.platform.registry.Devices;
import org.anju.platform.storage.UnitOfWork;
import org.anju.platform.storage.history.WeeklyEventCounts;
import org.anju.platform.storage.rollup.DailySeries;

/**
 * The daily forecast pass over the whole fleet: reads the daily rollups of the last
 * {@link ForecastRules#windowDays()} whole days (never raw rows) and the weekly door-fault counts of
 * the last {@link ForecastRules#faultWeeks()} weeks, forecasts each series (with the limits, horizon
 * and fewest points of the device's community where it set its own), replaces the table of
 * forecasts, and notifies each forecast that became due ({@value #TOPIC}, with its evidence) to the
 * device's community through the outbox, in the same transaction.
 * <p>
 * {@link #run()} blocks on JDBC: call it from a worker thread. Running it again on the same day
 * changes nothing and notifies nothing again.
 */
public final class ForecastPass {

    /** The topic of a forecast that became due. */
    public static final String TOPIC = "maintenance.forecast_due";

    /** The elevator fault codes about doors (GB/T 24476): close, open, open while running, moving with the door open, repeated. */
    static final List<String> DOOR_FAULT_CODES = List.of("02", "03", "08", "12", "14");

    /** Fits run beside the reader on every core: a pass is CPU-bound once the rows have arrived. */
    private static final int FIT_THREADS = Runtime.getRuntime().availableProcessors();

    private static final Logger LOG = LoggerFactory.getLogger(ForecastPass.class);
    private static final String WHAT = "maintenance forecasts";

    private final UnitOfWork work;
    private final ForecastSettings settings;
    private final Outbox outbox;
    private final WorkOrderSink workOrders;
    private final Clock clock;

    /** Returns a pass over the database of {@code work} that opens no work orders (the benchmark's). */
    public ForecastPass(UnitOfWork work, ForecastSettings settings, Outbox outbox, Clock clock) {
        this(work, settings, outbox, null, clock);
    }

    /**
     * Returns a pass over the database of {@code work} that also opens a work order (source
     * {@code forecast}, with the evidence) for each forecast that became due, in the same transaction.
     */
    public ForecastPass(UnitOfWork work, ForecastSettings settings, Outbox outbox, WorkOrderSink workOrders,
            Clock clock) {
        this.work = work;
        this.settings = settings;
        this.outbox = outbox;
        this.workOrders = workOrders;
        this.clock = clock;
    }

    /**
     * Runs the pass.
     *
     * @throws ServerError 503 (retryable) when the database fails; the previous forecasts stay as they were
     */
    public ForecastRun run() {
        Instant now = clock.instant();
        ZoneId zone = settings.dayZone();
        LocalDate today = LocalDate.ofInstant(now, zone);
        long started = System.nanoTime();
        long rows;
        List<DeviceForecast> forecasts;
        SeriesForecasts series;
        ExecutorService fits = Executors.newFixedThreadPool(FIT_THREADS, Thread.ofPlatform().name("forecast-fit-", 0)
                .daemon().factory());
        try {
            series = new SeriesForecasts(settings, work.read(WHAT, this::ownSettings), today, fits);
            // whole days only: today's rollup is still filling
            rows = work.read(WHAT, tx -> DailySeries.forEach(tx, SeriesForecasts.PICKS,
                    today.minusDays(settings.rules().windowDays()), today, zone, series));
            LocalDate firstWeek = today.minusWeeks(settings.rules().faultWeeks());
            Map<String, int[]> faults = work.read(WHAT, tx -> WeeklyEventCounts.count(tx, "fault", "code",
                    DOOR_FAULT_CODES, firstWeek, settings.rules().faultWeeks(), zone));
            series.doorFaults(faults, firstWeek);
            forecasts = series.forecasts();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ServerError.unavailable("maintenance forecast pass interrupted", e);
        } catch (ExecutionException e) {
            throw ServerError.internal("a maintenance forecast fit failed", e.getCause());
        } finally {
            fits.shutdownNow();
        }
        long read = System.nanoTime();
        int raised = work.inTransaction(WHAT, tx -> {
            Set<ForecastStore.Key> wasDue = ForecastStore.dueKeys(tx);
            ForecastStore.replace(tx, forecasts, now);
            return notifyRaised(tx, forecasts, wasDue);
        });
        int due = (int) forecasts.stream().filter(f -> f.forecast().due()).count();
        ForecastRun run = new ForecastRun(series.series(), rows, due, forecasts.size() - due, raised,
                (read - started) / 1_000_000, (System.nanoTime() - read) / 1_000_000);
        LOG.info("maintenance forecast pass [series: {}, daily rows: {}, due: {}, later: {}, raised: {}, read ms: {}, write ms: {}]",
                run.series(), run.dailyRows(), run.due(), run.beyondHorizon(), run.raised(), run.readMillis(),
                run.writeMillis());
        return run;
    }

    /**
     * Returns the settings of each device of a community with maintenance figures of its own (few:
     * the others keep the platform's, and a fleet without any costs one query).
     */
    private Map<String, ForecastSettings> ownSettings(UnitOfWork.Tx tx) throws SQLException {
        Map<String, ForecastSettings> byDevice = new HashMap<>();
        for (Map.Entry<String, CommunityMaintenanceSettings> own : MaintenanceSettingsStore.all(tx).entrySet()) {
            ForecastSettings community = settings.over(own.getValue());
            Devices.ofCommunity(tx, own.getKey()).keySet().forEach(device -> byDevice.put(device, community));
        }
        return byDevice;
    }

    private int notifyRaised(UnitOfWork.Tx tx, List<DeviceForecast> forecasts, Set<ForecastStore.Key> wasDue)
            throws SQLException {
        List<DeviceForecast> raised = new ArrayList<>();
        for (DeviceForecast f : forecasts) {
            if (f.forecast().due() && !wasDue.contains(ForecastStore.Key.of(f))) {
                raised.add(f);
            }
        }
        if (raised.isEmpty()) {
            return 0;
        }
        Map<String, Devices.Place> places = Devices.places(tx, raised.stream().map(DeviceForecast::deviceId).toList());
        List<Notification> notifications = new ArrayList<>();
        for (DeviceForecast f : raised) {
            Devices.Place place = places.get(f.deviceId());
            if (place == null) {
                // rollups outlive devices: a removed device's forecast is kept until the next pass, told to nobody
                continue;
            }
            notifications.add(new Notification(TOPIC, place.tenantId(), place.communityId(), false, f.json()));
            if (workOrders != null) {
                workOrders.open(tx, dueWork(f, place));
            }
        }
        // one batch: a first pass over a fleet raises thousands (one append each took 16 s of a 40 s pass)
        outbox.appendAll(tx, notifications);
        return raised.size();
    }

    /**
     * The work a forecast that became due asks for: due on its earliest expected day, one occurrence
     * per raise ({@code forecast:<device>/<subject>/<metric>/<raised day>}), carrying its evidence.
     */
    private DueWork dueWork(DeviceForecast f, Devices.Place place) {
        LocalDate raisedOn = LocalDate.ofInstant(clock.instant(), settings.dayZone());
        String ref = "forecast:" + f.deviceId() + "/" + f.subject().wireName() + "/" + f.metric() + "/" + raisedOn;
        return new DueWork(place.communityId(), f.deviceId(), WorkSource.FORECAST, ref, f.forecast().earliest(),
                f.subject().wireName() + " due in " + f.forecast().dueInDays() + " days", List.of(),
                place.type().equals("elevator") ? 2 : 1, false, f.json().toString());
    }
}
