package org.anju.platform.delivery;

import java.net.InetSocketAddress;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.net.TrustOptions;

import org.anju.platform.config.AnjuConfig;

/**
 * POSTs deliveries to receivers, connecting to the address a {@link TargetPolicy} checked and to
 * no other: the request never resolves the host name again. The name still goes into the Host
 * header and, over HTTPS, into SNI and the certificate's host name verification.
 * <p>
 * Redirects are not followed (a redirect would lead to an unchecked address). {@link #open()} and
 * {@link #close()} are idempotent.
 */
final class WebhookClient {

    private final Vertx vertx;
    private final TargetPolicy targets;
    private final AnjuConfig.Webhooks settings;
    private final TrustOptions trust;
    private HttpClient client;

    /**
     * @param trust the certificates receivers' chains must end in; null for the JDK's trusted roots
     */
    WebhookClient(Vertx vertx, TargetPolicy targets, AnjuConfig.Webhooks settings, TrustOptions trust) {
        this.vertx = vertx;
        this.targets = targets;
        this.settings = settings;
        this.trust = trust;
    }

    synchronized void open() {
        if (client != null) {
            return;
        }
        HttpClientOptions options = new HttpClientOptions()
                .setConnectTimeout((int) settings.connectTimeout().toMillis())
                .setVerifyHost(true);
        if (trust != null) {
            options.setTrustOptions(trust);
        }
        client = vertx.createHttpClient(options, new PoolOptions().setHttp1MaxSize(settings.concurrency()));
    }

    synchronized void close() {
        if (client != null) {
            client.close();
            client = null;
        }
    }

    /**
     * Checks a receiver URL and resolves its host once. Blocks on name resolution: call it from a
     * worker.
     *
     * @throws org.anju.error.ClientError 400 when the URL or any address of its host is refused
     */
    TargetPolicy.Target target(String url) {
        return targets.resolve(targets.checkUrl(url));
    }

    /**
     * Sends the body to the target and returns the receiver's status code; the response body is
     * read and dropped.
     *
     * @return fails when the connection, TLS handshake or request fails or takes longer than the
     *         request timeout
     */
    Future<Integer> post(TargetPolicy.Target target, MultiMap headers, Buffer body) {
        HttpClient current;
        synchronized (this) {
            current = client;
        }
        if (current == null) {
            return Future.failedFuture(new IllegalStateException("the webhook client is closed"));
        }
        RequestOptions request = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setServer(SocketAddress.inetSocketAddress(new InetSocketAddress(target.address(), target.port())))
                .setHost(target.host())
                .setPort(target.port())
                .setSsl(target.https())
                .setURI(target.requestUri())
                .setHeaders(headers)
                .setFollowRedirects(false)
                .setIdleTimeout(settings.requestTimeout().toMillis());
        return current.request(request)
                .compose(sent -> sent.send(body))
                .compose(response -> response.end().map(v -> response.statusCode()));
    }
}
