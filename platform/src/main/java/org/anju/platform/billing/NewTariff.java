package org.anju.platform.billing;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A tariff to add to a community: its value and the local date from which it is in force.
 *
 * @param createdBy the user who adds it
 */
public record NewTariff(String communityId, LocalDate effectiveFrom, Tariff tariff, String createdBy) {

    public NewTariff {
        Objects.requireNonNull(communityId, "communityId");
        Objects.requireNonNull(effectiveFrom, "effectiveFrom");
        Objects.requireNonNull(tariff, "tariff");
        Objects.requireNonNull(createdBy, "createdBy");
    }
}
