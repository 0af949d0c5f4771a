package org.anju.platform.api;

import java.time.Duration;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.RoutingContext;

import org.anju.gateway.tls.ServerCertificate;
import org.anju.platform.config.AnjuConfig;

/**
 * The transport of the HTTP API: HTTPS when a certificate is configured, with
 * {@code Strict-Transport-Security} on every answer, and the optional plain port that only
 * redirects to HTTPS.
 */
final class Https {

    private Https() {
    }

    /** Returns the options of the API's server: TLS when the settings have a certificate. */
    static HttpServerOptions serverOptions(AnjuConfig.Http settings) {
        HttpServerOptions options = new HttpServerOptions().setHost(settings.host()).setPort(settings.port())
                .setCompressionSupported(true);
        settings.tls().ifPresent(tls -> options.setSsl(true).setKeyCertOptions(
                ServerCertificate.options(tls.certPath(), tls.keyPath(), tls.keyStorePassword())));
        return options;
    }

    /** Tells browsers to use HTTPS only, for {@code maxAge}; subdomains are not included (they may not serve HTTPS). */
    static Handler<RoutingContext> strictTransportSecurity(Duration maxAge) {
        String value = "max-age=" + maxAge.toSeconds();
        return ctx -> {
            ctx.response().putHeader("Strict-Transport-Security", value);
            ctx.next();
        };
    }

    /**
     * Answers every plain-HTTP request with a permanent redirect to the same host, path and query
     * on the HTTPS port; a request without a Host header gets 400. The connection is closed after
     * the answer, so a request body is never read.
     */
    static Handler<HttpServerRequest> redirectTo(int httpsPort) {
        return request -> {
            HostAndPort authority = request.authority();
            if (authority == null || authority.host().isEmpty()) {
                request.response().setStatusCode(400).putHeader("Connection", "close")
                        .end("a Host header is required\n");
                return;
            }
            String host = authority.host().contains(":") && !authority.host().startsWith("[")
                    ? "[" + authority.host() + "]" : authority.host();
            String path = request.query() == null ? request.path() : request.path() + "?" + request.query();
            String location = "https://" + host + (httpsPort == 443 ? "" : ":" + httpsPort) + path;
            request.response().setStatusCode(308).putHeader("Location", location).putHeader("Connection", "close")
                    .end();
        };
    }
}
