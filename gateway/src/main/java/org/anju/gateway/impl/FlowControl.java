package org.anju.gateway.impl;

import io.vertx.core.Context;

/**
 * One connection's share of backpressure: counts its messages in flight and stops reading from
 * its socket while it has too many, or while all connections together have too many.
 * Used on the connection's context only (except {@link #globalCapacityFreed()}).
 */
final class FlowControl {

    /** Stops and restarts reading from the connection's socket ({@link SocketReadControl}). */
    interface Socket {
        void pause();

        void resume();
    }

    private final Context context;
    private final Socket socket;
    private final InFlightLimiter global;
    private final int maxInFlight;
    private int inFlight;
    private boolean paused;

    FlowControl(Context context, Socket socket, InFlightLimiter global, int maxInFlight) {
        this.context = context;
        this.socket = socket;
        this.global = global;
        this.maxInFlight = maxInFlight;
    }

    /** A message was read and handed on. */
    void started() {
        inFlight++;
        boolean globalRoom = global.acquire();
        if (!paused && (inFlight >= maxInFlight || !globalRoom)) {
            paused = true;
            socket.pause();
            if (!globalRoom) {
                global.waitForCapacity(this);
            }
        }
    }

    /** A message was answered (stored, refused or failed). */
    void ended() {
        inFlight--;
        global.release();
        maybeResume();
    }

    /** Called from any thread when the global bound has room again. */
    void globalCapacityFreed() {
        context.runOnContext(v -> maybeResume());
    }

    int inFlight() {
        return inFlight;
    }

    /** Forgets a closed connection's share; its messages end through {@link #ended()} or never count again. */
    void close() {
        global.forget(this);
    }

    private void maybeResume() {
        if (!paused || inFlight > maxInFlight / 2) {
            return;
        }
        if (!global.belowBound()) {
            global.waitForCapacity(this);
            return;
        }
        paused = false;
        socket.resume();
    }
}
