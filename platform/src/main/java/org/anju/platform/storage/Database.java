package org.anju.platform.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.anju.error.ServerError;
import org.anju.platform.config.Secrets;

/**
 * The platform's connection pools on a migrated schema: one for ingest and background jobs, one
 * for HTTP requests, so that slow requests can never take the connections ingest needs. Every
 * connection starts with its pool's statement timeout ({@link RequestClass#BACKGROUND} or
 * {@link RequestClass#INTERACTIVE}); {@link #work(RequestClass)} gives each class its own.
 * <p>
 * Opening it connects (failing fast with a readable error when the database is unreachable),
 * applies the Flyway migrations, and turns the time-series tables into hypertables when the
 * TimescaleDB extension is available, on a connection of its own without a statement timeout.
 */
public final class Database implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    // a pool grows to its size under load and shrinks back when idle
    private static final int MIN_IDLE = 2;

    private final HikariDataSource pool;
    private final HikariDataSource requests;
    private final StatementTimeouts timeouts;
    private final TimescaleInfo timescale;

    private Database(HikariDataSource pool, HikariDataSource requests, StatementTimeouts timeouts,
            TimescaleInfo timescale) {
        this.pool = pool;
        this.requests = requests;
        this.timeouts = timeouts;
        this.timescale = timescale;
    }

    /**
     * Connects, migrates, and opens the pools.
     *
     * @throws ServerError 503 naming the (masked) URL when the database cannot be reached or migrated
     */
    public static Database open(DatabaseSettings settings) {
        TimescaleInfo timescale = prepareSchema(settings);
        HikariDataSource pool = connect(settings, "anju-db", settings.poolSize(), settings.timeouts().background());
        try {
            HikariDataSource requests = connect(settings, "anju-db-requests", settings.requestPoolSize(),
                    settings.timeouts().interactive());
            LOG.info("database ready [url: {}, engine: {}, pools: {} + {} for requests, statement timeouts: {}]",
                    Secrets.maskUrl(settings.url()), timescale, settings.poolSize(), settings.requestPoolSize(),
                    settings.timeouts());
            return new Database(pool, requests, settings.timeouts(), timescale);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    /** Migrates the schema and makes hypertables, without a statement timeout (an upgrade may take long). */
    private static TimescaleInfo prepareSchema(DatabaseSettings settings) {
        // Flyway holds one connection for its schema history lock while it migrates on another
        try (HikariDataSource setup = connect(settings, "anju-db-setup", 2, null)) {
            Flyway.configure()
                    .dataSource(setup)
                    .locations("classpath:db/migration")
                    // versions were reserved per capability (V4-V9 after V10 existed): a database
                    // migrated before a lower version was added still takes it
                    .outOfOrder(true)
                    .load()
                    .migrate();
            return Hypertables.ensure(setup);
        } catch (ServerError e) {
            throw e;
        } catch (RuntimeException e) {
            throw ServerError.unavailable("cannot prepare the schema in " + Secrets.maskUrl(settings.url()) + ": "
                    + rootMessage(e), e);
        }
    }

    /** Returns the pool of ingest and background jobs (statement timeout of {@link RequestClass#BACKGROUND}). */
    public DataSource dataSource() {
        return pool;
    }

    /** Returns the pool of HTTP requests (statement timeout of {@link RequestClass#INTERACTIVE} unless a unit of work sets another). */
    public DataSource requestDataSource() {
        return requests;
    }

    /** Returns the unit of work of a request class: its pool and its statement timeout. */
    public UnitOfWork work(RequestClass requestClass) {
        return switch (requestClass) {
            // the pools' connections start with these two timeouts: no statement per transaction to set them
            case BACKGROUND -> UnitOfWork.of(pool);
            case INTERACTIVE -> UnitOfWork.of(requests);
            case REPORT, ADMIN -> UnitOfWork.of(requests).withStatementTimeout(timeouts.of(requestClass));
        };
    }

    /** Returns the statement timeouts of the request classes. */
    public StatementTimeouts timeouts() {
        return timeouts;
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
        requests.close();
        pool.close();
    }

    /** Opens a pool whose connections start with the statement timeout (none when null). */
    private static HikariDataSource connect(DatabaseSettings settings, String name, int size, Duration statementTimeout) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setJdbcUrl(settings.url());
        if (!settings.user().isEmpty()) {
            config.setUsername(settings.user());
        }
        if (!settings.password().isEmpty()) {
            config.setPassword(settings.password());
        }
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(Math.min(MIN_IDLE, size));
        if (statementTimeout != null) {
            config.setConnectionInitSql("SET statement_timeout = " + statementTimeout.toMillis());
        }
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
