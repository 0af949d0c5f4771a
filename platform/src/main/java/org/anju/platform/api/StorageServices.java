package org.anju.platform.api;

import java.time.Clock;
import java.time.ZoneId;

import io.micrometer.core.instrument.MeterRegistry;

import org.anju.platform.config.AnjuConfig;
import org.anju.platform.history.DeviceHistory;
import org.anju.platform.history.EventLog;
import org.anju.platform.storage.Database;
import org.anju.platform.storage.RequestClass;
import org.anju.platform.storage.retention.RetentionPolicy;
import org.anju.platform.storage.rollup.RollupTables;
import org.anju.platform.storage.usage.StorageUsage;

/**
 * The read services over stored data that the API exposes: device histories, events, and storage
 * used per community.
 */
public record StorageServices(DeviceHistory history, EventLog events, StorageUsage usage) {

    /**
     * Creates the services over a database whose rollups live in {@code rollups}: events as
     * interactive requests, histories and storage figures as reports.
     */
    public static StorageServices of(Database database, RollupTables rollups, RetentionPolicy retention, ZoneId dayZone,
            Clock clock, AnjuConfig.Limits limits, MeterRegistry meters) {
        return new StorageServices(
                new DeviceHistory(database.work(RequestClass.REPORT), rollups, retention, dayZone, clock,
                        limits.history()),
                new EventLog(database.work(RequestClass.INTERACTIVE), limits.events()),
                new StorageUsage(database.work(RequestClass.REPORT), database.timescale(), rollups, retention, clock,
                        limits.storageFiguresMaxAge(), meters));
    }
}
