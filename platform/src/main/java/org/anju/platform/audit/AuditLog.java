package org.anju.platform.audit;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.vertx.core.json.JsonObject;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.anju.error.ServerError;
import org.anju.platform.query.ListRequest;
import org.anju.platform.query.Page;
import org.anju.platform.storage.Sql;
import org.anju.platform.storage.UnitOfWork;

/**
 * The audit log ({@code audit_log}; this package owns the table): security-relevant actions,
 * written in the transaction of the action where it has one ({@link #write}), read by
 * administrators a bounded page at a time, removed after the audit retention.
 * <p>
 * Methods block on JDBC: call them from a worker.
 */
public final class AuditLog {

    private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);
    static final int PURGE_BATCH_ROWS = 10_000;
    private static final String INSERT = """
            INSERT INTO audit_log (tenant_id, actor, source_address, action, target, detail)
            VALUES (?, ?, ?, ?, ?, ?::jsonb)""";
    private static final String SELECT = """
            SELECT id, at, tenant_id, actor, source_address, action, target, detail::text AS detail
              FROM audit_log
             WHERE at >= ? AND at < ? AND id < ?""";

    /** One stored entry. */
    public record Stored(long id, Instant at, AuditEntry entry) {
    }

    private final UnitOfWork db;

    public AuditLog(UnitOfWork db) {
        this.db = db;
    }

    /** Writes an entry in the caller's transaction: it commits or rolls back with the action. */
    public static void write(UnitOfWork.Tx tx, AuditEntry entry) throws SQLException {
        write(tx.connection(), entry);
    }

    /** Writes an entry on the connection of the caller's transaction (for stores not yet on the unit of work). */
    public static void write(Connection c, AuditEntry entry) throws SQLException {
        Sql.update(c, INSERT, entry.tenantId(), entry.actor(), entry.sourceAddress(), entry.action(), entry.target(),
                entry.detail().encode());
    }

    /**
     * Writes an entry in a transaction of its own, for actions that have none (a failed log-in,
     * a command sent to a device).
     *
     * @throws ServerError 503 when the database fails
     */
    public void record(AuditEntry entry) {
        db.inTransaction("audit log", tx -> {
            write(tx, entry);
            return null;
        });
    }

    /**
     * Reads a page.
     *
     * @throws ServerError 503 when the database fails
     */
    public Page<Stored> query(AuditQuery q) {
        StringBuilder sql = new StringBuilder(SELECT);
        ListRequest request = q.page();
        List<Object> parameters = new ArrayList<>(List.of(request.from(), request.to(), request.afterId()));
        if (q.tenantId() != null) {
            sql.append(" AND tenant_id = ?");
            parameters.add(q.tenantId());
        }
        if (q.actor() != null) {
            sql.append(" AND actor = ?");
            parameters.add(q.actor());
        }
        if (q.action() != null) {
            sql.append(" AND (action = ? OR starts_with(action, ?))");
            parameters.add(q.action());
            parameters.add(q.action() + ".");
        }
        sql.append(" ORDER BY id DESC LIMIT ?");
        parameters.add(request.fetchSize());
        List<Stored> rows = db.read("audit log", tx -> tx.query(sql.toString(), rs -> new Stored(rs.getLong("id"),
                Sql.instant(rs, "at"), new AuditEntry(rs.getString("action"), rs.getString("actor"),
                        rs.getString("tenant_id"), rs.getString("source_address"), rs.getString("target"),
                        new JsonObject(rs.getString("detail")))), parameters.toArray()));
        return request.page(rows, r -> new Object[] {r.id()});
    }

    /**
     * Removes the entries older than the cutoff, a batch per transaction so that a large backlog
     * never holds long locks.
     *
     * @return how many were removed
     * @throws ServerError 503 when the database fails; what was removed stays removed
     */
    public long purgeOlderThan(Instant cutoff) {
        long total = 0;
        int deleted;
        do {
            deleted = db.inTransaction("audit log", tx -> tx.update("""
                    DELETE FROM audit_log WHERE id IN (SELECT id FROM audit_log WHERE at < ? LIMIT ?)""",
                    cutoff, PURGE_BATCH_ROWS));
            total += deleted;
        } while (deleted >= PURGE_BATCH_ROWS);
        if (total > 0) {
            LOG.info("audit log entries past retention removed [rows: {}, older than: {}]", total, cutoff);
        }
        return total;
    }
}
