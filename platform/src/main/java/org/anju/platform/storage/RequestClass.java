package org.anju.platform.storage;

/**
 * The classes of database work, each with its own statement timeout ({@code db.statementTimeout.*})
 * and pool: the first three serve HTTP requests from the request pool ({@code db.requestPoolSize}),
 * background work has the pool of ingest and jobs ({@code db.poolSize}) so that slow requests can
 * never take the connections ingest needs.
 */
public enum RequestClass {
    /** Lists, single records and actions people wait for. */
    INTERACTIVE,
    /** Histories and reports over longer ranges (device histories, storage figures). */
    REPORT,
    /** Exports and administrative jobs run on request (bulk provisioning, user administration). */
    ADMIN,
    /** Jobs nobody waits for: rollups, retention, presence, alert timers, webhook delivery. */
    BACKGROUND
}
