package org.anju.platform.charging;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.anju.platform.estate.Households;
import org.anju.platform.estate.IdTags;
import org.anju.platform.privacy.EventSecrets;
import org.anju.platform.storage.UnitOfWork;

/**
 * The households of id tags from the estate's {@code IdTags}. The estate keeps the tags as issued
 * and events keep their keyed hash, so each community's enabled tags are hashed with the event key
 * and kept for {@code maxAge} (a tag blocked or added shows within that time).
 */
public final class EstateIdTags implements IdTagHouseholds {

    private static final String FIELD = "idTag";

    private final EventSecrets secrets;
    private final Duration maxAge;
    private final Clock clock;
    private final Map<String, Known> known = new ConcurrentHashMap<>();

    private record Known(Instant loadedAt, Map<String, Long> byHash) {
    }

    public EstateIdTags(EventSecrets secrets, Duration maxAge, Clock clock) {
        this.secrets = secrets;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    @Override
    public Map<String, Long> householdsOf(UnitOfWork.Tx tx, String communityId, Collection<String> idTagHashes)
            throws SQLException {
        Known tags = known.get(communityId);
        if (tags == null || tags.loadedAt.plus(maxAge).isBefore(clock.instant())) {
            tags = new Known(clock.instant(), load(tx, communityId));
            known.put(communityId, tags);
        }
        Map<String, Long> found = new HashMap<>();
        for (String hash : idTagHashes) {
            Long household = tags.byHash.get(hash);
            if (household != null) {
                found.put(hash, household);
            }
        }
        return found;
    }

    private Map<String, Long> load(UnitOfWork.Tx tx, String communityId) throws SQLException {
        Map<String, Long> byHash = new HashMap<>();
        for (Households.Household household : Households.ofCommunity(tx, communityId)) {
            for (IdTags.IdTag tag : IdTags.ofHousehold(tx, household.id())) {
                if (tag.enabled()) {
                    byHash.put(secrets.matchKey(FIELD, tag.idTag()), tag.householdId());
                }
            }
        }
        return byHash;
    }
}
