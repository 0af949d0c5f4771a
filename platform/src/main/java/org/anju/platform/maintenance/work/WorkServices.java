package org.anju.platform.maintenance.work;

import java.time.Clock;
import java.time.ZoneId;

import org.anju.platform.maintenance.CompletionListener;
import org.anju.platform.maintenance.settings.CommunityMaintenanceSettings;
import org.anju.platform.maintenance.settings.MaintenanceSettings;
import org.anju.platform.storage.UnitOfWork;

/**
 * The work-order capability as the platform wires it: orders (also the {@link
 * org.anju.platform.maintenance.WorkOrderSink}), their actions, the maintainer companies, and the
 * platform's maintenance figures that a community's own settings override.
 */
public record WorkServices(WorkOrders orders, WorkActions actions, MaintainerCompanies companies,
        MaintainerPerformance performance, MaintenanceSettings settings) {

    /** The services with the documented default figures ({@link CommunityMaintenanceSettings#DEFAULTS}). */
    public static WorkServices of(UnitOfWork work, CompletionListener completions, Clock clock, ZoneId dayZone) {
        return of(work, completions, clock, dayZone, CommunityMaintenanceSettings.DEFAULTS);
    }

    /**
     * @param work        the unit of work of requests
     * @param completions told when an order is verified: plans' implementation (resets counters,
     *                    schedules the next occurrence)
     * @param dayZone     the zone of due days
     * @param defaults    the platform's per-community figures ({@code maintenance.*})
     */
    public static WorkServices of(UnitOfWork work, CompletionListener completions, Clock clock, ZoneId dayZone,
            CommunityMaintenanceSettings defaults) {
        return new WorkServices(new WorkOrders(work, clock), new WorkActions(work, completions, clock),
                new MaintainerCompanies(work, clock), new MaintainerPerformance(work, clock, dayZone),
                new MaintenanceSettings(work, defaults, clock));
    }
}
