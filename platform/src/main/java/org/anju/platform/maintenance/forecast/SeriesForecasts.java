package org.anju.platform.maintenance.forecast;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.anju.platform.storage.rollup.DailySeries;

/**
 * Turns the daily series of a pass, as they stream in, into forecasts: picks each metric's subject,
 * daily value and limit, and keeps the forecasts that have an expected day.
 */
final class SeriesForecasts implements DailySeries.Visitor {

    /** The metrics the pass reads ({@code LIKE} patterns); {@code storageTotalBytes} only sets the disk's limit. */
    static final List<String> METRICS = List.of("battery", "smokeConcentration", "storageTotalBytes", "storageUsedBytes",
            "connector.%.Temperature");

    private final Forecaster forecaster;
    private final ForecastSettings settings;
    private final LocalDate today;
    private final List<DeviceForecast> forecasts = new ArrayList<>();
    private long series;
    // the device whose storageTotalBytes came last: it sorts just before storageUsedBytes
    private String totalOf;
    private double total;

    SeriesForecasts(ForecastSettings settings, LocalDate today) {
        this.forecaster = new Forecaster(settings.rules());
        this.settings = settings;
        this.today = today;
    }

    @Override
    public void series(String deviceId, String metric, DailySeries.Days days) {
        switch (metric) {
            case "battery" -> forecast(deviceId, Subject.BATTERY_DEPLETION, metric, days, days.min(),
                    Limit.below(settings.batteryFloorPercent()));
            case "smokeConcentration" -> forecast(deviceId, Subject.CHAMBER_DRIFT, metric, days, days.min(),
                    Limit.above(settings.chamberDriftLimit()));
            case "storageTotalBytes" -> {
                totalOf = deviceId;
                total = days.last()[days.n() - 1];
            }
            case "storageUsedBytes" -> {
                if (deviceId.equals(totalOf) && total > 0) {
                    forecast(deviceId, Subject.DISK_FULL, metric, days, days.max(),
                            Limit.above(total * settings.diskFullFraction()));
                }
            }
            default -> {
                if (metric.startsWith("connector.") && metric.endsWith(".Temperature")) {
                    forecast(deviceId, Subject.TEMPERATURE_CREEP, metric, days, days.max(),
                            Limit.above(settings.connectorTemperatureLimitC()));
                }
            }
        }
    }

    /** Adds the door-fault forecasts from weekly counts, week 0 starting on {@code firstWeekStart}. */
    void doorFaults(Map<String, int[]> weeklyCounts, LocalDate firstWeekStart) {
        int weeks = settings.rules().faultWeeks();
        double[] x = new double[weeks];
        double[] y = new double[weeks];
        for (int w = 0; w < weeks; w++) {
            x[w] = firstWeekStart.plusWeeks(w).toEpochDay();
        }
        weeklyCounts.forEach((deviceId, counts) -> {
            for (int w = 0; w < weeks; w++) {
                y[w] = counts[w];
            }
            series++;
            keep(new DeviceForecast(deviceId, Subject.DOOR_FAULTS, DeviceForecast.DOOR_FAULTS_METRIC,
                    forecaster.weeklyFaults(x, y, weeks, settings.doorFaultsPerWeek(), today)));
        });
    }

    /** Returns the forecasts with an expected day. */
    List<DeviceForecast> forecasts() {
        return forecasts;
    }

    /** Returns how many series were forecast from. */
    long series() {
        return series;
    }

    private void forecast(String deviceId, Subject subject, String metric, DailySeries.Days days, double[] values,
            Limit limit) {
        series++;
        keep(new DeviceForecast(deviceId, subject, metric,
                forecaster.daily(days.epochDay(), values, days.n(), limit, today)));
    }

    private void keep(DeviceForecast f) {
        Forecast.Outcome outcome = f.forecast().outcome();
        if (outcome == Forecast.Outcome.DUE || outcome == Forecast.Outcome.BEYOND_HORIZON) {
            forecasts.add(f);
        }
    }
}
