package org.anju.platform.api;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import org.anju.error.ClientError;
import org.anju.platform.Json;
import org.anju.platform.audit.AuditEntry;
import org.anju.platform.audit.AuditLog;
import org.anju.platform.auth.Principal;
import org.anju.platform.billing.NewTariff;
import org.anju.platform.billing.StoredTariff;
import org.anju.platform.billing.TariffJson;
import org.anju.platform.billing.TariffKind;
import org.anju.platform.registry.DeviceRegistry;

/**
 * A community's tariffs under {@code /api/v1/communities/{communityId}/tariffs}: add one (property
 * administrators), list them, and the tariff of each kind in force at an instant.
 */
final class TariffRoutes {

    private static final String BASE = "/api/v1/communities/:communityId/tariffs";

    private final Vertx vertx;
    private final DeviceRegistry registry;
    private final BillingServices billing;
    private final Clock clock;

    TariffRoutes(Vertx vertx, DeviceRegistry registry, BillingServices billing, Clock clock) {
        this.vertx = vertx;
        this.registry = registry;
        this.billing = billing;
        this.clock = clock;
    }

    void mount(Router router, Handler<RoutingContext> authenticated) {
        router.post(BASE).handler(authenticated).handler(this::add);
        router.get(BASE).handler(authenticated).handler(this::list);
        router.get(BASE + "/in-force").handler(authenticated).handler(this::inForce);
    }

    private void add(RoutingContext ctx) {
        String communityId = ctx.pathParam("communityId");
        Principal user = AuthRoutes.principal(ctx);
        AuditEntry audit = AuthRoutes.audit(ctx, "tariff.created", null);
        String body = ctx.body().asString();
        vertx.executeBlocking(() -> {
            BillingAccess.requireAdministrator(user, registry, communityId);
            NewTariff tariff = newTariff(communityId, body, user.username());
            return billing.work().inTransaction("tariffs", tx -> {
                StoredTariff stored = billing.tariffs().add(tx, tariff);
                AuditLog.write(tx, audit.about("tariff:" + stored.id()).with("communityId", communityId)
                        .with("kind", stored.kind().wireName()).with("effectiveFrom", stored.effectiveFrom().toString()));
                return stored;
            });
        }, false).onSuccess(stored -> Responses.json(ctx, 201, json(stored))).onFailure(ctx::fail);
    }

    private static NewTariff newTariff(String communityId, String text, String username) {
        JsonNode request;
        try {
            request = text == null ? null : Json.MAPPER.readTree(text);
        } catch (java.io.IOException e) {
            request = null;
        }
        if (request == null || !request.isObject()) {
            throw ClientError.badRequest("body must be a JSON object with kind, effectiveFrom and body");
        }
        TariffKind kind = TariffKind.fromWireName(request.path("kind").asText()).orElseThrow(
                () -> ClientError.badRequest("kind must be one of " + List.of(TariffKind.values()).stream()
                        .map(TariffKind::wireName).toList()));
        LocalDate from;
        try {
            from = LocalDate.parse(request.path("effectiveFrom").asText());
        } catch (DateTimeParseException e) {
            throw ClientError.badRequest("effectiveFrom must be a date (YYYY-MM-DD)");
        }
        return new NewTariff(communityId, from, TariffJson.read(kind, request.get("body")), username);
    }

    private void list(RoutingContext ctx) {
        String communityId = ctx.pathParam("communityId");
        Principal user = AuthRoutes.principal(ctx);
        String kindName = ctx.queryParams().get("kind");
        Responses.json(ctx, vertx.executeBlocking(() -> {
            BillingAccess.requireReader(user, registry, communityId);
            TariffKind kind = kindName == null ? null : TariffKind.fromWireName(kindName)
                    .orElseThrow(() -> ClientError.badRequest("kind '" + kindName + "' is not a tariff kind"));
            List<StoredTariff> tariffs = billing.work().read("tariffs",
                    tx -> billing.tariffs().list(tx, communityId, kind));
            ObjectNode answer = Json.MAPPER.createObjectNode();
            ArrayNode items = answer.putArray("tariffs");
            tariffs.forEach(t -> items.add(json(t)));
            return answer;
        }, false));
    }

    private void inForce(RoutingContext ctx) {
        String communityId = ctx.pathParam("communityId");
        Principal user = AuthRoutes.principal(ctx);
        String atText = ctx.queryParams().get("at");
        Responses.json(ctx, vertx.executeBlocking(() -> {
            BillingAccess.requireReader(user, registry, communityId);
            Instant at = atText == null ? clock.instant() : instant(atText);
            ObjectNode answer = Json.MAPPER.createObjectNode().put("at", at.toString());
            ObjectNode byKind = answer.putObject("tariffs");
            billing.work().read("tariffs", tx -> {
                for (TariffKind kind : TariffKind.values()) {
                    var own = billing.tariffs().storedAt(tx, communityId, kind, at);
                    if (own.isPresent()) {
                        byKind.set(kind.wireName(), json(own.get()).put("source", "community"));
                    } else {
                        billing.settings().defaultOf(kind).ifPresent(d -> byKind.set(kind.wireName(),
                                Json.MAPPER.createObjectNode().put("kind", kind.wireName()).put("source", "default")
                                        .<ObjectNode>set("body", TariffJson.write(d))));
                    }
                }
                return null;
            });
            return answer;
        }, false));
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw ClientError.badRequest("at must be an ISO-8601 instant, e.g. 2027-01-01T00:00:00Z");
        }
    }

    private static ObjectNode json(StoredTariff t) {
        ObjectNode json = Json.MAPPER.createObjectNode().put("id", t.id()).put("communityId", t.communityId())
                .put("kind", t.kind().wireName()).put("effectiveFrom", t.effectiveFrom().toString());
        json.set("body", TariffJson.write(t.tariff()));
        return json.put("createdBy", t.createdBy()).put("createdAt", t.createdAt().toString());
    }
}
