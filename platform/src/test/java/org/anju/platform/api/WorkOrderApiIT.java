package org.anju.platform.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

import io.vertx.core.json.JsonObject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.anju.platform.api.AccessWorld.Caller;
import org.anju.platform.audit.AuditEntry;
import org.anju.platform.auth.Principal;
import org.anju.platform.auth.Role;
import org.anju.platform.maintenance.CompletedWork;
import org.anju.platform.maintenance.DueWork;
import org.anju.platform.maintenance.WorkSource;
import org.anju.platform.maintenance.work.WorkAction;
import org.anju.platform.maintenance.work.WorkActions;
import org.anju.platform.maintenance.work.WorkOrders;
import org.anju.platform.storage.UnitOfWork;
import org.anju.platform.testing.ApiCalls;
import org.anju.platform.testing.RunningPlatform;

/**
 * Work orders end to end on a running platform: a device's fault over MQTT opens an alert and its
 * order (linked both ways, an emergency for overtravel, nothing on the fire brigade's feed), the
 * whole life of the order through the HTTP API as the contractor and the property administrator,
 * with the refusals that name their rule; concurrent opens of one due work; escalation of an
 * overdue order once per step; verification handing the work to the completion listener.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class WorkOrderApiIT {

    private static RunningPlatform running;
    private static AccessWorld world;
    private static ApiCalls api;
    private static String coraCompany;

    @BeforeAll
    static void start() throws Exception {
        running = RunningPlatform.start(Map.of());
        world = AccessWorld.build(running);
        api = new ApiCalls(running);
        coraCompany = WorkOrderTargets.coraCompany(api, world.token(Caller.PLATFORM_ADMIN));
    }

    @AfterAll
    static void stop() {
        if (running != null) {
            running.close();
        }
    }

    @Test
    void anOvertravelFaultOpensAnEmergencyOrderThatTheContractorWorksAndTheAdminVerifies() throws Exception {
        JsonNode order = faultOrder("elm-lift", "09");
        long id = order.get("id").asLong();
        assertThat(order.get("source").asText()).isEqualTo("alert");
        assertThat(order.get("emergency").asBoolean()).isTrue();
        assertThat(order.get("emergencyKind").asText()).isEqualTo("elevator_overtravel");
        assertThat(order.get("minCrew").asInt()).isEqualTo(2);
        assertThat(order.get("dueOn").asText()).isNotBlank();
        JsonNode alert = api.get("/api/v1/alerts/" + order.get("alertId").asLong(), token(Caller.PLATFORM_ADMIN), 200);
        assertThat(alert.get("type").asText()).isEqualTo("elevator_fault.09");
        assertThat(alert.get("workOrderId").asLong()).isEqualTo(id);
        // faults go to maintenance: nothing about the lift reaches the fire brigade's feed
        assertThat(running.sqlRows("SELECT count(*) FROM notifications WHERE fire AND payload->>'deviceId' = 'elm-lift'"))
                .containsExactly("0");

        String path = "/api/v1/work-orders/" + id;
        api.post(path + "/assign", token(Caller.PROPERTY_ADMIN), "{\"companyId\": " + coraCompany + "}", 200);
        api.get(path, token(Caller.TECHNICIAN), 404);
        assertThat(api.get("/api/v1/communities/elm-court/work-orders?emergency=true", token(Caller.CONTRACTOR), 200)
                .get("items")).extracting(i -> i.get("id").asLong()).contains(id);
        assertThat(api.get("/api/v1/communities/elm-court/work-orders", token(Caller.TECHNICIAN), 200).get("items"))
                .isEmpty();
        String cora = token(Caller.CONTRACTOR);
        api.post(path + "/done", cora, "{}", 409);
        assertThat(error(api.post(path + "/start", cora, "{\"crew\": [\"Cora\"]}", 409)))
                .contains("needs at least 2 people on site");
        api.post(path + "/start", cora, "{\"crew\": [\"Cora\", \"Wang Lei\"]}", 200);
        assertThat(error(api.post(path + "/done", cora, "{}", 409))).contains("unanswered").contains("elevator.brake");
        assertThat(error(api.post(path + "/checklist", cora,
                "{\"results\": [{\"item\": \"ev_charger.connectors\", \"ok\": true}]}", 400))).contains("is for ev_charger");
        assertThat(error(api.post(path + "/notes", cora, "{\"photos\": [\"../etc/passwd\"]}", 400)))
                .contains("neither an http(s) URL nor an object key");
        List<String> results = new ArrayList<>();
        for (JsonNode item : order.get("checklist")) {
            results.add("{\"item\": \"" + item.asText() + "\", \"ok\": true}");
        }
        api.post(path + "/checklist", cora, "{\"results\": [" + String.join(", ", results) + "]}", 200);
        api.post(path + "/notes", cora, "{\"text\": \"limit switch replaced\", \"photos\": [\"https://files.example/1.jpg\", "
                + "\"work/elm-lift/2.jpg\"]}", 200);
        JsonNode done = api.post(path + "/done", cora, "{}", 200);
        assertThat(done.get("status").asText()).isEqualTo("done");
        assertThat(done.get("photos")).hasSize(2);
        api.post(path + "/verify", cora, "{}", 403);
        JsonNode verified = api.post(path + "/verify", token(Caller.PROPERTY_ADMIN), "{}", 200);
        assertThat(verified.get("status").asText()).isEqualTo("verified");
        for (String stamp : new String[] {"openedAt", "assignedAt", "startedAt", "doneAt", "verifiedAt"}) {
            assertThat(verified.get(stamp).isNull()).as(stamp).isFalse();
        }
        assertThat(error(api.post(path + "/cancel", token(Caller.PROPERTY_ADMIN), "{\"reason\": \"late\"}", 409)))
                .contains("is verified: cancel is allowed only when it is");

        JsonNode performance = api.get("/api/v1/communities/elm-court/maintenance/performance", cora, 200);
        assertThat(performance.get("companies")).hasSize(1);
        assertThat(performance.get("companies").get(0).get("completed").asInt()).isEqualTo(1);
        api.get("/api/v1/communities/elm-court/maintenance/performance", token(Caller.TECHNICIAN), 403);
    }

    @Test
    void concurrentOpensOfOneDueWorkMakeOneOrder() throws Exception {
        WorkOrders orders = new WorkOrders(running.platform().database().work(), Clock.systemUTC());
        UnitOfWork db = running.platform().database().work();
        DueWork due = new DueWork("elm-court", "elm-charger", WorkSource.PLAN, "plan:matrix:2026-12-24",
                java.time.LocalDate.of(2026, 12, 24), "Charger inspection", List.of("ev_charger.connectors"), 1, false,
                null);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Long>> ids = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Callable<Long> open = () -> db.inTransaction("test", tx -> orders.open(tx, due));
                ids.add(pool.submit(open));
            }
            Set<Long> distinct = new java.util.HashSet<>();
            for (Future<Long> f : ids) {
                distinct.add(f.get(60, TimeUnit.SECONDS));
            }
            assertThat(distinct).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(running.sqlRows("SELECT count(*) FROM work_orders WHERE source_ref = 'plan:matrix:2026-12-24'"))
                .containsExactly("1");
    }

    @Test
    void anOverdueOrderEscalatesOncePerStep() throws Exception {
        long id = faultOrder("elm-camera", "{\"kind\": \"storage_fault\", \"priority\": 2, \"channel\": 1}",
                "camera_storage_fault").get("id").asLong();
        running.sql("UPDATE work_orders SET due_on = current_date - 4 WHERE id = " + id);
        running.platform().overdueWork().runOnce();
        running.platform().overdueWork().runOnce();
        assertThat(running.sqlRows("SELECT payload->>'step' FROM notifications WHERE topic = 'maintenance.work_overdue'"
                + " AND (payload->>'id')::bigint = " + id + " ORDER BY id")).containsExactly("1", "2");
    }

    @Test
    void verifyingHandsTheWorkToTheCompletionListener() throws Exception {
        long id = faultOrder("elm-lift", "04").get("id").asLong();
        running.sql("UPDATE work_orders SET status = 'done', done_at = now() WHERE id = " + id);
        List<CompletedWork> told = new ArrayList<>();
        WorkActions actions = new WorkActions(running.platform().database().work(), (tx, done) -> told.add(done),
                Clock.systemUTC());
        Principal admin = new Principal("pia", "pia", "acme", Set.of(Role.PROPERTY_ADMIN), Set.of("elm-court"));
        actions.act(admin, id, WorkAction.VERIFY, new JsonObject(),
                AuditEntry.of("work_order.verify", "pia", "acme", "127.0.0.1", "work-order:" + id));
        assertThat(told).singleElement().satisfies(done -> {
            assertThat(done.workOrderId()).isEqualTo(id);
            assertThat(done.deviceId()).isEqualTo("elm-lift");
            assertThat(done.source()).isEqualTo(WorkSource.ALERT);
        });
    }

    /** Publishes an elevator fault of the code and awaits its order. */
    private static JsonNode faultOrder(String deviceId, String code) throws Exception {
        return faultOrder(deviceId, "{\"kind\": \"fault\", \"code\": \"" + code + "\"}", "elevator_fault." + code);
    }

    /** Publishes the event as the device and awaits the order of the alert type it raises. */
    private static JsonNode faultOrder(String deviceId, String event, String type) throws Exception {
        world.publishEvent(deviceId, event);
        String path = "/api/v1/communities/elm-court/work-orders?deviceId=" + deviceId;
        return await().atMost(Duration.ofSeconds(60)).until(() -> find(path, type), Optional::isPresent).orElseThrow();
    }

    private static Optional<JsonNode> find(String path, String type) throws Exception {
        for (JsonNode item : api.get(path, token(Caller.PLATFORM_ADMIN), 200).get("items")) {
            if (item.get("title").asText().contains(type)) {
                return Optional.of(item);
            }
        }
        return Optional.empty();
    }

    private static String token(Caller caller) {
        return world.token(caller);
    }

    private static String error(JsonNode body) {
        return body.toString();
    }
}
