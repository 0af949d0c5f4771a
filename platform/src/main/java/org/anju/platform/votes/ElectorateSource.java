package org.anju.platform.votes;

import java.sql.SQLException;
import java.util.List;

import org.anju.platform.storage.UnitOfWork;

/**
 * Where a motion's electorate comes from when it opens: every household of the community with its
 * private area and the usernames of its owners that day (a household without an owner that day
 * still weighs in the total area and head count, and nobody can cast its ballot). The platform
 * wires the {@code estate} package's households behind it.
 */
@FunctionalInterface
public interface ElectorateSource {

    /**
     * Returns the community's households in the caller's transaction; none for an unknown community.
     *
     * @throws SQLException when the database fails; the caller's transaction rolls back
     */
    List<Voter> households(UnitOfWork.Tx tx, String communityId) throws SQLException;
}
