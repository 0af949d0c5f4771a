package org.anju.platform.api;

import java.time.Clock;
import java.time.ZoneId;

import org.anju.platform.storage.Database;
import org.anju.platform.storage.history.DeviceHistory;
import org.anju.platform.storage.history.EventLog;
import org.anju.platform.storage.retention.RetentionPolicy;
import org.anju.platform.storage.rollup.RollupTables;
import org.anju.platform.storage.usage.StorageUsage;

/**
 * The read services over stored data that the API exposes: device histories, events, and storage
 * used per community.
 */
public record StorageServices(DeviceHistory history, EventLog events, StorageUsage usage) {

    /** Creates the services over a database whose rollups live in {@code rollups}. */
    public static StorageServices of(Database database, RollupTables rollups, RetentionPolicy retention, ZoneId dayZone,
            Clock clock) {
        return new StorageServices(
                new DeviceHistory(database.work(), rollups, retention, dayZone, clock),
                new EventLog(database.work()),
                new StorageUsage(database.work(), database.timescale(), rollups, retention, clock));
    }
}
