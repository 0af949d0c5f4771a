package org.anju.platform.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.function.BooleanSupplier;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import org.anju.error.ClientError;
import org.anju.platform.auth.Role;

/**
 * Health probes, Prometheus metrics and the OpenAPI document.
 * <p>
 * The probes and the API description are public (orchestrators and integrators need them before
 * they have a login). Metrics carry every tenant's series, so only the configured scrape token
 * (Prometheus cannot log in) and platform administrators' sessions read them; property company
 * staff get 403 whatever their role.
 */
final class OpsRoutes {

    private static final String BEARER = "Bearer ";

    private final Vertx vertx;
    private final PrometheusMeterRegistry meters;
    private final BooleanSupplier databaseReachable;
    private final byte[] scrapeTokenHash;

    /**
     * @param scrapeToken the bearer token that reads metrics without a session; empty for none
     */
    OpsRoutes(Vertx vertx, PrometheusMeterRegistry meters, BooleanSupplier databaseReachable, String scrapeToken) {
        this.vertx = vertx;
        this.meters = meters;
        this.databaseReachable = databaseReachable;
        this.scrapeTokenHash = scrapeToken.isEmpty() ? null : sha256(scrapeToken);
    }

    void mount(Router router, Handler<RoutingContext> authenticated) {
        router.get(HttpApi.LIVE_PATH).handler(this::live);
        router.get(HttpApi.READY_PATH).handler(this::ready);
        router.get(HttpApi.METRICS_PATH).handler(this::scraper).handler(authenticated).handler(this::administrator);
        router.get("/api/openapi.yaml").handler(this::openApi);
    }

    private void live(RoutingContext ctx) {
        Responses.json(ctx, 200, new JsonObject().put("status", "UP"));
    }

    private void ready(RoutingContext ctx) {
        vertx.executeBlocking(databaseReachable::getAsBoolean, false).onComplete(result -> {
            boolean up = result.succeeded() && result.result();
            Responses.json(ctx, up ? 200 : 503, new JsonObject()
                    .put("status", up ? "UP" : "DOWN")
                    .put("checks", new JsonObject().put("database", up ? "UP" : "DOWN")));
        });
    }

    /** Answers a request with the scrape token at once; any other goes on to session authentication. */
    private void scraper(RoutingContext ctx) {
        String header = ctx.request().getHeader("Authorization");
        if (scrapeTokenHash != null && header != null && header.startsWith(BEARER)
                && MessageDigest.isEqual(scrapeTokenHash, sha256(header.substring(BEARER.length())))) {
            scrape(ctx);
            return;
        }
        ctx.next();
    }

    private void administrator(RoutingContext ctx) {
        if (!AuthRoutes.principal(ctx).has(Role.PLATFORM_ADMIN)) {
            ctx.fail(ClientError.forbidden("metrics are for platform administrators and the configured scrape token"));
            return;
        }
        scrape(ctx);
    }

    private void scrape(RoutingContext ctx) {
        ctx.response()
                .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                .end(meters.scrape());
    }

    /** Hashes before comparing, so that the comparison takes as long whatever the lengths. */
    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    private void openApi(RoutingContext ctx) {
        vertx.fileSystem().readFile("openapi.yaml")
                .onSuccess(yaml -> ctx.response().putHeader("Content-Type", "application/yaml").end(yaml))
                .onFailure(ctx::fail);
    }
}
