package org.anju.platform.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;

import org.anju.error.ClientError;

/**
 * Issues and checks the signed (HS256 JWT) session tokens. A token names its user ({@code sub})
 * and its server-side session ({@code jti}) and nothing else: what the user may do is looked up
 * from the session, so that it can change or end before the token expires.
 */
public final class SessionTokens {

    private static final String ISSUER = "anju";
    private static final String INVALID = "invalid or expired session";

    /** What a validly signed, unexpired token says. */
    public record Claims(String sessionId, String username) {
    }

    private final JWTAuth jwt;

    public SessionTokens(Vertx vertx, String secret) {
        this.jwt = JWTAuth.create(vertx, new JWTAuthOptions()
                .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(Buffer.buffer(secret)))
                .setJWTOptions(new JWTOptions().setIssuer(ISSUER)));
    }

    /** Issues a token for a session that lasts {@code ttl}. */
    public String issue(String sessionId, String username, Duration ttl) {
        return jwt.generateToken(new JsonObject().put("jti", sessionId), new JWTOptions()
                .setAlgorithm("HS256")
                .setIssuer(ISSUER)
                .setSubject(username)
                .setExpiresInSeconds((int) Math.max(1, ttl.toSeconds())));
    }

    /**
     * Checks a token's signature and expiry.
     *
     * @return what it names; fails with {@link ClientError} 401 when the token is malformed,
     *         forged, expired, or names no session (tokens issued before sessions existed)
     */
    public Future<Claims> verify(String token) {
        return jwt.authenticate(new TokenCredentials(token))
                .recover(cause -> Future.failedFuture(ClientError.unauthorized(INVALID)))
                .compose(user -> {
                    String sessionId = user.principal().getString("jti");
                    String username = user.principal().getString("sub");
                    if (username == null || !isSessionId(sessionId)) {
                        return Future.failedFuture(ClientError.unauthorized(INVALID));
                    }
                    return Future.succeededFuture(new Claims(sessionId, username));
                });
    }

    /** Returns a new session id. */
    static String newSessionId() {
        return UUID.randomUUID().toString();
    }

    private static boolean isSessionId(String value) {
        if (value == null || value.length() != 36) {
            return false;
        }
        try {
            return UUID.fromString(value).toString().equals(value);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Returns the expiry a session of this length gets, truncated to whole seconds like the token's. */
    static Instant expiryOf(Instant now, Duration ttl) {
        return now.plusSeconds(Math.max(1, ttl.toSeconds()));
    }
}
