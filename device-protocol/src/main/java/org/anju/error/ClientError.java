package org.anju.error;

/**
 * A 4xx error: the request was wrong and repeating it unchanged will fail again.
 */
public final class ClientError extends AnjuException {

    public static final int BAD_REQUEST = 400;
    public static final int UNAUTHORIZED = 401;
    public static final int FORBIDDEN = 403;
    public static final int NOT_FOUND = 404;
    public static final int CONFLICT = 409;
    public static final int PAYLOAD_TOO_LARGE = 413;
    public static final int TOO_MANY_REQUESTS = 429;

    public ClientError(int code, String message) {
        super(checkRange(code), message, null);
    }

    public static ClientError badRequest(String message) {
        return new ClientError(BAD_REQUEST, message);
    }

    public static ClientError unauthorized(String message) {
        return new ClientError(UNAUTHORIZED, message);
    }

    public static ClientError forbidden(String message) {
        return new ClientError(FORBIDDEN, message);
    }

    public static ClientError notFound(String message) {
        return new ClientError(NOT_FOUND, message);
    }

    private static int checkRange(int code) {
        if (code < 400 || code > 499) {
            throw new IllegalArgumentException("client error code must be 4xx: " + code);
        }
        return code;
    }
}
