package org.anju.platform.ledger;

import java.time.Instant;
import java.util.List;

/**
 * A journal entry as the ledger holds it.
 *
 * @param id       the entry's number
 * @param replayed true when this answer is the entry an earlier post with the same key made
 */
public record PostedEntry(long id, String idempotencyKey, String communityId, String description, Instant postedAt,
        List<Posting> postings, boolean replayed) {

    public PostedEntry {
        postings = List.copyOf(postings);
    }
}
