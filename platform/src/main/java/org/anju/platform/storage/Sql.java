package org.anju.platform.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Small JDBC helpers the stores share: parameters by position (instants
 * as timestamps, {@code String[]} as text arrays), rows mapped by a function.
 */
public final class Sql {

    /** Maps the current row. */
    @FunctionalInterface
    public interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /** Takes the current row of a streamed result. */
    @FunctionalInterface
    public interface RowConsumer {
        void accept(ResultSet rs) throws SQLException;
    }

    private Sql() {
    }

    /**
     * Hands every row of the query to {@code consumer} as it arrives, {@code fetchSize} rows per
     * round trip, without holding the result in memory; the connection must not be in auto-commit
     * mode (PostgreSQL streams only inside a transaction).
     */
    public static void forEach(Connection c, String sql, int fetchSize, RowConsumer consumer, Object... parameters)
            throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, parameters)) {
            ps.setFetchSize(fetchSize);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    consumer.accept(rs);
                }
            }
        }
    }

    /** Returns every row of the query, mapped. */
    public static <T> List<T> query(Connection c, String sql, Row<T> row, Object... parameters) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, parameters); ResultSet rs = ps.executeQuery()) {
            List<T> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(row.map(rs));
            }
            return rows;
        }
    }

    /** Returns the first row, mapped; the mapping must not return null (map a nullable column with coalesce). */
    public static <T> Optional<T> one(Connection c, String sql, Row<T> row, Object... parameters) throws SQLException {
        return query(c, sql, row, parameters).stream().findFirst();
    }

    /** Runs an insert, update or delete; returns how many rows it changed. */
    public static int update(Connection c, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, parameters)) {
            return ps.executeUpdate();
        }
    }

    /** The parameters of one row of a JDBC batch. */
    @FunctionalInterface
    public interface Parameters<T> {
        Object[] of(T row);
    }

    /** Runs one statement for each row as a JDBC batch (one round trip); nothing when there are no rows. */
    public static <T> void batch(Connection c, String sql, Collection<T> rows, Parameters<T> parameters)
            throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (T row : rows) {
                bind(c, ps, parameters.of(row));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Returns a timestamp column as an instant, null when it is null. */
    public static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }

    /** Returns an integer column, null when it is null. */
    public static Integer integer(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }

    /**
     * Returns a SQL array of the element type ({@code text}, {@code int8}, {@code float8},
     * {@code timestamptz}, …) for {@code unnest(?)} writes of whole batches; instants are sent as
     * ISO-8601 UTC text (unambiguous whatever the session's time zone), nulls stay null.
     */
    public static java.sql.Array array(Connection c, String type, Collection<?> values) throws SQLException {
        return column(c, type, values, v -> v);
    }

    /** Returns, as {@link #array}, one column of the rows: {@code value} of each row in order. */
    public static <T> java.sql.Array column(Connection c, String type, Collection<T> rows,
            java.util.function.Function<T, ?> value) throws SQLException {
        Object[] elements = new Object[rows.size()];
        int i = 0;
        for (T row : rows) {
            Object v = value.apply(row);
            elements[i++] = v instanceof Instant t ? t.toString() : v;
        }
        return c.createArrayOf(type, elements);
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... parameters) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        try {
            bind(c, ps, parameters);
            return ps;
        } catch (SQLException e) {
            ps.close();
            throw e;
        }
    }

    private static void bind(Connection c, PreparedStatement ps, Object... parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            Object p = parameters[i];
            if (p instanceof String[] texts) {
                ps.setArray(i + 1, c.createArrayOf("text", texts));
            } else {
                ps.setObject(i + 1, p instanceof Instant t ? Timestamp.from(t) : p);
            }
        }
    }
}
