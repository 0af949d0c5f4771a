package org.anju.gateway;

import io.vertx.core.Future;

import org.anju.protocol.DeviceMessage;

/**
 * Where the gateway hands the messages devices publish.
 * <p>
 * The returned future is the acknowledgement contract: it succeeds only once the message is
 * durably accepted (committed to the database in the all-in-one process, acknowledged by Kafka in
 * the scale-out deployment), and only then does the device get its PUBACK. Implementations may be
 * called from any event-loop thread and must not block it.
 */
public interface Downstream {

    /**
     * Accepts one message for durable storage.
     *
     * @return a future that succeeds once the message is durably accepted; it fails with a
     *         {@link org.anju.error.ClientError} (4xx) when the message itself is unacceptable (for
     *         example a malformed payload; resending it will not help) or with a
     *         {@link org.anju.error.ServerError} (5xx, usually retryable) when it could not be
     *         stored now
     */
    Future<Void> send(DeviceMessage message);
}
