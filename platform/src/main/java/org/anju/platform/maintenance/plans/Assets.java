package org.anju.platform.maintenance.plans;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.anju.platform.storage.Sql;
import org.anju.platform.storage.UnitOfWork;

/** The maintenance assets (table {@code maintenance_assets}), in the caller's transaction. */
public final class Assets {

    private static final String COLUMNS = """
            device_id, community_id, asset_kind, maintainer_company_id, maintainer_company_name, contract_ref, mode,
            registration_code, last_inspection_on, next_inspection_on, counters_since""";

    private static final String UPSERT = """
            INSERT INTO maintenance_assets (%s, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (device_id) DO UPDATE SET community_id = excluded.community_id,
                   asset_kind = excluded.asset_kind, maintainer_company_id = excluded.maintainer_company_id,
                   maintainer_company_name = excluded.maintainer_company_name, contract_ref = excluded.contract_ref,
                   mode = excluded.mode, registration_code = excluded.registration_code,
                   last_inspection_on = excluded.last_inspection_on, next_inspection_on = excluded.next_inspection_on,
                   updated_at = excluded.updated_at
             WHERE (maintenance_assets.community_id, maintenance_assets.asset_kind,
                    maintenance_assets.maintainer_company_id, maintenance_assets.maintainer_company_name,
                    maintenance_assets.contract_ref, maintenance_assets.mode, maintenance_assets.registration_code,
                    maintenance_assets.last_inspection_on, maintenance_assets.next_inspection_on)
                   IS DISTINCT FROM (excluded.community_id, excluded.asset_kind, excluded.maintainer_company_id,
                    excluded.maintainer_company_name, excluded.contract_ref, excluded.mode, excluded.registration_code,
                    excluded.last_inspection_on, excluded.next_inspection_on)
            RETURNING (xmax = 0)""".formatted(COLUMNS);

    /** What a write did. */
    public enum Outcome {
        CREATED, UPDATED, UNCHANGED
    }

    private Assets() {
    }

    /**
     * Creates or updates an asset (idempotent: the same record again changes nothing); a new one's
     * counters start at {@code now}, an existing one keeps its counters.
     */
    public static Outcome put(UnitOfWork.Tx tx, Asset asset, Instant now) throws SQLException {
        Optional<Boolean> inserted = tx.one(UPSERT, rs -> rs.getBoolean(1), asset.deviceId(), asset.communityId(),
                asset.kind().wireName(), asset.maintainerCompanyId(), asset.maintainerCompanyName(),
                asset.contractRef(), asset.mode().wireName(), asset.registrationCode(), asset.lastInspectionOn(),
                asset.nextInspectionOn(), now, now);
        return inserted.map(created -> created ? Outcome.CREATED : Outcome.UPDATED).orElse(Outcome.UNCHANGED);
    }

    /** Returns a device's asset. */
    public static Optional<Asset> get(UnitOfWork.Tx tx, String deviceId) throws SQLException {
        return tx.one("SELECT " + COLUMNS + " FROM maintenance_assets WHERE device_id = ?", Assets::asset, deviceId);
    }

    /** Returns a community's assets, by device id. */
    public static List<Asset> ofCommunity(UnitOfWork.Tx tx, String communityId) throws SQLException {
        return tx.query("SELECT " + COLUMNS + " FROM maintenance_assets WHERE community_id = ? ORDER BY device_id",
                Assets::asset, communityId);
    }

    /** Returns the assets of these devices, by device id. */
    public static Map<String, Asset> of(UnitOfWork.Tx tx, Collection<String> deviceIds) throws SQLException {
        return tx.query("SELECT " + COLUMNS + " FROM maintenance_assets WHERE device_id = ANY (?)", Assets::asset,
                (Object) deviceIds.toArray(String[]::new)).stream()
                .collect(Collectors.toMap(Asset::deviceId, Function.identity()));
    }

    /** Returns the assets in on-demand mode with no counter work opened since their last maintenance. */
    static List<Asset> onDemandAwaiting(UnitOfWork.Tx tx) throws SQLException {
        return tx.query("SELECT " + COLUMNS + " FROM maintenance_assets WHERE mode = 'on_demand'"
                + " AND counter_work_since IS DISTINCT FROM counters_since", Assets::asset);
    }

    /** Records that counter work was opened for the asset's maintenance cycle that began at {@code since}. */
    static void markCounterWork(UnitOfWork.Tx tx, String deviceId, Instant since) throws SQLException {
        tx.update("UPDATE maintenance_assets SET counter_work_since = ? WHERE device_id = ?", since, deviceId);
    }

    /** Restarts a device's usage counters at {@code since} (the completed maintenance). */
    static void resetCounters(UnitOfWork.Tx tx, String deviceId, Instant since) throws SQLException {
        tx.update("UPDATE maintenance_assets SET counters_since = ? WHERE device_id = ? AND counters_since < ?", since,
                deviceId, since);
    }

    private static Asset asset(ResultSet rs) throws SQLException {
        return new Asset(rs.getString("device_id"), rs.getString("community_id"),
                AssetKind.ofDeviceType(rs.getString("asset_kind")).orElseThrow(), rs.getString("maintainer_company_id"),
                rs.getString("maintainer_company_name"), rs.getString("contract_ref"),
                MaintenanceMode.fromWireName(rs.getString("mode")).orElseThrow(), rs.getString("registration_code"),
                rs.getObject("last_inspection_on", java.time.LocalDate.class),
                rs.getObject("next_inspection_on", java.time.LocalDate.class), Sql.instant(rs, "counters_since"));
    }
}
