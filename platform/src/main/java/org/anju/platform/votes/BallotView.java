package org.anju.platform.votes;

import java.time.Instant;

/** A household's ballot on a motion, as the API shows it to the household's owners and to administrators. */
public record BallotView(long motionId, long householdId, String choice, String castBy, Instant castAt) {
}
