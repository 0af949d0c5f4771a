package org.anju.platform.api;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * Writes JSON answers.
 */
final class Responses {

    private Responses() {
    }

    static void json(RoutingContext ctx, int status, Object body) {
        String json = body instanceof JsonObject o ? o.encode() : ApiJson.write(body);
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(json);
    }

    /** Answers 200 with the result, or fails the request with its error. */
    static <T> void json(RoutingContext ctx, Future<T> result) {
        result.onSuccess(body -> json(ctx, 200, body)).onFailure(ctx::fail);
    }
}
