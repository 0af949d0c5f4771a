package org.anju.platform.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;

import org.anju.error.ClientError;

/**
 * Issues and checks the signed (HS256 JWT) session tokens that carry a user's roles and
 * communities.
 */
public final class SessionTokens {

    private static final String ISSUER = "anju";

    private final JWTAuth jwt;
    private final Duration ttl;

    public SessionTokens(Vertx vertx, String secret, Duration ttl) {
        this.jwt = JWTAuth.create(vertx, new JWTAuthOptions()
                .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(Buffer.buffer(secret)))
                .setJWTOptions(new JWTOptions().setIssuer(ISSUER)));
        this.ttl = ttl;
    }

    /** Returns how long a token stays valid. */
    public Duration ttl() {
        return ttl;
    }

    /** Issues a token for the user. */
    public String issue(Principal user) {
        JsonObject claims = new JsonObject()
                .put("name", user.displayName())
                .put("tenant", user.tenantId())
                .put("roles", new JsonArray(user.roles().stream().map(Role::wireName).toList()))
                .put("communities", new JsonArray(user.communityIds().stream().sorted().toList()));
        return jwt.generateToken(claims, new JWTOptions()
                .setAlgorithm("HS256")
                .setIssuer(ISSUER)
                .setSubject(user.username())
                .setExpiresInSeconds((int) ttl.toSeconds()));
    }

    /**
     * Checks a token.
     *
     * @return the user it was issued to; fails with {@link ClientError} 401 when the token is
     *         malformed, forged or expired
     */
    public Future<Principal> verify(String token) {
        return jwt.authenticate(new TokenCredentials(token))
                .recover(cause -> Future.failedFuture(ClientError.unauthorized("invalid or expired session")))
                .map(user -> toPrincipal(user.principal()));
    }

    /**
     * Returns when a token expires, so that what a session opened (a live stream) ends with it.
     *
     * @return fails with {@link ClientError} 401 like {@link #verify} for a token it refuses
     */
    public Future<Instant> expiry(String token) {
        return jwt.authenticate(new TokenCredentials(token))
                .recover(cause -> Future.failedFuture(ClientError.unauthorized("invalid or expired session")))
                // Vert.x keeps the registered time claims among the user's attributes
                .map(user -> Instant.ofEpochSecond(user.attributes().getLong("exp",
                        user.attributes().getJsonObject("accessToken", new JsonObject()).getLong("exp", 0L))));
    }

    private static Principal toPrincipal(JsonObject claims) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        claims.getJsonArray("roles", new JsonArray()).forEach(r -> Role.fromWireName(String.valueOf(r))
                .ifPresent(roles::add));
        Set<String> communities = new HashSet<>();
        claims.getJsonArray("communities", new JsonArray()).forEach(c -> communities.add(String.valueOf(c)));
        return new Principal(claims.getString("sub"), claims.getString("name"), claims.getString("tenant"), roles,
                communities);
    }
}
