package org.anju.platform.ledger;

import java.util.List;

import org.anju.error.ClientError;

/**
 * A balanced set of postings, all in one community, made once: the idempotency key makes posting
 * it again harmless (the ledger answers with the entry it made the first time).
 *
 * @param idempotencyKey unique across the platform; namespace it by capability and record, e.g.
 *                       {@code invoice:4711}
 * @param description    what the entry is for, shown in statements
 */
public record JournalEntry(String idempotencyKey, String communityId, String description, List<Posting> postings) {

    /** The longest idempotency key accepted. */
    public static final int MAX_KEY_LENGTH = 200;

    /**
     * @throws ClientError 400 naming the field: no key or one too long, no description, fewer than
     *                     two postings, a posting in another community, or debits that do not
     *                     equal credits
     */
    public JournalEntry {
        if (idempotencyKey == null || idempotencyKey.isBlank() || idempotencyKey.length() > MAX_KEY_LENGTH) {
            throw ClientError.badRequest("journal entry: idempotencyKey must be 1 to " + MAX_KEY_LENGTH + " characters");
        }
        if (description == null || description.isBlank()) {
            throw ClientError.badRequest("journal entry " + idempotencyKey + ": description is required");
        }
        postings = List.copyOf(postings);
        if (postings.size() < 2) {
            throw ClientError.badRequest("journal entry " + idempotencyKey + ": postings must have at least two lines");
        }
        long debits = 0;
        long credits = 0;
        for (Posting p : postings) {
            if (!p.account().communityId().equals(communityId)) {
                throw ClientError.badRequest("journal entry " + idempotencyKey + ": posting on " + p.account()
                        + " is not in community " + communityId);
            }
            if (p.side() == Posting.Side.DEBIT) {
                debits = Math.addExact(debits, p.amountFen());
            } else {
                credits = Math.addExact(credits, p.amountFen());
            }
        }
        if (debits != credits) {
            throw ClientError.badRequest("journal entry " + idempotencyKey + ": postings do not balance (debits "
                    + debits + " fen, credits " + credits + " fen)");
        }
    }

    /** Returns the total of the debits (equal to the credits). */
    public long totalFen() {
        return postings.stream().filter(p -> p.side() == Posting.Side.DEBIT).mapToLong(Posting::amountFen).sum();
    }
}
