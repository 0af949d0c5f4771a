package org.anju.platform.maintenance.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;

class SeriesForecastsTest {

    private static final LocalDate TODAY = LocalDate.of(2028, 3, 1);

    /** Regression: each fit once read the weekly counts of whichever device the loop had reached by then. */
    @Test
    void eachElevatorsDoorFaultsAreFitOnItsOwnCounts() throws Exception {
        // GIVEN 400 elevators, alternately with rising and with steady door faults
        Map<String, int[]> counts = new LinkedHashMap<>();
        for (int i = 0; i < 400; i++) {
            counts.put("elev-" + i, i % 2 == 0 ? new int[] {0, 1, 1, 2, 3, 3, 4, 5} : new int[] {2, 1, 3, 2, 2, 1, 3, 2});
        }
        ExecutorService fits = Executors.newFixedThreadPool(4);
        try {
            SeriesForecasts series = new SeriesForecasts(ForecastSettings.defaults(ZoneId.of("Asia/Shanghai")), TODAY, fits);

            // WHEN
            series.doorFaults(counts, TODAY.minusWeeks(8));
            List<DeviceForecast> forecasts = series.forecasts();

            // THEN exactly the rising ones are forecast
            assertThat(series.series()).isEqualTo(400);
            assertThat(forecasts).hasSize(200).allSatisfy(f -> {
                assertThat(Integer.parseInt(f.deviceId().substring(5)) % 2).as(f.deviceId()).isZero();
                assertThat(f.forecast().due()).isTrue();
            });
        } finally {
            fits.shutdownNow();
        }
    }

    @Test
    void aDiskIsForecastAgainstItsOwnCapacityAndConnectorsEachOnTheirOwn() throws Exception {
        ExecutorService fits = Executors.newFixedThreadPool(2);
        try {
            SeriesForecasts series = new SeriesForecasts(ForecastSettings.defaults(ZoneId.of("Asia/Shanghai")), TODAY, fits);
            double[] days = new double[30];
            double[] used = new double[30];
            double[] warm = new double[30];
            double[] total = new double[30];
            for (int d = 0; d < 30; d++) {
                days[d] = TODAY.minusDays(30 - d).toEpochDay();
                used[d] = 500 + 10 * d;
                warm[d] = 50 + 0.5 * d;
                total[d] = 1_000;
            }
            series.series("cam-1", "storageTotalBytes", days, total, 30);
            series.series("cam-1", "storageUsedBytes", days, used, 30);
            // a camera whose capacity never came: no limit, no forecast
            series.series("cam-2", "storageUsedBytes", days, used, 30);
            series.series("chg-1", "connector.2.Temperature", days, warm, 30);
            series.series("chg-1", "unrelated", days, warm, 30);

            assertThat(series.forecasts()).extracting(f -> f.deviceId() + " " + f.subject().wireName() + " " + f.metric()
                    + " " + f.forecast().limit().value()).containsExactly(
                            "cam-1 disk_full storageUsedBytes 950.0",
                            "chg-1 temperature_creep connector.2.Temperature 70.0");
        } finally {
            fits.shutdownNow();
        }
    }
}
