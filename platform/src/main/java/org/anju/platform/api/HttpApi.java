package org.anju.platform.api;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.anju.error.ServerError;
import org.anju.platform.auth.SessionTokens;
import org.anju.platform.auth.UserDirectory;
import org.anju.platform.commands.DeviceCommands;
import org.anju.platform.config.AnjuConfig;
import org.anju.platform.delivery.Delivery;
import org.anju.platform.provisioning.CommunityProvisioning;
import org.anju.platform.registry.DeviceRegistry;

/**
 * The HTTP side of the platform: REST and SSE under {@code /api}, health and metrics, and the
 * dashboards (static files from the {@code anju-dashboards} jar) at {@code /}.
 */
public final class HttpApi {

    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);
    private static final long MAX_BODY_BYTES = 64 * 1024;

    /**
     * What the API serves from.
     *
     * @param registry the device registry on the request pool
     * @param limits   the limits of list, history and report requests
     */
    public record Services(UserDirectory users, SessionTokens tokens, DeviceRegistry registry,
            LiveDeviceUpdates deviceUpdates, DeviceCommands commands, PrometheusMeterRegistry meters,
            BooleanSupplier databaseReachable, StorageServices storage, CommunityProvisioning provisioning,
            Delivery delivery, AlertServices alerts, AnjuConfig.Limits limits) {
    }

    private final Vertx vertx;
    private final Router router;
    private HttpServer server;

    public HttpApi(Vertx vertx, Services services) {
        this.vertx = vertx;
        this.router = Router.router(vertx);
        router.route().handler(HttpApi::securityHeaders);
        router.route(ProvisioningRoutes.PREFIX + "*").handler(ProvisioningRoutes.bodyHandler());
        router.route("/api/*").handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES));
        AuthRoutes auth = new AuthRoutes(vertx, services.users(), services.tokens());
        auth.mount(router);
        Clock clock = Clock.systemUTC();
        AnjuConfig.Limits limits = services.limits();
        new DeviceRoutes(vertx, services.registry(), services.deviceUpdates(), limits.directory(), clock)
                .mount(router, auth::authenticate);
        new CommandRoutes(vertx, services.commands(), services.registry()).mount(router, auth::authenticate);
        new OpsRoutes(vertx, services.meters(), services.databaseReachable()).mount(router, auth::authenticate);
        new HistoryRoutes(vertx, services.registry(), services.storage().history(), services.storage().events(),
                clock).mount(router, auth::authenticate);
        new StorageRoutes(vertx, services.registry(), services.storage().usage()).mount(router, auth::authenticate);
        new ProvisioningRoutes(vertx, services.provisioning()).mount(router, auth::authenticate);
        new FeedRoutes(services.delivery().feed(), services.tokens(), limits.feedMaxCatchUp())
                .mount(router, auth::authenticate);
        new WebhookRoutes(vertx, services.delivery().webhooks(), limits.directory(), limits.records(), clock)
                .mount(router, auth::authenticate);
        new AlertRoutes(vertx, services.alerts().alerts(), limits.records(), clock).mount(router, auth::authenticate);
        new FireRoutes(vertx, services.alerts().fire(), limits.records(), clock).mount(router, auth::authenticate);
        new RescueRoutes(vertx, services.alerts().rescues(), limits.records(), clock).mount(router, auth::authenticate);
        router.route("/*").handler(StaticHandler.create("webroot").setIndexPage("index.html"));
        router.route().failureHandler(ApiErrors::handle);
    }

    /** Returns the API routes as {@code METHOD /path/{param}}, for checking them against the OpenAPI document. */
    public List<String> apiRoutes() {
        List<String> routes = new ArrayList<>();
        for (Route route : router.getRoutes()) {
            String path = route.getPath();
            if (path == null || route.methods() == null || path.endsWith("*")) {
                continue;
            }
            String openApiPath = path.replaceAll(":([A-Za-z]+)", "{$1}");
            route.methods().forEach(m -> routes.add(m.name() + " " + openApiPath));
        }
        return routes;
    }

    /**
     * Starts listening.
     *
     * @return the port; fails with a {@link ServerError} naming the port when it cannot be bound
     */
    public Future<Integer> start(String host, int port) {
        server = vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port).setCompressionSupported(true));
        return server.requestHandler(router).listen()
                .map(HttpServer::actualPort)
                .onSuccess(p -> LOG.info("HTTP API and dashboards listening [host: {}, port: {}]", host, p))
                .recover(cause -> Future.failedFuture(ServerError.unavailable(
                        "cannot listen for HTTP on " + host + ":" + port + ": " + cause.getMessage(), cause)));
    }

    /** Stops listening; idempotent. */
    public Future<Void> stop() {
        if (server == null) {
            return Future.succeededFuture();
        }
        HttpServer closing = server;
        server = null;
        return closing.close();
    }

    private static void securityHeaders(RoutingContext ctx) {
        ctx.response()
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("X-Frame-Options", "DENY")
                .putHeader("Referrer-Policy", "no-referrer")
                .putHeader("Content-Security-Policy",
                        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'");
        ctx.next();
    }
}
