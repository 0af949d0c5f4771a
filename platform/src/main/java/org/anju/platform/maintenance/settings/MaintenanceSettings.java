package org.anju.platform.maintenance.settings;

import java.time.Clock;
import java.util.Map;

import io.vertx.core.json.JsonObject;

import org.anju.error.ClientError;
import org.anju.platform.audit.AuditEntry;
import org.anju.platform.audit.AuditLog;
import org.anju.platform.storage.UnitOfWork;

/**
 * A community's maintenance settings as the API reads and changes them: the figures in force, the
 * community's own and the platform defaults. The caller checks who may ask (the routes'
 * {@code MaintenanceAccess}). Methods block on JDBC: call them from a worker.
 */
public final class MaintenanceSettings {

    private static final String WHAT = "maintenance settings";

    private final UnitOfWork work;
    private final CommunityMaintenanceSettings defaults;
    private final Clock clock;

    /**
     * @param defaults the platform's figures ({@code maintenance.*} of {@code anju-defaults.yaml}), all set
     */
    public MaintenanceSettings(UnitOfWork work, CommunityMaintenanceSettings defaults, Clock clock) {
        this.work = work;
        this.defaults = defaults;
        this.clock = clock;
    }

    /** Returns the platform's figures. */
    public CommunityMaintenanceSettings defaults() {
        return defaults;
    }

    /** Returns the community's settings: {@code communityId}, {@code effective}, {@code own}, {@code defaults}. */
    public Map<String, Object> get(String communityId) {
        return view(communityId, work.read(WHAT, tx -> MaintenanceSettingsStore.of(tx, communityId)));
    }

    /**
     * Changes the community's own figures (each field given replaces one, null returns it to the
     * default, a field left out stays) and audits the change ({@code audit} with the body).
     *
     * @throws ClientError 400 naming an unknown field, a figure of the wrong type or out of range,
     *                     or figures in force that contradict each other
     */
    public Map<String, Object> put(String communityId, JsonObject body, String username, AuditEntry audit) {
        CommunityMaintenanceSettings own = work.inTransaction(WHAT, tx -> {
            CommunityMaintenanceSettings changed = CommunityMaintenanceSettings.fromJson(body,
                    MaintenanceSettingsStore.of(tx, communityId));
            changed.over(defaults);
            MaintenanceSettingsStore.put(tx, communityId, changed, username, clock.instant());
            AuditLog.write(tx, audit.with("communityId", communityId).with("settings", body.getMap()));
            return changed;
        });
        return view(communityId, own);
    }

    private Map<String, Object> view(String communityId, CommunityMaintenanceSettings own) {
        return Map.of("communityId", communityId, "effective", own.over(defaults), "own", own, "defaults", defaults);
    }
}
