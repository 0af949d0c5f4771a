package org.anju.platform.storage;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.anju.error.ServerError;
import org.anju.platform.config.Secrets;

/**
 * The platform's connection pool on a migrated schema.
 * <p>
 * Opening it connects (failing fast with a readable error when the database is unreachable),
 * applies the Flyway migrations, and turns the time-series tables into hypertables when the
 * TimescaleDB extension is available.
 */
public final class Database implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    private final HikariDataSource pool;
    private final TimescaleInfo timescale;
    private final UnitOfWork work;

    private Database(HikariDataSource pool, TimescaleInfo timescale) {
        this.pool = pool;
        this.timescale = timescale;
        this.work = UnitOfWork.of(pool);
    }

    /**
     * Connects and migrates.
     *
     * @throws ServerError 503 naming the (masked) URL when the database cannot be reached or migrated
     */
    public static Database open(DatabaseSettings settings) {
        HikariDataSource pool = connect(settings);
        try {
            migrations(pool).load().migrate();
            TimescaleInfo timescale = Hypertables.ensure(pool);
            LOG.info("database ready [url: {}, engine: {}]", Secrets.maskUrl(settings.url()), timescale);
            return new Database(pool, timescale);
        } catch (RuntimeException e) {
            pool.close();
            throw ServerError.unavailable("cannot prepare the schema in " + Secrets.maskUrl(settings.url()) + ": "
                    + rootMessage(e), e);
        }
    }

    /**
     * Returns the schema's migrations: one increasing sequence of versions (V6-V9 were never used),
     * each applied once, in order, to any older database; a version lower than the database's
     * newest is refused (no out-of-order migrations).
     */
    static FluentConfiguration migrations(DataSource dataSource) {
        return Flyway.configure().dataSource(dataSource).locations("classpath:db/migration");
    }

    /** Returns the pooled data source. */
    public DataSource dataSource() {
        return pool;
    }

    /** Returns the unit of work over the pool: the way every capability runs its SQL. */
    public UnitOfWork work() {
        return work;
    }

    /** Returns what the database offers for time series. */
    public TimescaleInfo timescale() {
        return timescale;
    }

    /** Returns whether a connection can be had and used now. */
    public boolean isReachable() {
        try (Connection c = pool.getConnection()) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void close() {
        pool.close();
    }

    private static HikariDataSource connect(DatabaseSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("anju-db");
        config.setJdbcUrl(settings.url());
        if (!settings.user().isEmpty()) {
            config.setUsername(settings.user());
        }
        if (!settings.password().isEmpty()) {
            config.setPassword(settings.password());
        }
        config.setMaximumPoolSize(settings.poolSize());
        config.setConnectionTimeout(settings.connectTimeout().toMillis());
        config.setInitializationFailTimeout(settings.connectTimeout().toMillis());
        try {
            return new HikariDataSource(config);
        } catch (HikariPool.PoolInitializationException e) {
            throw ServerError.unavailable("cannot connect to the database at " + Secrets.maskUrl(settings.url()) + ": "
                    + rootMessage(e), e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
