package org.anju.platform.api;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.anju.error.AnjuException;

/**
 * Turns failures into HTTP answers: the one place where Anju errors become statuses.
 * Body: {@code {"error": {"code": 404, "message": "..."}}}.
 */
final class ApiErrors {

    private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);

    private ApiErrors() {
    }

    static void handle(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        int status;
        String message;
        if (failure instanceof AnjuException error) {
            status = error.code();
            message = error.getMessage();
            if (status >= 500) {
                LOG.warn("request failed [{} {}]: {}", ctx.request().method(), ctx.request().path(), message);
            }
        } else if (failure == null) {
            status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
            message = status == 413 ? "request body too large" : "request failed";
        } else {
            status = 500;
            message = "internal error";
            LOG.error("request failed [{} {}]", ctx.request().method(), ctx.request().path(), failure);
        }
        if (ctx.response().headWritten()) {
            ctx.response().close();
            return;
        }
        ctx.response()
                .setStatusCode(status)
                .putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("error", new JsonObject().put("code", status).put("message", message))
                        .encode());
    }
}
