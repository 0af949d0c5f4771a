package org.anju.platform.storage.usage;

import java.time.Instant;

/**
 * What one class of data takes for one community.
 *
 * @param dataClass     the class's name ({@code telemetry}, {@code hourly}, {@code daily},
 *                      {@code events}, {@code fireEvents})
 * @param rows          the community's rows of the class
 * @param bytes         the community's share of the class's table, indexes included, apportioned
 *                      by rows (an estimate)
 * @param retentionDays how long the class is kept
 * @param keptSince     the oldest data the retention keeps now (older data may linger until the
 *                      next retention run, and on TimescaleDB until its whole chunk has expired)
 */
public record ClassUsage(String dataClass, long rows, long bytes, long retentionDays, Instant keptSince) {
}
