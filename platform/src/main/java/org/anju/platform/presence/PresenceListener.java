package org.anju.platform.presence;

import java.util.List;

/**
 * Told of presence changes after they were committed (alert rules listen for offline devices).
 * Called on a worker thread; implementations must not block for long.
 */
@FunctionalInterface
public interface PresenceListener {

    void changed(List<PresenceChange> changes);
}
