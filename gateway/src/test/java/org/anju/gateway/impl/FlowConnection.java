package org.anju.gateway.impl;

import io.vertx.core.Vertx;

/**
 * One connection as backpressure sees it: its own Vert.x context, its socket (recording pauses and
 * resumes) and its flow control against a shared global bound.
 */
final class FlowConnection {

    final OnContext context;
    final RecordingSocket socket = new RecordingSocket();
    final FlowControl flow;

    FlowConnection(Vertx vertx, InFlightLimiter global, int maxInFlight) {
        this.context = new OnContext(vertx);
        this.flow = new FlowControl(context.context(), socket, global, maxInFlight);
    }

    /** Runs a step on the connection's context and waits for it. */
    void run(OnContext.Step step) throws Exception {
        context.run(step);
    }

    /** Reads messages; call on the connection's context. */
    void started(int messages) {
        for (int i = 0; i < messages; i++) {
            flow.started();
        }
    }

    /** Answers messages; call on the connection's context. */
    void ended(int messages) {
        for (int i = 0; i < messages; i++) {
            flow.ended();
        }
    }
}
