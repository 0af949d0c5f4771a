package org.anju.platform.ledger;

import java.util.Objects;

import org.anju.error.ClientError;

/**
 * A ledger account: a community's account of one kind, or a household's for the kinds kept per
 * household. Accounts exist as soon as something is posted to them.
 *
 * @param householdId the household for {@link AccountKind#perHousehold()} kinds; null otherwise
 */
public record Account(String communityId, AccountKind kind, Long householdId) {

    /**
     * @throws ClientError 400 when the community is missing, or a household is missing for a
     *                     per-household kind or given for a community kind
     */
    public Account {
        Objects.requireNonNull(kind, "kind");
        if (communityId == null || communityId.isBlank()) {
            throw ClientError.badRequest("account: communityId is required");
        }
        if (kind.perHousehold() && householdId == null) {
            throw ClientError.badRequest("account " + kind.wireName() + ": householdId is required");
        }
        if (!kind.perHousehold() && householdId != null) {
            throw ClientError.badRequest("account " + kind.wireName() + " belongs to the community, not a household");
        }
    }

    /** Returns the community's account of a community-wide kind. */
    public static Account community(String communityId, AccountKind kind) {
        return new Account(communityId, kind, null);
    }

    /** Returns a household's account of a per-household kind. */
    public static Account household(String communityId, AccountKind kind, long householdId) {
        return new Account(communityId, kind, householdId);
    }

    @Override
    public String toString() {
        return kind.wireName() + "[" + communityId + (householdId == null ? "" : "/" + householdId) + "]";
    }
}
