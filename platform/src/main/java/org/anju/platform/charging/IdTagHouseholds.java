package org.anju.platform.charging;

import java.sql.SQLException;
import java.util.Collection;
import java.util.Map;

import org.anju.platform.storage.UnitOfWork;

/**
 * Which household a charging session's id tag bills. Stored events hold only the keyed hash of a
 * tag ({@code hmac:v1:…}, see docs/security.md), so the lookup is by hash.
 */
@FunctionalInterface
public interface IdTagHouseholds {

    /**
     * Returns, for those of the hashed tags that are enabled tags of the community, the household.
     *
     * @throws SQLException when the tags' store fails
     */
    Map<String, Long> householdsOf(UnitOfWork.Tx tx, String communityId, Collection<String> idTagHashes)
            throws SQLException;
}
