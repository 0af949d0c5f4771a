package org.anju.platform.votes;

import java.time.Instant;

/**
 * An approved, frozen owners' resolution: what a fund expense or a common-area lease points at.
 *
 * @param motionId the motion that carried it, the resolution's id
 */
public record Resolution(long motionId, String communityId, MotionKind kind, String title, Instant closedAt) {
}
