package org.anju.platform.maintenance.plans;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A device's maintenance record.
 *
 * @param maintainerCompanyId   the maintainer company's id (its users belong to {@code maintenance.work}), null when none
 * @param maintainerCompanyName its name, null when none
 * @param contractRef           the maintenance contract's reference, null when none
 * @param registrationCode      an elevator's registration code ({@link RegistrationCode}), null otherwise
 * @param lastInspectionOn      the last periodic inspection, null when unknown
 * @param nextInspectionOn      the next periodic inspection, null when unknown
 * @param countersSince         usage counters count from here: the last completed maintenance
 */
public record Asset(String deviceId, String communityId, AssetKind kind, String maintainerCompanyId,
        String maintainerCompanyName, String contractRef, MaintenanceMode mode, String registrationCode,
        LocalDate lastInspectionOn, LocalDate nextInspectionOn, Instant countersSince) {

    public Asset {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(communityId, "communityId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(mode, "mode");
    }
}
