package org.anju.platform.api;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Handler;
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
import org.anju.platform.auth.AuthServices;
import org.anju.platform.commands.DeviceCommands;
import org.anju.platform.config.AnjuConfig;
import org.anju.platform.maintenance.work.WorkServices;
import org.anju.platform.delivery.Delivery;
import org.anju.platform.estate.EstateServices;
import org.anju.platform.maintenance.forecast.ForecastList;
import org.anju.platform.maintenance.plans.MaintenancePlans;
import org.anju.platform.parcels.Parcels;
import org.anju.platform.provisioning.CommunityProvisioning;
import org.anju.platform.registry.DeviceRegistry;

/**
 * The HTTP side of the platform: REST and SSE under {@code /api}, health and metrics, and the
 * dashboards (static files from the {@code anju-dashboards} jar) at {@code /}.
 */
public final class HttpApi {

    /** Liveness: 200 while the process serves HTTP (deployment files probe it). */
    public static final String LIVE_PATH = "/health/live";
    /** Readiness: 200 when the database answers, 503 otherwise. */
    public static final String READY_PATH = "/health/ready";
    /** Prometheus metrics (bearer {@code http.metricsToken} or a platform administrator's session). */
    public static final String METRICS_PATH = "/metrics";

    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);
    private static final long MAX_BODY_BYTES = 64 * 1024;

    /**
     * What the API serves from.
     *
     * @param registry the device registry on the request pool
     * @param limits   the limits of list, history and report requests
     */
    public record Services(AuthServices auth, DeviceRegistry registry,
            LiveDeviceUpdates deviceUpdates, DeviceCommands commands, PrometheusMeterRegistry meters,
            BooleanSupplier databaseReachable, StorageServices storage, CommunityProvisioning provisioning,
            Delivery delivery, AlertServices alerts, AnjuConfig.Limits limits, EstateServices estate,
            BillingServices billing, UsageServices usage, OwnersServices owners,
            PaymentServices payments, MaintenancePlans maintenancePlans, WorkServices work,
            ForecastList forecasts, Parcels parcels) {
    }

    private final Vertx vertx;
    private final AnjuConfig.Http settings;
    private final Router router;
    private HttpServer server;
    private HttpServer redirect;

    public HttpApi(Vertx vertx, AnjuConfig.Http settings, Services services) {
        this.vertx = vertx;
        this.settings = settings;
        this.router = Router.router(vertx);
        router.route().handler(HttpApi::securityHeaders);
        settings.tls().ifPresent(tls -> router.route().handler(Https.strictTransportSecurity(tls.hstsMaxAge())));
        AuthRoutes auth = new AuthRoutes(vertx, services.auth());
        auth.mount(router);
        // bodies are read only once the session is known, and only up to their route's limit
        Handler<RoutingContext> authenticated = auth.authenticateThenRead(
                BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES));
        Clock clock = Clock.systemUTC();
        AnjuConfig.Limits limits = services.limits();
        new UserRoutes(vertx, services.auth(), limits.directory(), clock).mount(router, authenticated);
        new AuditRoutes(vertx, services.auth().audit(), limits.audit(), clock).mount(router, authenticated);
        new DeviceRoutes(vertx, services.registry(), services.deviceUpdates(), limits.directory(), clock,
                services.auth().streams()).mount(router, authenticated);
        new CommandRoutes(vertx, services.commands(), services.registry(), services.auth().audit())
                .mount(router, authenticated);
        new OpsRoutes(vertx, services.meters(), services.databaseReachable(), settings.metricsToken())
                .mount(router, authenticated);
        new HistoryRoutes(vertx, services.registry(), services.storage().history(), services.storage().events(),
                clock).mount(router, authenticated);
        new StorageRoutes(vertx, services.registry(), services.storage().usage()).mount(router, authenticated);
        new ProvisioningRoutes(vertx, services.provisioning(), services.auth().sessions(), services.deviceUpdates())
                .mount(router, auth.authenticateThenRead(ProvisioningRoutes.bodyHandler()));
        new EstateRoutes(vertx, services.estate(), limits.directory(), clock)
                .mount(router, authenticated, auth.authenticateThenRead(ProvisioningRoutes.bodyHandler()));
        new FeedRoutes(services.delivery().feed(), services.auth().streams(), limits.feedMaxCatchUp())
                .mount(router, authenticated);
        new WebhookRoutes(vertx, services.delivery().webhooks(), limits.directory(), limits.records(), clock)
                .mount(router, authenticated);
        new AlertRoutes(vertx, services.alerts().alerts(), limits.records(), clock).mount(router, authenticated);
        new FireRoutes(vertx, services.alerts().fire(), limits.records(), clock).mount(router, authenticated);
        new RescueRoutes(vertx, services.alerts().rescues(), limits.records(), clock).mount(router, authenticated);
        new TariffRoutes(vertx, services.registry(), services.billing(), clock).mount(router, authenticated);
        new BillingRunRoutes(vertx, services.registry(), services.billing(), limits.directory(), clock)
                .mount(router, authenticated);
        new PaymentRoutes(vertx, services.registry(), services.payments(), limits.directory(),
                services.billing().settings().zone(), clock).mount(router, authenticated,
                        BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES));
        new PaymentStaffRoutes(vertx, services.registry(), services.payments().payments()).mount(router, authenticated);
        new ContractRoutes(vertx, services.registry(), services.billing(), limits.directory(), clock).mount(router, authenticated);
        new UsageRoutes(vertx, services.usage(), limits.records(), limits.directory(), clock).mount(router, authenticated);
        new VoteRoutes(vertx, services.owners().motions()).mount(router, authenticated);
        new ArrearsRoutes(vertx, services.registry(), services.billing(), services.owners().fund(), clock)
                .mount(router, authenticated);
        new FundRoutes(vertx, services.owners().fund()).mount(router, authenticated);
        MaintenanceCalls maintenance = new MaintenanceCalls(vertx, services.registry());
        new MaintenanceAssetRoutes(maintenance, services.maintenancePlans()).mount(router, authenticated);
        new MaintenancePlanRoutes(maintenance, services.maintenancePlans()).mount(router, authenticated);
        new WorkOrderRoutes(vertx, services.work()).mount(router, authenticated);
        new MaintenanceForecastRoutes(maintenance, services.forecasts(), services.work().settings())
                .mount(router, authenticated);
        new ParcelRoutes(vertx, services.parcels(), limits.records(), services.usage().dayZone(), clock)
                .mount(router, authenticated);
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
     * Starts listening: HTTPS when a certificate is configured, and then the redirecting plain
     * port if one is.
     *
     * @return the API's port; fails with a {@link ServerError} naming the port when it cannot be bound
     */
    public Future<Integer> start() {
        server = vertx.createHttpServer(Https.serverOptions(settings));
        return server.requestHandler(router).listen()
                .recover(cause -> cannotListen("HTTP", settings.port(), cause))
                .map(HttpServer::actualPort)
                .onSuccess(p -> LOG.info("HTTP API and dashboards listening [host: {}, port: {}, https: {}]",
                        settings.host(), p, settings.tls().isPresent()))
                .compose(p -> startRedirect(p).map(p));
    }

    /** Returns the port of the plain-HTTP redirect to HTTPS, 0 when there is none. */
    public int redirectPort() {
        return redirect == null ? 0 : redirect.actualPort();
    }

    private Future<Void> startRedirect(int httpsPort) {
        int port = settings.tls().map(AnjuConfig.Http.Tls::redirectPort).orElse(-1);
        if (port < 0) {
            return Future.succeededFuture();
        }
        // HTTP/1.1 only: the answer closes the connection, which HTTP/2 has no header for
        redirect = vertx.createHttpServer(new HttpServerOptions().setHost(settings.host()).setPort(port)
                .setHttp2ClearTextEnabled(false));
        return redirect.requestHandler(Https.redirectTo(httpsPort)).listen()
                .recover(cause -> cannotListen("the redirect to HTTPS", port, cause))
                .onSuccess(s -> LOG.info("plain HTTP redirects to HTTPS [host: {}, port: {}]", settings.host(),
                        s.actualPort()))
                .mapEmpty();
    }

    private <T> Future<T> cannotListen(String what, int port, Throwable cause) {
        return Future.failedFuture(ServerError.unavailable("cannot listen for " + what + " on " + settings.host() + ":"
                + port + ": " + cause.getMessage(), cause));
    }

    /** Stops listening; idempotent. */
    public Future<Void> stop() {
        List<Future<Void>> closing = new ArrayList<>();
        for (HttpServer s : new HttpServer[] {server, redirect}) {
            if (s != null) {
                closing.add(s.close());
            }
        }
        server = null;
        redirect = null;
        return Future.join(closing).mapEmpty();
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
