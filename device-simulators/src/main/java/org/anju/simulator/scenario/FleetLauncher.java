package org.anju.simulator.scenario;

import org.anju.protocol.manifest.DeviceManifest;
import org.anju.simulator.incident.IncidentTarget;

/**
 * Starts a manifest's simulated devices so that a scenario can force incidents on them. The
 * device simulator provides it as a {@link java.util.ServiceLoader} service
 * ({@code META-INF/services/org.anju.simulator.scenario.FleetLauncher}), which keeps the scenario
 * runner independent of how devices are simulated.
 */
public interface FleetLauncher {

    /** Connects the manifest's devices to the gateway and starts their normal behaviour. */
    Fleet start(DeviceManifest manifest, String mqttUri) throws Exception;

    /** Running devices that take incidents; closing disconnects them. */
    interface Fleet extends IncidentTarget, AutoCloseable {
        @Override
        void close();
    }
}
