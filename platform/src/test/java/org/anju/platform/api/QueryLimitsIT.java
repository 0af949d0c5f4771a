package org.anju.platform.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.anju.platform.testing.ApiCalls;
import org.anju.platform.testing.Fixtures;
import org.anju.platform.testing.RecordRows;
import org.anju.platform.testing.RunningPlatform;

/**
 * The query limits of every list family over real HTTP, with the documented defaults
 * ({@code limits.*}): a range or page over its maximum is a 400 naming the limit and the value;
 * without a range a list holds the default range only (records: those active in it); pages hold
 * every row exactly once and keep the range of the first page; storage figures are measured once
 * per maximum age.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class QueryLimitsIT {

    private static final String ELM = Fixtures.COMMUNITY;
    private static final String OAK = Fixtures.OTHER_COMMUNITY;
    private static final Pattern MEASUREMENTS = Pattern.compile("(?m)^anju_storage_usage_measurements_total(?:\\{[^}]*})? (\\S+)$");
    private static RunningPlatform running;
    private static ApiCalls api;
    private static String root;
    private static String otto;
    private static long subscription;
    private static RecordRows rows;

    @BeforeAll
    static void start() throws Exception {
        // the dispatcher must not try the deliveries written below
        running = RunningPlatform.start(Map.of("ANJU_WEBHOOKS_POLL_INTERVAL", "1h"));
        api = new ApiCalls(running);
        Fixtures fixtures = running.fixtures().device("det-1", "smoke_detector", "pw").device("lift-1", "elevator", "pw")
                .propertyUser("otto", "otto-password", "operator");
        fixtures.platformAdmin("root", "root-password");
        root = running.login("root", "root-password");
        otto = running.login("otto", "otto-password");
        rows = new RecordRows(running);
        subscription = rows.subscription("limits");
    }

    @AfterAll
    static void stop() {
        if (running != null) {
            running.close();
        }
    }

    @Test
    void aRangeOverTheMaximumIsA400NamingTheLimitForEveryFamily() throws Exception {
        Map<String, String> refused = new LinkedHashMap<>();
        refused.put("/api/v1/devices/det-1/events?" + days(32), "range of 32 days exceeds the maximum of 31 days for events"
                + " (parameters 'from' and 'to')");
        refused.put("/api/v1/communities/" + ELM + "/events?" + days(32), "range of 32 days exceeds the maximum of 31 days"
                + " for events");
        refused.put("/api/v1/devices/det-1/history?metric=battery&" + days(1831), "range of 1831 days exceeds the maximum"
                + " of 1830 days for history");
        refused.put("/api/v1/devices/det-1/history?metric=battery&resolution=raw&" + days(8), "range of 8 days exceeds the"
                + " maximum of 7 days for raw history");
        refused.put("/api/v1/alerts?" + days(367), "range of 367 days exceeds the maximum of 366 days for alerts");
        refused.put("/api/v1/incidents?" + days(367), "range of 367 days exceeds the maximum of 366 days for incidents");
        refused.put("/api/v1/fire-cases?" + days(367), "range of 367 days exceeds the maximum of 366 days for fire cases");
        refused.put("/api/v1/rescues?" + days(367), "range of 367 days exceeds the maximum of 366 days for rescues");
        refused.put("/api/v1/webhooks/subscriptions/" + subscription + "/deliveries?" + days(367),
                "range of 367 days exceeds the maximum of 366 days for webhook deliveries");
        // 'to' defaults to now: a 'from' years back is over the limit too
        refused.put("/api/v1/alerts?from=2020-01-01T00:00:00Z", "exceeds the maximum of 366 days for alerts");
        refused.put("/api/v1/devices/det-1/events?from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:01Z",
                "range of 31 days 1 second exceeds the maximum of 31 days for events");

        for (Map.Entry<String, String> c : refused.entrySet()) {
            running.assertRefused(c.getKey(), root, 400, c.getValue());
        }
        // exactly the maximum is allowed
        api.get("/api/v1/alerts?" + days(366), root, 200);
        api.get("/api/v1/devices/det-1/events?" + days(31), root, 200);
    }

    @Test
    void aPageOverTheMaximumIsA400NamingTheLimit() throws Exception {
        Map<String, String> refused = new LinkedHashMap<>();
        refused.put("/api/v1/devices/det-1/events?limit=1001", "page size 1001 exceeds the maximum of 1000 for events"
                + " (parameter 'limit')");
        refused.put("/api/v1/communities/" + ELM + "/events?limit=1001", "page size 1001 exceeds the maximum of 1000 for events");
        refused.put("/api/v1/alerts?limit=501", "page size 501 exceeds the maximum of 500 for alerts");
        refused.put("/api/v1/incidents?limit=501", "page size 501 exceeds the maximum of 500 for incidents");
        refused.put("/api/v1/fire-cases?limit=501", "page size 501 exceeds the maximum of 500 for fire cases");
        refused.put("/api/v1/rescues?limit=501", "page size 501 exceeds the maximum of 500 for rescues");
        refused.put("/api/v1/webhooks/subscriptions/" + subscription + "/deliveries?limit=501",
                "page size 501 exceeds the maximum of 500 for webhook deliveries");
        refused.put("/api/v1/communities?limit=2001", "page size 2001 exceeds the maximum of 2000 for communities");
        refused.put("/api/v1/communities/" + ELM + "/devices?limit=2001", "page size 2001 exceeds the maximum of 2000"
                + " for devices");
        refused.put("/api/v1/webhooks/subscriptions?limit=2001", "page size 2001 exceeds the maximum of 2000 for webhook"
                + " subscriptions");
        refused.put("/api/v1/alerts?limit=0", "parameter 'limit' must be a whole number from 1 to 500");

        for (Map.Entry<String, String> c : refused.entrySet()) {
            running.assertRefused(c.getKey(), root, 400, c.getValue());
        }
    }

    @Test
    void withoutARangeAListHoldsTheDefaultRangeAndRecordsActiveInIt() throws Exception {
        // events and history: the last 24 hours
        running.sql("""
                INSERT INTO device_events (ts, device_id, kind, payload) VALUES
                    (now() - INTERVAL '1 hour', 'det-1', 'recent', '{}'), (now() - INTERVAL '25 hours', 'det-1', 'old', '{}');
                INSERT INTO telemetry (ts, device_id, metric, value) VALUES
                    (now() - INTERVAL '2 hours', 'lift-1', 'load', 1), (now() - INTERVAL '30 hours', 'lift-1', 'load', 2)""");
        assertThat(kinds("/api/v1/devices/det-1/events?kind=recent")).containsExactly("recent");
        assertThat(kinds("/api/v1/devices/det-1/events?kind=old")).isEmpty();
        assertThat(kinds("/api/v1/communities/" + ELM + "/events?kind=old&from=" + ago(48))).containsExactly("old");
        JsonNode history = api.get("/api/v1/devices/lift-1/history?metric=load", otto, 200);
        assertThat(history.get("resolution").asText()).isEqualTo("raw");
        assertThat(history.get("points")).extracting(p -> p.get("value").asDouble()).containsExactly(1.0);

        // records: the last 7 days, every record active in them (an open one, however old, is)
        long open = rows.alert("dflt.open", "det-1", before("30 days"), null);
        long resolvedSixDaysAgo = rows.alert("dflt.six", "det-1", before("20 days"), before("6 days"));
        long resolvedEightDaysAgo = rows.alert("dflt.eight", "det-1", before("20 days"), before("8 days"));
        assertThat(ids("/api/v1/alerts?type=dflt")).containsExactly(resolvedSixDaysAgo, open);
        assertThat(ids("/api/v1/alerts?type=dflt&from=" + ago(10 * 24)))
                .containsExactly(resolvedEightDaysAgo, resolvedSixDaysAgo, open);

        long openCase = rows.fireCase("det-1", before("20 days"), null);
        long closedCase = rows.fireCase("det-1", before("20 days"), before("8 days"));
        assertThat(ids("/api/v1/fire-cases?community=" + ELM)).contains(openCase).doesNotContain(closedCase);

        long openRescue = rows.rescue("lift-1", before("20 days"), null);
        long released = rows.rescue("lift-1", before("20 days"), before("8 days"));
        assertThat(ids("/api/v1/rescues?community=" + ELM)).contains(openRescue).doesNotContain(released);

        long openIncident = rows.incident("dflt.storm", null);
        long resolvedIncident = rows.incident("dflt.past", before("8 days"));
        assertThat(ids("/api/v1/incidents?community=" + ELM)).contains(openIncident).doesNotContain(resolvedIncident);

        long pendingForDays = rows.delivery(subscription, "pending", before("10 days"), null);
        long deliveredRecently = rows.delivery(subscription, "delivered", before("2 hours"), before("1 hour"));
        long deliveredLongAgo = rows.delivery(subscription, "delivered", before("9 days"), before("8 days"));
        assertThat(ids("/api/v1/webhooks/subscriptions/" + subscription + "/deliveries", "deliveries"))
                .contains(pendingForDays, deliveredRecently).doesNotContain(deliveredLongAgo);
    }

    @Test
    void pagesHoldEveryRowExactlyOnceAndKeepTheRangeOfTheFirstPage() throws Exception {
        List<Long> alerts = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            alerts.add(rows.alert("paged.a" + i, "lift-1", before("2 hours"), before("1 hour")));
        }
        List<Long> pagedAlerts = allPages("/api/v1/alerts?type=paged&limit=5", "items", a -> a.get("id").asLong());
        assertThat(pagedAlerts).hasSize(23).containsExactlyElementsOf(alerts.reversed());

        for (int i = 0; i < 12; i++) {
            running.fixtures().otherCommunityDevice(String.format("oak-%02d", i), i % 2 == 0 ? "camera" : "elevator");
        }
        List<String> devices = allPages("/api/v1/communities/" + OAK + "/devices?limit=5", "devices",
                d -> d.get("type").asText() + "/" + d.get("id").asText());
        assertThat(devices).hasSize(12).doesNotHaveDuplicates().isSorted();

        List<Long> deliveries = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            deliveries.add(rows.delivery(subscription, "dead", before("3 hours"), before("2 hours")));
        }
        assertThat(allPages("/api/v1/webhooks/subscriptions/" + subscription + "/deliveries?status=dead&limit=4",
                "deliveries", d -> d.get("id").asLong())).containsExactlyElementsOf(deliveries.reversed());

        for (int i = 0; i < 6; i++) {
            rows.subscription("more " + i);
        }
        assertThat(allPages("/api/v1/webhooks/subscriptions?limit=3", "subscriptions", s -> s.get("id").asLong()))
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(running.sqlRows("SELECT id FROM webhook_subscriptions").stream()
                        .map(Long::parseLong).toList());

        // communities: a bare array, the next page in the Link header
        List<String> communities = new ArrayList<>();
        String path = "/api/v1/communities?limit=1";
        while (path != null) {
            HttpResponse<String> page = running.get(path, root);
            assertThat(page.statusCode()).isEqualTo(200);
            RunningPlatform.json(page).forEach(c -> communities.add(c.get("id").asText()));
            path = page.headers().firstValue("Link").map(QueryLimitsIT::next).orElse(null);
        }
        assertThat(communities).containsExactly(ELM, OAK);

        // a cursor continues the range of its first page: another range with it is refused
        String cursor = api.get("/api/v1/alerts?type=paged&limit=5", root, 200).get("nextCursor").asText();
        running.assertRefused("/api/v1/alerts?type=paged&limit=5&from=" + ago(2) + "&cursor=" + cursor, root, 400,
                "parameter 'from' differs from the range of the cursor");
        running.assertRefused("/api/v1/communities/" + OAK + "/devices?cursor=" + cursor, root, 400,
                "parameter 'cursor' is not a cursor returned by this list");
    }

    @Test
    void storageFiguresAreMeasuredOncePerMaximumAge() throws Exception {
        double before = measurements();
        JsonNode first = api.get("/api/v1/communities/" + ELM + "/storage", otto, 200);

        // new events arrive; within the maximum age the same figures are answered, not counted again
        running.sql("INSERT INTO device_events (ts, device_id, kind, payload)"
                + " SELECT now(), 'det-1', 'counted', '{}' FROM generate_series(1, 5)");
        JsonNode second = api.get("/api/v1/communities/" + ELM + "/storage", otto, 200);

        assertThat(first.get("maxAgeSeconds").asLong()).isEqualTo(600);
        assertThat(second.get("measuredAt")).isEqualTo(first.get("measuredAt"));
        assertThat(second.get("dataClasses")).isEqualTo(first.get("dataClasses"));
        assertThat(measurements()).isEqualTo(before + 1);
    }

    private static double measurements() throws Exception {
        HttpResponse<String> metrics = running.get("/metrics", root);
        assertThat(metrics.statusCode()).isEqualTo(200);
        Matcher m = MEASUREMENTS.matcher(metrics.body());
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    /** Follows {@code nextCursor} from the first page to the last, collecting each row's key. */
    private static <T> List<T> allPages(String path, String field, Function<JsonNode, T> key) throws Exception {
        List<T> collected = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = api.get(path + (cursor == null ? "" : "&cursor=" + cursor), root, 200);
            page.get(field).forEach(row -> collected.add(key.apply(row)));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
        } while (cursor != null);
        return collected;
    }

    private static String next(String link) {
        Matcher m = Pattern.compile("<([^>]+)>; rel=\"next\"").matcher(link);
        return m.find() ? m.group(1) : null;
    }

    private static List<String> kinds(String path) throws Exception {
        List<String> kinds = new ArrayList<>();
        api.get(path, otto, 200).get("events").forEach(e -> kinds.add(e.get("kind").asText()));
        return kinds;
    }

    private static List<Long> ids(String path) throws Exception {
        return ids(path, "items");
    }

    private static List<Long> ids(String path, String field) throws Exception {
        List<Long> ids = new ArrayList<>();
        api.get(path, root, 200).get(field).forEach(r -> ids.add(r.get("id").asLong()));
        return ids;
    }

    /** A range of whole days from 2026-01-01. */
    private static String days(int days) {
        Instant from = Instant.parse("2026-01-01T00:00:00Z");
        return "from=" + from + "&to=" + from.plus(days, ChronoUnit.DAYS);
    }

    /** The SQL of a time that long before now, e.g. {@code before("8 days")}. */
    private static String before(String interval) {
        return "now() - INTERVAL '" + interval + "'";
    }

    private static String ago(int hours) {
        return URLEncoder.encode(Instant.now().minus(hours, ChronoUnit.HOURS).toString(), StandardCharsets.UTF_8);
    }
}
