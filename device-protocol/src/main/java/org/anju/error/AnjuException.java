package org.anju.error;

/**
 * The root of Anju's one unchecked error hierarchy.
 * <p>
 * Every runtime problem carries an HTTP-like {@link #code()}: 4xx when the caller (a device, a
 * browser, an integrator) is at fault, 5xx when Anju or something it depends on is. Edges map the
 * code to an MQTT reason code or an HTTP status in one place each; nothing in between parses
 * messages.
 */
public abstract sealed class AnjuException extends RuntimeException permits ClientError, ServerError {

    private final int code;

    protected AnjuException(int code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** Returns the HTTP-like status code of this error. */
    public int code() {
        return code;
    }

    /** Returns whether repeating the same request later may succeed. */
    public boolean isRetryable() {
        return false;
    }
}
