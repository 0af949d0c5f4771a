package org.anju.simulator.load;

/**
 * One device of a load run, whichever MQTT client drives it.
 */
interface LoadDevice {

    /** Connects (reconnecting by itself after a loss) and publishes until {@link #stop()}. */
    void start() throws Exception;

    boolean isConnected();

    /** Stops publishing, waits a few seconds at most for outstanding acknowledgements, disconnects. */
    void stop();
}
