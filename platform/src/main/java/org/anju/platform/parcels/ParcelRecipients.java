package org.anju.platform.parcels;

import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.anju.platform.estate.Households;
import org.anju.platform.privacy.EventSecrets;
import org.anju.platform.storage.UnitOfWork;

/**
 * The mobile numbers residents receive parcels at (table {@code parcel_recipients}): each kept
 * only as the keyed hash ingest gives a deposit's {@code recipientPhone}, and its last four digits
 * to show back. A parcel belongs to the household, in the locker's community, of a resident who
 * registered the waybill's number. Every method runs in the caller's transaction.
 */
final class ParcelRecipients {

    /** The event field whose keyed hash a registered number must equal. */
    static final String FIELD = "recipientPhone";

    private final EventSecrets secrets;

    ParcelRecipients(EventSecrets secrets) {
        this.secrets = secrets;
    }

    /** Returns the keyed hash of a number in normal form, as ingest stores a deposit's. */
    String hash(String normalisedPhone) {
        return secrets.matchKey(FIELD, normalisedPhone);
    }

    /** Registers (or replaces) the resident's number; returns its hash. */
    String register(UnitOfWork.Tx tx, String username, String normalisedPhone) throws SQLException {
        String hash = hash(normalisedPhone);
        tx.update("INSERT INTO parcel_recipients (username, phone_hash, phone_last4) VALUES (?, ?, ?) "
                + "ON CONFLICT (username) DO UPDATE SET phone_hash = excluded.phone_hash, "
                + "phone_last4 = excluded.phone_last4, updated_at = now()", username, hash,
                normalisedPhone.substring(normalisedPhone.length() - 4));
        return hash;
    }

    /** Returns the last four digits of the resident's registered number, if there is one. */
    static Optional<String> last4(UnitOfWork.Tx tx, String username) throws SQLException {
        return tx.one("SELECT phone_last4 FROM parcel_recipients WHERE username = ?", rs -> rs.getString(1), username);
    }

    /**
     * Returns the household of the community, on {@code day}, of a resident who registered the
     * number: the lowest household id when residents of several registered it.
     */
    static Optional<Long> householdOf(UnitOfWork.Tx tx, String communityId, String phoneHash, LocalDate day)
            throws SQLException {
        List<String> users = tx.query("SELECT username FROM parcel_recipients WHERE phone_hash = ? ORDER BY username",
                rs -> rs.getString(1), phoneHash);
        Long found = null;
        for (String user : users) {
            for (Households.Membership m : Households.ofUser(tx, user, day)) {
                long id = m.household().id();
                if (m.household().communityId().equals(communityId) && (found == null || id < found)) {
                    found = id;
                }
            }
        }
        return Optional.ofNullable(found);
    }
}
