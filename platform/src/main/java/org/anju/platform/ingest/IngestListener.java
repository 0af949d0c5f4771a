package org.anju.platform.ingest;

import java.util.List;
import java.util.Set;

/**
 * Told after each committed batch which devices it touched, and (for listeners that want them,
 * such as the alert rules) the decoded messages themselves.
 * <p>
 * Called on the ingest writer thread: implementations must return at once (hand work off).
 */
@FunctionalInterface
public interface IngestListener {

    void committed(Set<String> deviceIds);

    /**
     * Receives the batch's messages in commit order; the default ignores them.
     *
     * @param lastEventId the id of the batch's last device event in {@code device_events}, 0 when it has none
     */
    default void committedMessages(List<CommittedMessage> messages, long lastEventId) {
    }

    /** Returns a listener that tells both, {@code first} first. */
    static IngestListener both(IngestListener first, IngestListener second) {
        return new IngestListener() {
            @Override
            public void committed(Set<String> deviceIds) {
                first.committed(deviceIds);
                second.committed(deviceIds);
            }

            @Override
            public void committedMessages(List<CommittedMessage> messages, long lastEventId) {
                first.committedMessages(messages, lastEventId);
                second.committedMessages(messages, lastEventId);
            }
        };
    }
}
