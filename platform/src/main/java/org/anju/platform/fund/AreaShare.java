package org.anju.platform.fund;

/**
 * A household's weight in a shared expense: its private area in 0.01 m².
 */
public record AreaShare(long householdId, long areaCenti) {

    public AreaShare {
        if (areaCenti <= 0) {
            throw new IllegalArgumentException("household " + householdId + " has no private area: " + areaCenti);
        }
    }
}
