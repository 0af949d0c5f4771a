package org.anju.bench.platform;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.anju.platform.testing.Fixtures;
import org.anju.platform.testing.RunningPlatform;
import org.anju.protocol.manifest.DeviceManifest;

/**
 * The target of the simulator scale measurement: the all-in-one platform (real gateway, real
 * ingest, a fresh test database) with N provisioned devices of every type, their manifest
 * written for {@code ./anju simulate run --manifest …} in another process. Runs until Ctrl-C.
 * <p>
 * Arguments: manifest path, device count (default 10000), MQTT port (default 0: a free one).
 */
public final class SimulatorScaleTarget {

    private static final String[] TYPES = {"camera", "elevator", "smoke_detector", "fire_panel", "parcel_locker", "ev_charger"};

    private SimulatorScaleTarget() {
    }

    public static void main(String[] args) throws Exception {
        Path manifestFile = Path.of(args.length > 0 ? args[0] : "data/scale/devices.json");
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        String port = args.length > 2 ? args[2] : "0";
        RunningPlatform running = RunningPlatform.start(Map.of("ANJU_MQTT_PORT", port,
                "ANJU_MQTT_MAX_CONNECTIONS", Integer.toString(count * 2), "ANJU_LOG_LEVEL", "WARN"));
        Fixtures fixtures = running.fixtures();
        List<DeviceManifest.Device> devices = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String type = TYPES[i % TYPES.length];
            String id = type.replace('_', '-') + "-" + i;
            fixtures.device(id, type, "scale-" + i);
            devices.add(new DeviceManifest.Device(id, Fixtures.TENANT, id, "scale-" + i, type, Fixtures.COMMUNITY, "elm-b1",
                    3, Map.of()));
        }
        new DeviceManifest(running.mqttUri(), devices).write(manifestFile);
        System.out.println("scale target: " + count + " devices provisioned, manifest " + manifestFile.toAbsolutePath()
                + ", MQTT " + running.mqttUri() + "; Ctrl-C stops");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            running.close();
            stopped.countDown();
        }));
        stopped.await();
    }
}
