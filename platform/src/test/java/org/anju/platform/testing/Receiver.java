package org.anju.platform.testing;

import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.KeyCertOptions;

/**
 * A webhook receiver for tests, a real HTTP server (or HTTPS, with the name its client asked for
 * by SNI recorded): it answers each request as scripted (500, never, or 200 by default), records
 * every request, and applies each idempotency key's effect at most once, as a careful receiver does.
 */
public final class Receiver implements AutoCloseable {

    /** How to answer the next request. */
    public enum Answer { OK, FAIL, NEVER }

    /** A request received; {@code serverName} is the TLS SNI name, null over plain HTTP. */
    public record Request(MultiMap headers, Buffer body, String serverName) {
    }

    private final Vertx vertx = Vertx.vertx();
    private final Queue<Answer> script = new ConcurrentLinkedQueue<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> effects = new ConcurrentHashMap<>();
    private final HttpServer server;

    private Receiver(HttpServerOptions options) throws Exception {
        server = vertx.createHttpServer(options).requestHandler(this::handle).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    public static Receiver start(Answer... answers) throws Exception {
        return scripted(new Receiver(new HttpServerOptions()), answers);
    }

    /** Starts an HTTPS receiver with the certificate. */
    public static Receiver startTls(KeyCertOptions certificate, Answer... answers) throws Exception {
        return scripted(new Receiver(new HttpServerOptions().setSsl(true).setSni(true).setKeyCertOptions(certificate)),
                answers);
    }

    private static Receiver scripted(Receiver receiver, Answer... answers) {
        for (Answer answer : answers) {
            // an unset answer fails: new Answer[n] scripts n failures
            receiver.script.add(answer == null ? Answer.FAIL : answer);
        }
        return receiver;
    }

    public String url() {
        return "http://127.0.0.1:" + server.actualPort() + "/hooks/anju";
    }

    public int port() {
        return server.actualPort();
    }

    public List<Request> requests() {
        return requests;
    }

    /** Returns how often the effect of each idempotency key was applied. */
    public Map<String, Integer> effects() {
        return effects;
    }

    private void handle(HttpServerRequest request) {
        request.body().onSuccess(body -> {
            requests.add(new Request(MultiMap.caseInsensitiveMultiMap().addAll(request.headers()), body,
                    request.connection().indicatedServerName()));
            Answer answer = script.poll();
            if (answer == Answer.FAIL) {
                request.response().setStatusCode(500).end("busy");
                return;
            }
            // the effect happens even when the answer never arrives: that is what the key is for
            String key = request.getHeader("Idempotency-Key");
            effects.merge(key, 1, (applied, again) -> applied);
            if (answer != Answer.NEVER) {
                request.response().setStatusCode(200).end();
            }
        });
    }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
