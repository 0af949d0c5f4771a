package org.anju.simulator.load;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;

import org.postgresql.PGConnection;

/**
 * Checks a {@link Ledger} against the platform's database: every acknowledged message must have
 * its data points in {@code telemetry} (matched by device and {@code ts}), each once.
 */
public final class LedgerCheck {

    private static final int COPY_CHUNK_ROWS = 50_000;

    /**
     * What the database holds of the acknowledged messages.
     *
     * @param acknowledged messages acknowledged
     * @param lost         acknowledged messages with no data point stored
     * @param duplicated   acknowledged messages with a data point stored more than once
     * @param points       data points stored for the acknowledged messages
     */
    public record Report(long acknowledged, long lost, long duplicated, long points) {

        public boolean nothingLost() {
            return lost == 0 && duplicated == 0;
        }

        @Override
        public String toString() {
            return "acknowledged=%d lost=%d duplicated=%d points=%d".formatted(acknowledged, lost, duplicated, points);
        }
    }

    private static final String RESULT_SQL = """
            WITH stored AS (
                SELECT t.device_id, t.ts, count(*) AS points, count(DISTINCT t.metric) AS metrics
                  FROM telemetry t JOIN ledger l ON t.device_id = l.device_id AND t.ts = l.ts
                 WHERE t.ts BETWEEN ? AND ?
                 GROUP BY t.device_id, t.ts)
            SELECT count(*) AS found,
                   count(*) FILTER (WHERE points > metrics) AS duplicated,
                   coalesce(sum(points), 0) AS points
              FROM stored""";

    private LedgerCheck() {
    }

    /**
     * Looks up every acknowledged message.
     *
     * @param jdbcUrl the platform's database (user and password in the URL, or in the arguments)
     */
    public static Report check(Ledger ledger, String jdbcUrl, String user, String password) throws SQLException {
        Map<String, long[]> acknowledged = ledger.acknowledgedTimestamps();
        long total = acknowledged.values().stream().mapToLong(ts -> ts.length).sum();
        if (total == 0) {
            return new Report(0, 0, 0, 0);
        }
        long min = acknowledged.values().stream().filter(ts -> ts.length > 0).mapToLong(ts -> ts[0]).min().orElseThrow();
        long max = acknowledged.values().stream().filter(ts -> ts.length > 0).mapToLong(ts -> ts[ts.length - 1]).max()
                .orElseThrow();
        try (Connection c = user.isEmpty() ? DriverManager.getConnection(jdbcUrl)
                : DriverManager.getConnection(jdbcUrl, user, password)) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TEMP TABLE ledger (device_id text NOT NULL, ts timestamptz NOT NULL, "
                        + "PRIMARY KEY (device_id, ts))");
            }
            copyLedger(c, acknowledged);
            try (Statement s = c.createStatement()) {
                s.execute("ANALYZE ledger");
            }
            try (PreparedStatement ps = c.prepareStatement(RESULT_SQL)) {
                ps.setTimestamp(1, Timestamp.from(Instant.ofEpochMilli(min)));
                ps.setTimestamp(2, Timestamp.from(Instant.ofEpochMilli(max)));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return new Report(total, total - rs.getLong("found"), rs.getLong("duplicated"), rs.getLong("points"));
                }
            }
        }
    }

    private static void copyLedger(Connection c, Map<String, long[]> acknowledged) throws SQLException {
        var copy = c.unwrap(PGConnection.class).getCopyAPI();
        StringBuilder rows = new StringBuilder();
        int inChunk = 0;
        try {
            for (Map.Entry<String, long[]> device : acknowledged.entrySet()) {
                for (long ts : device.getValue()) {
                    // device ids are [A-Za-z0-9_.:-]: nothing to escape in COPY's text format
                    rows.append(device.getKey()).append('\t').append(Instant.ofEpochMilli(ts)).append('\n');
                    if (++inChunk == COPY_CHUNK_ROWS) {
                        copy.copyIn("COPY ledger FROM STDIN", new StringReader(rows.toString()));
                        rows.setLength(0);
                        inChunk = 0;
                    }
                }
            }
            if (inChunk > 0) {
                copy.copyIn("COPY ledger FROM STDIN", new StringReader(rows.toString()));
            }
        } catch (IOException e) {
            throw new SQLException("could not copy the ledger: " + e.getMessage(), e);
        }
    }
}
