package org.anju.platform.maintenance.forecast;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.anju.error.ClientError;
import org.anju.platform.Json;
import org.anju.platform.query.QueryParams;
import org.anju.platform.registry.Devices;
import org.anju.platform.storage.Sql;
import org.anju.platform.storage.UnitOfWork;

/**
 * A community's forecasts from the last daily pass ({@code GET …/maintenance/forecasts}): the devices'
 * rows of {@code maintenance_forecasts}, soonest expected first, with their evidence, optionally of
 * one subject or outcome. Who may ask is the caller's to check.
 */
public final class ForecastList {

    private static final String WHAT = "maintenance forecasts";
    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 500;
    private static final String SELECT = """
            SELECT device_id, subject, metric, outcome, computed_at, raised_at, points, first_day, last_day,
                   slope_per_day, slope_low, slope_high, level, limit_value, rising, confidence, expected_on,
                   earliest_on, latest_on, due_in_days
              FROM maintenance_forecasts
             WHERE device_id = ANY (?) AND (?::text IS NULL OR subject = ?) AND (?::text IS NULL OR outcome = ?)
             ORDER BY expected_on, device_id, subject, metric
             LIMIT ?""";

    private final UnitOfWork work;

    /** Returns a list over the database of {@code work}. */
    public ForecastList(UnitOfWork work) {
        this.work = work;
    }

    /**
     * Returns {@code {"items": [...]}}, the community's forecasts; blocks on JDBC.
     *
     * @param params the query parameters: {@code subject}, {@code outcome} ({@code due},
     *               {@code beyond_horizon}), {@code limit} (1-500, default 100)
     * @throws ClientError 400 naming the parameter that is not one of its values
     */
    public ObjectNode list(String communityId, Function<String, String> params) {
        String subject = oneOf(params, "subject", Arrays.stream(Subject.values()).map(Subject::wireName)
                .toArray(String[]::new));
        // only forecasts with an expected day are stored (ForecastStore)
        String outcome = oneOf(params, "outcome", "due", "beyond_horizon");
        int limit = QueryParams.pageSize(params, DEFAULT_LIMIT, MAX_LIMIT, WHAT);
        ObjectNode answer = Json.MAPPER.createObjectNode();
        ArrayNode items = answer.putArray("items");
        work.read(WHAT, tx -> {
            Map<String, String> devices = Devices.ofCommunity(tx, communityId);
            tx.query(SELECT, rs -> items.add(item(rs, devices)), devices.keySet().toArray(String[]::new), subject,
                    subject, outcome, outcome, limit);
            return null;
        });
        return answer;
    }

    private static ObjectNode item(ResultSet rs, Map<String, String> devices) throws SQLException {
        ObjectNode o = Json.MAPPER.createObjectNode().put("deviceId", rs.getString("device_id"))
                .put("deviceType", devices.get(rs.getString("device_id"))).put("subject", rs.getString("subject"))
                .put("metric", rs.getString("metric")).put("outcome", rs.getString("outcome"))
                .put("computedAt", Sql.instant(rs, "computed_at").toString());
        Instant raisedAt = Sql.instant(rs, "raised_at");
        o.put("raisedAt", raisedAt == null ? null : raisedAt.toString());
        o.put("expectedOn", rs.getString("expected_on")).put("earliestOn", rs.getString("earliest_on"))
                .put("latestOn", rs.getString("latest_on")).put("dueInDays", rs.getInt("due_in_days"));
        o.putObject("evidence").put("points", rs.getInt("points")).put("firstDay", rs.getString("first_day"))
                .put("lastDay", rs.getString("last_day")).put("slopePerDay", rs.getDouble("slope_per_day"))
                .put("slopeLow", rs.getDouble("slope_low")).put("slopeHigh", rs.getDouble("slope_high"))
                .put("level", rs.getDouble("level")).put("limit", rs.getDouble("limit_value"))
                .put("rising", rs.getBoolean("rising")).put("confidence", rs.getDouble("confidence"));
        return o;
    }

    private static String oneOf(Function<String, String> params, String name, String... values) {
        String value = params.apply(name);
        if (value == null || Arrays.asList(values).contains(value)) {
            return value;
        }
        throw ClientError.badRequest("parameter '" + name + "' must be one of " + String.join(", ", values));
    }
}
