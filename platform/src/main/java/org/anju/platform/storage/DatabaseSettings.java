package org.anju.platform.storage;

import java.time.Duration;

/**
 * How to reach a database, and how many connections each pool holds.
 *
 * @param poolSize        connections for ingest and background jobs
 * @param requestPoolSize connections for HTTP requests
 * @param timeouts        the statement timeout of each request class
 */
public record DatabaseSettings(String url, String user, String password, int poolSize, Duration connectTimeout,
        int requestPoolSize, StatementTimeouts timeouts) {

    /** The request pool's size when not configured (the default of {@code db.requestPoolSize}). */
    public static final int DEFAULT_REQUEST_POOL_SIZE = 10;

    /** Settings with the default request pool and statement timeouts. */
    public DatabaseSettings(String url, String user, String password, int poolSize, Duration connectTimeout) {
        this(url, user, password, poolSize, connectTimeout, DEFAULT_REQUEST_POOL_SIZE, StatementTimeouts.DEFAULTS);
    }

    @Override
    public String toString() {
        return "DatabaseSettings[url=" + org.anju.platform.config.Secrets.maskUrl(url) + ", user=" + user
                + ", poolSize=" + poolSize + ", requestPoolSize=" + requestPoolSize + ", timeouts=" + timeouts + "]";
    }
}
