package org.anju.platform.billing;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.anju.platform.charging.Tier;
import org.anju.platform.charging.TouTariff;
import org.anju.platform.charging.TouTariffSource;
import org.anju.platform.parking.VisitorTariff;
import org.anju.platform.parking.VisitorTariffs;

/**
 * The usage streams' tariffs read from {@link Tariffs}: visitor parking and EV time of use, each
 * the community's own tariff in force at the instant, else billing's default of the kind. A
 * stored tariff is in force from the start of its local day in {@code billing.zone}.
 */
public final class UsageTariffs {

    private UsageTariffs() {
    }

    /**
     * Returns the visitor parking tariffs: the community's {@code visitor_parking} tariff in force
     * at the exit, else {@code billing.visitorParking}.
     */
    public static VisitorTariffs visitorParking(Tariffs tariffs) {
        return (tx, communityId, at) -> {
            Tariff.VisitorParking t = tariffs.tariffAt(tx, communityId, Tariff.VisitorParking.class, at)
                    .orElseThrow(() -> new SQLException("no visitor_parking tariff for community " + communityId
                            + " and no billing.visitorParking default"));
            return new VisitorTariff(t.freeMinutes(), t.hourlyFen(), t.dailyCapFen());
        };
    }

    /**
     * Returns the EV time-of-use tariffs: the community's {@code ev_tou} tariffs in force at some
     * instant of the range, else {@code fallback} (the configured {@code charging.tariff}, since
     * billing has no EV default) where the community has none yet.
     *
     * @param fallback the tariff in force before the community's first one, or empty for none
     *                 (sessions before it go to review as {@code no_tariff})
     */
    public static TouTariffSource evTimeOfUse(Tariffs tariffs, ZoneId zone, Optional<TouTariff> fallback) {
        return (tx, communityId, from, to) -> {
            List<TouTariff> inForce = new ArrayList<>();
            Optional<StoredTariff> first = tariffs.storedAt(tx, communityId, TariffKind.EV_TOU, from);
            if (first.isEmpty()) {
                fallback.ifPresent(inForce::add);
            }
            for (StoredTariff s : tariffs.list(tx, communityId, TariffKind.EV_TOU)) {
                Instant starts = s.effectiveFrom().atStartOfDay(zone).toInstant();
                boolean current = first.isPresent() && first.get().id() == s.id();
                if (current || starts.isAfter(from) && !starts.isAfter(to)) {
                    inForce.add(tou(s, starts));
                }
            }
            return inForce;
        };
    }

    private static TouTariff tou(StoredTariff stored, Instant starts) {
        Tariff.EvTimeOfUse ev = (Tariff.EvTimeOfUse) stored.tariff();
        Map<Tier, TouTariff.Rate> rates = new EnumMap<>(Tier.class);
        ev.tiers().forEach((tier, rate) -> rates.put(tier, new TouTariff.Rate(
                BigDecimal.valueOf(rate.electricityFen()), BigDecimal.valueOf(rate.serviceFen()))));
        return new TouTariff(String.valueOf(stored.id()), starts, rates,
                ev.slots());
    }
}
