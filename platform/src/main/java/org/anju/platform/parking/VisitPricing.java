package org.anju.platform.parking;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.anju.platform.estate.Vehicles;
import org.anju.platform.storage.UnitOfWork;

/**
 * Prices paired visits: a vehicle a household of the community registered parks free
 * ({@link Exemption#CONTRACT} when the household holds an active contract at the batch's last exit,
 * else {@link Exemption#HOUSEHOLD}); any other pays the visitor tariff in force at its exit.
 */
final class VisitPricing {

    private final VisitorTariffs tariffs;
    private final ActiveContracts contracts;

    VisitPricing(VisitorTariffs tariffs, ActiveContracts contracts) {
        this.tariffs = tariffs;
        this.contracts = contracts;
    }

    List<ParkingStore.NewVisit> price(UnitOfWork.Tx tx, String community, List<PlatePairing.Pair> pairs)
            throws SQLException {
        if (pairs.isEmpty()) {
            return List.of();
        }
        Map<String, Long> households = Vehicles.householdsOfPlates(tx, community,
                pairs.stream().map(p -> p.entry().plate()).distinct().toList());
        Instant lastExit = pairs.stream().map(p -> p.exit().ts()).max(Instant::compareTo).orElseThrow();
        Set<Long> contracted = households.isEmpty() ? Set.of()
                : contracts.withActiveContract(tx, community, Set.copyOf(households.values()), lastExit);
        List<ParkingStore.NewVisit> visits = new ArrayList<>(pairs.size());
        for (PlatePairing.Pair p : pairs) {
            Long household = households.get(p.entry().plate());
            Exemption exemption = household == null ? Exemption.NONE
                    : contracted.contains(household) ? Exemption.CONTRACT : Exemption.HOUSEHOLD;
            long fen = exemption == Exemption.NONE
                    ? tariffs.at(tx, community, p.exit().ts()).charge(Duration.between(p.entry().ts(), p.exit().ts()))
                    : 0;
            visits.add(new ParkingStore.NewVisit(community, "pair:" + p.entry().eventId() + ":" + p.exit().eventId(),
                    p.entry().plate(), p.entry().carPark(), p.entry().ts(), p.entry().gateId(), p.exit().ts(),
                    p.exit().gateId(), household, exemption.wireName(), fen, null));
        }
        return visits;
    }
}
