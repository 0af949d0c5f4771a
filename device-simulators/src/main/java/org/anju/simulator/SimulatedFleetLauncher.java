package org.anju.simulator;

import org.anju.protocol.manifest.DeviceManifest;
import java.io.IOException;
import java.time.Clock;

import org.anju.simulator.device.MqttVersion;
import org.anju.simulator.incident.Incident;
import org.anju.simulator.scenario.FleetLauncher;

/**
 * Runs a scenario's devices as the community simulator does ({@code ./anju simulate run}): MQTT 5,
 * each behaviour at its own period, no state file (a scenario is a fresh run).
 */
public final class SimulatedFleetLauncher implements FleetLauncher {

    @Override
    public Fleet start(DeviceManifest manifest, String mqttUri) throws IOException {
        CommunitySimulator simulator = CommunitySimulator.start(manifest,
                new CommunitySimulator.Options(mqttUri, MqttVersion.V5, null, null, Clock.systemUTC()));
        return new Fleet() {
            @Override
            public void inject(String deviceId, Incident incident) {
                simulator.inject(deviceId, incident);
            }

            @Override
            public void close() {
                simulator.close();
            }
        };
    }
}
