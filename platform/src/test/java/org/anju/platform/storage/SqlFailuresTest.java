package org.anju.platform.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.junit.jupiter.api.Test;

import org.anju.error.ServerError;

/** The one classifier of database failures: by SQLState, also inside batches and causes. */
class SqlFailuresTest {

    @Test
    void deadlockAndSerializationVictimsAreTransientOtherFailuresAreNot() {
        assertThat(SqlFailures.isTransient(new SQLException("deadlock detected", "40P01"))).isTrue();
        assertThat(SqlFailures.isTransient(new SQLException("could not serialize", "40001"))).isTrue();
        assertThat(SqlFailures.isTransient(new SQLException("duplicate key", "23505"))).isFalse();
        assertThat(SqlFailures.isTransient(new SQLException("connection refused", "08001"))).isFalse();
        assertThat(SqlFailures.isTransient(new SQLException("no state"))).isFalse();
    }

    @Test
    void aVictimReportedInsideAJdbcBatchIsFound() {
        // pgJDBC reports a batch's failure as a BatchUpdateException with the real cause chained next
        BatchUpdateException batch = new BatchUpdateException("Batch entry 3 was aborted", "08006", new int[0]);
        batch.setNextException(new SQLException("deadlock detected", "40P01"));
        assertThat(SqlFailures.isTransient(batch)).isTrue();
        assertThat(SqlFailures.isDeadlock(batch)).isTrue();

        SQLException wrapped = new SQLException("batch failed", "XX000", new SQLException("deadlock", "40P01"));
        assertThat(SqlFailures.isDeadlock(wrapped)).isTrue();
    }

    @Test
    void anOutageOrAVictimIsWorthRetryingLaterAMistakeInTheSqlIsNot() {
        assertThat(SqlFailures.isRetryable(new SQLException("connection refused", "08001"))).isTrue();
        assertThat(SqlFailures.isRetryable(new SQLException("too many connections", "53300"))).isTrue();
        assertThat(SqlFailures.isRetryable(new SQLException("terminating connection due to administrator command",
                "57P01"))).isTrue();
        assertThat(SqlFailures.isRetryable(new SQLTransientConnectionException("pool - Connection is not available"))).isTrue();
        assertThat(SqlFailures.isRetryable(new SQLException("driver gave no state"))).isTrue();
        assertThat(SqlFailures.isRetryable(new SQLException("deadlock detected", "40P01"))).isTrue();

        assertThat(SqlFailures.isRetryable(new SQLException("duplicate key value", "23505"))).isFalse();
        assertThat(SqlFailures.isRetryable(new SQLException("column \"x\" does not exist", "42703"))).isFalse();
        assertThat(SqlFailures.isRetryable(new SQLException("invalid input syntax for type json", "22P02"))).isFalse();
    }

    @Test
    void failuresBecomeServerErrorsThatCarryNoDatabaseText() {
        ServerError unavailable = SqlFailures.toServerError("alerts",
                new SQLException("FATAL: the database system is shutting down", "57P03"));
        assertThat(unavailable.code()).isEqualTo(503);
        assertThat(unavailable.isRetryable()).isTrue();
        assertThat(unavailable.getMessage()).isEqualTo("alerts unavailable");

        ServerError broken = SqlFailures.toServerError("alerts",
                new SQLException("ERROR: relation \"alerts\" does not exist at character 15", "42P01"));
        assertThat(broken.code()).as("an error in the SQL would fail again: not 'try again later'").isEqualTo(500);
        assertThat(broken.isRetryable()).isFalse();
        assertThat(broken.getMessage()).isEqualTo("alerts failed");

        ServerError timeout = SqlFailures.toServerError("history",
                new SQLException("ERROR: canceling statement due to statement timeout", "57014"));
        assertThat(timeout.code()).isEqualTo(504);
        assertThat(timeout.getMessage()).isEqualTo("history query took too long");
    }
}
