package org.anju.platform.api;

import java.sql.SQLException;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.anju.error.AnjuException;

/**
 * Turns failures into HTTP answers: the one place where Anju errors become statuses.
 * Body: {@code {"error": {"code": 404, "message": "..."}}}.
 * <p>
 * A 4xx tells the caller exactly what was wrong. A 5xx that wraps another exception (a database
 * or driver failure) tells only what kind of thing failed: the cause's text (SQL, table names,
 * hosts) goes to the log, never to the client. A request refused while its body is still coming is
 * answered and its connection closed, so that the rest of the body is never read.
 */
final class ApiErrors {

    private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);

    private ApiErrors() {
    }

    static void handle(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        HttpServerRequest request = ctx.request();
        int status;
        String message;
        if (failure instanceof AnjuException error) {
            status = error.code();
            message = status >= 500 ? clientMessage(error) : error.getMessage();
            if (status >= 500) {
                LOG.warn("request failed [{} {}]: {}", request.method(), request.path(), detail(error));
            }
        } else if (failure == null) {
            status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
            message = status == 413 ? "request body too large" : "request failed";
        } else {
            status = 500;
            message = "internal error";
            LOG.error("request failed [{} {}]", request.method(), request.path(), failure);
        }
        if (ctx.response().headWritten()) {
            ctx.response().close();
            return;
        }
        boolean bodyUnread = !request.isEnded() && request.version() != HttpVersion.HTTP_2;
        ctx.response()
                .setStatusCode(status)
                .putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("error", new JsonObject().put("code", status).put("message", message))
                        .encode())
                .onComplete(written -> {
                    if (bodyUnread) {
                        request.connection().close();
                    }
                });
    }

    /**
     * Returns what a client may learn of a server error: its own message when Anju raised it
     * without a cause (e.g. "device … is not connected"), a generic one when it wraps a failure.
     */
    private static String clientMessage(AnjuException error) {
        if (error.getCause() == null) {
            return error.getMessage();
        }
        for (Throwable cause = error.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException) {
                return error.isRetryable() ? "database unavailable, try again later" : "internal error";
            }
        }
        return switch (error.code()) {
            case 503 -> "service unavailable, try again later";
            case 504 -> "timed out, try again later";
            default -> "internal error";
        };
    }

    /** Returns the error's message with its cause's, for the log. */
    private static String detail(AnjuException error) {
        Throwable cause = error.getCause();
        if (cause == null || cause.getMessage() == null || error.getMessage().contains(cause.getMessage())) {
            return error.getMessage();
        }
        return error.getMessage() + ": " + cause;
    }
}
