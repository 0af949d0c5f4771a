package org.anju.platform.delivery;

import java.util.UUID;

/**
 * A delivery claimed for its next attempt, with all it needs to be sent.
 *
 * @param attempt         the number of the attempt about to be made, from 1
 * @param attemptsInRound the attempt's number within its round (an administrator's retry of a dead
 *                        delivery starts a new round), which backoff and the attempt limit count
 */
record DueDelivery(long id, int attempt, int attemptsInRound, UUID idempotencyKey, Subscription subscription,
        byte[] secret, byte[] authorization, StoredNotification notification) {
}
