package org.anju.platform.delivery;

import java.util.UUID;

/**
 * A delivery claimed for its next attempt, with all it needs to be sent.
 *
 * @param attempt the number of the attempt about to be made, from 1
 */
record DueDelivery(long id, int attempt, UUID idempotencyKey, Subscription subscription, byte[] secret,
        byte[] authorization, StoredNotification notification) {
}
