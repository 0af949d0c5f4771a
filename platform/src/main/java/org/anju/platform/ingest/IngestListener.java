package org.anju.platform.ingest;

import java.util.Set;

/**
 * Told after each committed batch which devices it touched.
 * <p>
 * Called on the ingest writer thread: implementations must return at once (hand work off).
 */
@FunctionalInterface
public interface IngestListener {

    void committed(Set<String> deviceIds);
}
