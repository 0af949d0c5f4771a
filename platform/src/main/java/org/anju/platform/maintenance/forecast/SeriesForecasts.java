package org.anju.platform.maintenance.forecast;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

import org.anju.platform.storage.rollup.DailySeries;

/**
 * Turns the daily series of a pass, as they stream in, into forecasts: picks each metric's subject
 * and limit, fits the series on the pass's fit threads (one {@link Forecaster} each), and keeps the
 * forecasts that have an expected day.
 */
final class SeriesForecasts implements DailySeries.Visitor {

    /**
     * The series the pass reads, each day's value as its subject needs it: a battery's or a clean
     * chamber's lowest reading, a disk's or connector's highest; {@code storageTotalBytes} only sets
     * the disk's limit.
     */
    static final List<DailySeries.Pick> PICKS = List.of(
            new DailySeries.Pick("battery", DailySeries.Daily.MIN),
            new DailySeries.Pick("smokeConcentration", DailySeries.Daily.MIN),
            new DailySeries.Pick("storageTotalBytes", DailySeries.Daily.LAST),
            new DailySeries.Pick("storageUsedBytes", DailySeries.Daily.MAX),
            new DailySeries.Pick("connector.%.Temperature", DailySeries.Daily.MAX));

    private final ThreadLocal<Forecaster> forecaster;
    private final ForecastSettings settings;
    // the devices of communities with figures of their own; the others have the platform's
    private final Map<String, ForecastSettings> ownSettings;
    private final LocalDate today;
    private final ExecutorService fits;
    private final List<Future<DeviceForecast>> pending = new ArrayList<>();
    private long series;
    // the device whose storageTotalBytes came last: it sorts just before storageUsedBytes
    private String totalOf;
    private double total;

    SeriesForecasts(ForecastSettings settings, LocalDate today, ExecutorService fits) {
        this(settings, Map.of(), today, fits);
    }

    /** Forecasts with {@code ownSettings} for the devices it names (their communities' figures), else {@code settings}. */
    SeriesForecasts(ForecastSettings settings, Map<String, ForecastSettings> ownSettings, LocalDate today,
            ExecutorService fits) {
        this.forecaster = ThreadLocal.withInitial(() -> new Forecaster(settings.rules()));
        this.settings = settings;
        this.ownSettings = ownSettings;
        this.today = today;
        this.fits = fits;
    }

    @Override
    public void series(String deviceId, String metric, double[] days, double[] values, int n) {
        ForecastSettings settings = settingsOf(deviceId);
        switch (metric) {
            case "battery" -> forecast(deviceId, Subject.BATTERY_DEPLETION, metric, days, values, n,
                    Limit.below(settings.batteryFloorPercent()));
            case "smokeConcentration" -> forecast(deviceId, Subject.CHAMBER_DRIFT, metric, days, values, n,
                    Limit.above(settings.chamberDriftLimit()));
            case "storageTotalBytes" -> {
                totalOf = deviceId;
                total = values[n - 1];
            }
            case "storageUsedBytes" -> {
                if (deviceId.equals(totalOf) && total > 0) {
                    forecast(deviceId, Subject.DISK_FULL, metric, days, values, n,
                            Limit.above(total * settings.diskFullFraction()));
                }
            }
            default -> {
                if (metric.startsWith("connector.") && metric.endsWith(".Temperature")) {
                    forecast(deviceId, Subject.TEMPERATURE_CREEP, metric, days, values, n,
                            Limit.above(settings.connectorTemperatureLimitC()));
                }
            }
        }
    }

    /** Adds the door-fault forecasts from weekly counts, week 0 starting on {@code firstWeekStart}. */
    void doorFaults(Map<String, int[]> weeklyCounts, LocalDate firstWeekStart) {
        int weeks = settings.rules().faultWeeks();
        double[] x = new double[weeks];
        for (int w = 0; w < weeks; w++) {
            x[w] = firstWeekStart.plusWeeks(w).toEpochDay();
        }
        weeklyCounts.forEach((deviceId, counts) -> {
            double[] y = new double[weeks];
            for (int w = 0; w < weeks; w++) {
                y[w] = counts[w];
            }
            series++;
            ForecastSettings own = settingsOf(deviceId);
            pending.add(fits.submit(() -> new DeviceForecast(deviceId, Subject.DOOR_FAULTS, DeviceForecast.DOOR_FAULTS_METRIC,
                    forecaster.get().with(own.rules()).weeklyFaults(x, y, weeks, own.doorFaultsPerWeek(), today))));
        });
    }

    /** Waits for the fits; returns the forecasts with an expected day. */
    List<DeviceForecast> forecasts() throws InterruptedException, ExecutionException {
        List<DeviceForecast> forecasts = new ArrayList<>();
        for (Future<DeviceForecast> fit : pending) {
            Forecast.Outcome outcome = fit.get().forecast().outcome();
            if (outcome == Forecast.Outcome.DUE || outcome == Forecast.Outcome.BEYOND_HORIZON) {
                forecasts.add(fit.get());
            }
        }
        return forecasts;
    }

    /** Returns how many series were forecast from. */
    long series() {
        return series;
    }

    private void forecast(String deviceId, Subject subject, String metric, double[] days, double[] values, int n,
            Limit limit) {
        series++;
        // the reader reuses its arrays for the next series
        double[] x = Arrays.copyOf(days, n);
        double[] y = Arrays.copyOf(values, n);
        ForecastRules rules = settingsOf(deviceId).rules();
        pending.add(fits.submit(() -> new DeviceForecast(deviceId, subject, metric,
                forecaster.get().with(rules).daily(x, y, n, limit, today))));
    }

    private ForecastSettings settingsOf(String deviceId) {
        return ownSettings.getOrDefault(deviceId, settings);
    }
}
