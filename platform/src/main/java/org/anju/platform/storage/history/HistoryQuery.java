package org.anju.platform.storage.history;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.anju.error.ClientError;

/**
 * A request for one metric of one device over {@code [from, to)}.
 */
public record HistoryQuery(String deviceId, String metric, Instant from, Instant to) {

    /** The longest range one request may cover: five years (with leap days). */
    public static final Duration MAX_RANGE = Duration.ofDays(5 * 366);
    // the grammar ingest accepts for metric names (TelemetryDecoder)
    private static final Pattern METRIC = Pattern.compile("[A-Za-z][A-Za-z0-9_.\\-]{0,63}");

    /**
     * Reads and checks the query parameters {@code metric} (required), {@code from} (required) and
     * {@code to} (default: now), ISO-8601 instants with an offset.
     *
     * @param params the query parameter of a name, or null when absent
     * @throws ClientError 400 naming the parameter that is missing or wrong
     */
    public static HistoryQuery parse(String deviceId, Function<String, String> params, Clock clock) {
        String metric = params.apply("metric");
        if (metric == null || metric.isEmpty()) {
            throw ClientError.badRequest("parameter 'metric' is required");
        }
        if (!METRIC.matcher(metric).matches()) {
            throw ClientError.badRequest("parameter 'metric' must start with a letter and hold only letters, digits,"
                    + " '_', '.' and '-' (at most 64)");
        }
        Instant from = QueryParams.instant(params, "from");
        if (from == null) {
            throw ClientError.badRequest("parameter 'from' is required");
        }
        Instant given = QueryParams.instant(params, "to");
        Instant to = given == null ? clock.instant() : given;
        QueryParams.checkRange(from, to, MAX_RANGE);
        return new HistoryQuery(deviceId, metric, from, to);
    }
}
