package org.anju.platform.billing;

import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.anju.platform.estate.ParkingSpaces;
import org.anju.platform.ledger.Fen;
import org.anju.platform.storage.UnitOfWork;

/**
 * The rent lines of a community's contracts: each period billed whole in advance, prorated when
 * the contract ends within it.
 */
final class RentLines {

    private final int fundShare;
    private final Map<Long, ParkingSpaces.ParkingSpace> spaces;

    RentLines(UnitOfWork.Tx tx, String communityId, BillingSettings settings) throws SQLException {
        this.fundShare = settings.of(tx, communityId).commonAreaFundSharePercent();
        this.spaces = ParkingSpaces.ofCommunity(tx, communityId).stream()
                .collect(Collectors.toMap(ParkingSpaces.ParkingSpace::id, Function.identity()));
    }

    /** Returns the line of the contract's {@code index}-th period, none when it bills nothing. */
    Optional<InvoiceLine> line(Contract c, int index) {
        if (c.periodFen() == 0) {
            return Optional.empty();
        }
        LocalDate start = Proration.periodStart(c.startsOn(), c.term(), index);
        LocalDate periodEnd = Proration.periodStart(c.startsOn(), c.term(), index + 1);
        long amount = Proration.usedFen(c.periodFen(), start, periodEnd, start, c.coveredUntil());
        if (amount <= 0) {
            return Optional.empty();
        }
        ParkingSpaces.ParkingSpace space = spaces.get(c.spaceId());
        boolean common = space != null && space.ownership() == ParkingSpaces.Ownership.COMMON;
        long fund = common ? Fen.share(amount, fundShare, 100) : 0;
        return Optional.of(new InvoiceLine(Stream.RENT, BillingRun.rentSource(c, index), "rent of space "
                + (space == null ? c.spaceId() : space.number()) + " " + c.term().wireName() + " from " + start,
                amount, fund));
    }
}
