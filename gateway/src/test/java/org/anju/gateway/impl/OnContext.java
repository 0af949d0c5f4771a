package org.anju.gateway.impl;

import java.util.concurrent.TimeUnit;

import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

/**
 * Runs the steps of a test on one Vert.x context, as a connection's classes run, and waits for
 * each: a step runs after every task the steps before it queued on the context (such as a resume
 * handed over by {@link InFlightLimiter}), so what a step sees is settled.
 */
final class OnContext {

    /** A step that may throw an assertion error or any exception. */
    interface Step {
        void run() throws Exception;
    }

    private final Context context;

    OnContext(Vertx vertx) {
        this.context = vertx.getOrCreateContext();
    }

    Context context() {
        return context;
    }

    /** Runs the step on the context and returns when it ended; rethrows what it threw. */
    void run(Step step) throws Exception {
        Promise<Void> done = Promise.promise();
        context.runOnContext(v -> {
            try {
                step.run();
                done.complete();
            } catch (Throwable e) {
                done.fail(e);
            }
        });
        try {
            // a bound on a step that never ends, not a measure of speed
            done.future().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw (Error) e.getCause();
        }
    }
}
