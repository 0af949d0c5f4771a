package org.anju.bench.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.anju.platform.AnjuPlatform;
import org.anju.platform.config.ConfigLoader;

/**
 * The all-in-one platform as the end-to-end benchmarks run it: on a given database, on loopback
 * and free ports, with the per-device rate limit that protects a real deployment lifted (the
 * benchmarks measure throughput) and cheap bcrypt for the benchmark's own devices and users.
 */
final class BenchPlatform {

    private BenchPlatform() {
    }

    /** Starts the platform on {@code url}; {@code extra} are further {@code ANJU_*} settings. */
    static AnjuPlatform start(String url, Map<String, String> extra) throws IOException {
        Map<String, String> env = new HashMap<>();
        env.put("ANJU_DB_URL", url);
        env.put("ANJU_DATA_DIR", Files.createTempDirectory("anju-bench").toString());
        env.put("ANJU_HTTP_HOST", "127.0.0.1");
        env.put("ANJU_HTTP_PORT", "0");
        env.put("ANJU_MQTT_HOST", "127.0.0.1");
        env.put("ANJU_MQTT_PORT", "0");
        env.put("ANJU_MQTT_LIMITS_MESSAGES_PER_SECOND", "1000000");
        env.put("ANJU_MQTT_LIMITS_MESSAGE_BURST", "1000000");
        env.put("ANJU_SECURITY_BCRYPT_COST", "4");
        env.putAll(extra);
        return AnjuPlatform.start(ConfigLoader.load(Optional.empty(), env));
    }
}
