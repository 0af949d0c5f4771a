package org.anju.platform.storage;

import java.time.Duration;

/**
 * How to reach a database.
 */
public record DatabaseSettings(String url, String user, String password, int poolSize, Duration connectTimeout) {

    @Override
    public String toString() {
        return "DatabaseSettings[url=" + org.anju.platform.config.Secrets.maskUrl(url) + ", user=" + user + "]";
    }
}
