package org.anju.platform.history;

import java.time.Clock;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.anju.error.ClientError;
import org.anju.platform.query.QueryParams;
import org.anju.platform.query.TimeRange;

/**
 * A request for one metric of one device over a range {@code [from, to)}.
 *
 * @param resolution the resolution asked for, or null to let the service pick one
 */
public record HistoryQuery(String deviceId, String metric, TimeRange range, Resolution resolution) {

    // the grammar ingest accepts for metric names (TelemetryDecoder)
    private static final Pattern METRIC = Pattern.compile("[A-Za-z][A-Za-z0-9_.\\-]{0,63}");

    /**
     * Reads and checks the query parameters {@code metric} (required), {@code from} and {@code to}
     * (ISO-8601 instants with an offset; {@code to} defaults to now, {@code from} to the default
     * range before {@code to}) and {@code resolution} ({@code raw}, {@code hour} or {@code day};
     * optional).
     *
     * @param params the query parameter of a name, or null when absent
     * @throws ClientError 400 naming the parameter that is missing or wrong, and the limit a range exceeds
     */
    public static HistoryQuery parse(String deviceId, Function<String, String> params, Clock clock,
            HistoryLimits limits) {
        String metric = params.apply("metric");
        if (metric == null || metric.isEmpty()) {
            throw ClientError.badRequest("parameter 'metric' is required");
        }
        if (!METRIC.matcher(metric).matches()) {
            throw ClientError.badRequest("parameter 'metric' must start with a letter and hold only letters, digits,"
                    + " '_', '.' and '-' (at most 64)");
        }
        String asked = params.apply("resolution");
        Resolution resolution = asked == null || asked.isEmpty() ? null : Resolution.fromWireName(asked)
                .orElseThrow(() -> ClientError.badRequest("parameter 'resolution' must be raw, hour or day"));
        TimeRange range = QueryParams.range(params, clock.instant(), limits.defaultRange());
        if (resolution == null) {
            QueryParams.requireSpan(range, limits.dayMaxRange(), "history");
        } else {
            QueryParams.requireSpan(range, limits.maxRange(resolution), resolution.wireName() + " history");
        }
        return new HistoryQuery(deviceId, metric, range, resolution);
    }
}
