package org.anju.platform.delivery;

import java.time.Instant;

/**
 * What one attempt came to.
 *
 * @param statusCode the receiver's HTTP status; null when it gave none (refused, timed out)
 * @param error      why the attempt failed; null when it succeeded
 */
record AttemptResult(Instant startedAt, long durationMs, Integer statusCode, String error) {

    static final int MAX_ERROR_LENGTH = 500;

    static AttemptResult answered(Instant startedAt, long durationMs, int statusCode) {
        boolean ok = statusCode >= 200 && statusCode < 300;
        return new AttemptResult(startedAt, durationMs, statusCode, ok ? null : "receiver answered HTTP " + statusCode);
    }

    static AttemptResult failed(Instant startedAt, long durationMs, String error) {
        String message = error == null ? "failed" : error;
        return new AttemptResult(startedAt, durationMs, null,
                message.length() > MAX_ERROR_LENGTH ? message.substring(0, MAX_ERROR_LENGTH) : message);
    }

    boolean succeeded() {
        return error == null;
    }
}
