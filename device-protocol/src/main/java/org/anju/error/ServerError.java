package org.anju.error;

/**
 * A 5xx error: Anju, or something it depends on, could not do what was asked.
 * <p>
 * A server error is {@linkplain #isRetryable() retryable} when the cause is expected to pass
 * (a database outage, a timeout), so callers decide on retry by type, not by message.
 */
public final class ServerError extends AnjuException {

    public static final int INTERNAL = 500;
    public static final int UNAVAILABLE = 503;
    public static final int TIMEOUT = 504;

    private final boolean retryable;

    public ServerError(int code, String message, Throwable cause, boolean retryable) {
        super(checkRange(code), message, cause);
        this.retryable = retryable;
    }

    /** Creates a retryable 503: a dependency is down or overloaded. */
    public static ServerError unavailable(String message, Throwable cause) {
        return new ServerError(UNAVAILABLE, message, cause, true);
    }

    /** Creates a retryable 504: the work did not finish in time. */
    public static ServerError timeout(String message) {
        return new ServerError(TIMEOUT, message, null, true);
    }

    /** Creates a non-retryable 500. */
    public static ServerError internal(String message, Throwable cause) {
        return new ServerError(INTERNAL, message, cause, false);
    }

    @Override
    public boolean isRetryable() {
        return retryable;
    }

    private static int checkRange(int code) {
        if (code < 500 || code > 599) {
            throw new IllegalArgumentException("server error code must be 5xx: " + code);
        }
        return code;
    }
}
