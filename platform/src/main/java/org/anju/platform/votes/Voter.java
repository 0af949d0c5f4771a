package org.anju.platform.votes;

import java.util.Set;

/**
 * One household of a motion's electorate, as snapshotted when the motion opened: its private area
 * (专有部分面积) in 0.01 m² and the usernames of its owners, any of whom may cast its one ballot.
 * A household counts as one owner by head.
 */
public record Voter(long householdId, long areaCenti, Set<String> owners) {

    public Voter {
        if (areaCenti <= 0) {
            throw new IllegalArgumentException("household " + householdId + " has no private area: " + areaCenti);
        }
        owners = Set.copyOf(owners);
    }
}
