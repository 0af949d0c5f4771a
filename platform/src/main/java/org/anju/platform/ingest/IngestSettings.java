package org.anju.platform.ingest;

import java.time.Duration;

/**
 * Batching of the ingest writer.
 *
 * @param batchMaxRows     data points (plus events) after which a batch is written
 * @param batchMaxDelay    how long the first message of a batch may wait for more
 * @param queueMaxMessages messages that may wait to be written; more are refused, not buffered
 */
public record IngestSettings(int batchMaxRows, Duration batchMaxDelay, int queueMaxMessages) {
}
