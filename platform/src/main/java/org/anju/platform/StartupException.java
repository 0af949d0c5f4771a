package org.anju.platform;

/**
 * The platform could not start; the message says why in one line an operator can act on.
 */
public final class StartupException extends RuntimeException {

    public StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
