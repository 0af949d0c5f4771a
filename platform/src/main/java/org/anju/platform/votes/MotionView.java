package org.anju.platform.votes;

import java.time.Instant;

/**
 * A motion as the API shows it.
 *
 * @param status  {@code draft}, {@code open} or {@code closed}
 * @param closesAt when voting ends (set when it opens: {@code openedAt + votingDays})
 * @param tally   the count: the frozen result once closed (everyone who sees the motion), the
 *                running count while open (staff only); null otherwise
 */
public record MotionView(long id, String communityId, String kind, String title, String description, int votingDays,
        String status, String createdBy, Instant createdAt, Instant openedAt, Instant closesAt, Instant closedAt,
        TallyView tally) {
}
