package org.anju.platform.votes;

import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.anju.platform.estate.Households;
import org.anju.platform.storage.UnitOfWork;

/**
 * The electorate from the estate's households: every household of the community with its private
 * area (to 0.01 m²) and its owners on the community's day, and whether a user belongs to a
 * household of a community that day (owner or tenant).
 */
final class Electorate {

    private final Clock clock;
    private final ZoneId zone;

    /** @param zone where the day of a membership begins */
    Electorate(Clock clock, ZoneId zone) {
        this.clock = clock;
        this.zone = zone;
    }

    /**
     * Returns the community's households now; a household without an owner that day weighs in the
     * total area and head count, and nobody can cast its ballot.
     */
    List<Voter> households(UnitOfWork.Tx tx, String communityId) throws SQLException {
        Map<Long, List<String>> owners = Households.owners(tx, communityId, today());
        List<Voter> voters = new ArrayList<>();
        for (Households.Household h : Households.ofCommunity(tx, communityId)) {
            voters.add(new Voter(h.id(), h.privateAreaM2().movePointRight(2).longValueExact(),
                    Set.copyOf(owners.getOrDefault(h.id(), List.of()))));
        }
        return voters;
    }

    /** Returns whether the user belongs to a household of the community today. */
    boolean belongs(UnitOfWork.Tx tx, String username, String communityId) throws SQLException {
        return Households.ofUser(tx, username, today()).stream()
                .anyMatch(m -> m.household().communityId().equals(communityId));
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), zone);
    }
}
