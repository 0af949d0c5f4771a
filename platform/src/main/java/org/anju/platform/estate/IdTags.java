package org.anju.platform.estate;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import org.anju.platform.storage.UnitOfWork;

/**
 * Reads the charging id tags of households in the caller's transaction: which household a
 * charging session's id tag bills (OCPP {@code idTag}, up to 20 printable ASCII characters,
 * compared exactly), and a household's tags.
 * <p>
 * Every method runs on the caller's {@link UnitOfWork.Tx} and throws its {@link SQLException},
 * which the caller's unit of work maps.
 */
public final class IdTags {

    private IdTags() {
    }

    /**
     * An id tag of a household.
     *
     * @param enabled false once staff have blocked it; a blocked tag bills nobody
     */
    public record IdTag(String communityId, String idTag, long householdId, boolean enabled) {
    }

    /** Returns the household an enabled id tag of the community bills; empty for an unknown or blocked tag. */
    public static Optional<Long> householdOf(UnitOfWork.Tx tx, String communityId, String idTag) throws SQLException {
        return tx.one("SELECT t.household_id FROM charging_id_tags t WHERE t.community_id = ? AND t.id_tag = ? "
                + "AND t.enabled", rs -> rs.getLong(1), communityId, idTag);
    }

    /** Returns the household's tags, enabled or not, by tag. */
    public static List<IdTag> ofHousehold(UnitOfWork.Tx tx, long householdId) throws SQLException {
        return tx.query("SELECT t.community_id, t.id_tag, t.household_id, t.enabled FROM charging_id_tags t "
                + "WHERE t.household_id = ? ORDER BY t.id_tag",
                rs -> new IdTag(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getBoolean(4)), householdId);
    }
}
