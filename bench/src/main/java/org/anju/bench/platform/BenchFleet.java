package org.anju.bench.platform;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import org.anju.platform.storage.UnitOfWork;

/**
 * The benchmark's devices: tenant {@code bench}, communities {@code bench-c000…}, devices
 * {@code bench-d00000…} spread over them, each reporting the same few metrics.
 */
final class BenchFleet {

    static final String TENANT = "bench";
    private static final List<String> METRICS = List.of("temperature", "battery", "signal", "load", "current");
    private static final List<String> TYPES = List.of("smoke_detector", "elevator", "camera", "ev_charger",
            "parcel_locker", "fire_panel");

    private final int devices;
    private final int communities;
    private final int metrics;

    BenchFleet(int devices, int communities, int metrics) {
        if (metrics < 1 || metrics > METRICS.size()) {
            throw new IllegalArgumentException("metrics must be 1 to " + METRICS.size());
        }
        this.devices = devices;
        this.communities = communities;
        this.metrics = metrics;
    }

    int devices() {
        return devices;
    }

    String deviceId(int i) {
        return "bench-d%05d".formatted(i);
    }

    /** Returns the type (wire name) device {@code i} is provisioned with. */
    String type(int i) {
        return TYPES.get(i % TYPES.size());
    }

    List<String> metrics() {
        return METRICS.subList(0, metrics);
    }

    /** Returns whether the first device already has telemetry (a prefill ran here before). */
    boolean hasData(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT 1 FROM telemetry WHERE device_id = ? LIMIT 1")) {
            ps.setString(1, deviceId(0));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Creates the tenant, communities and devices (existing ones are left alone), in one transaction. */
    void provision(DataSource ds) {
        UnitOfWork.of(ds).inTransaction("benchmark fleet", tx -> {
            tx.update("INSERT INTO tenants (id, name) VALUES (?, 'Benchmark') ON CONFLICT DO NOTHING", TENANT);
            tx.batch("INSERT INTO communities (id, tenant_id, name) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                    IntStream.range(0, communities).boxed().toList(),
                    i -> new Object[] {communityId(i), TENANT, "Bench community " + i});
            tx.batch("INSERT INTO devices (id, tenant_id, community_id, type, name) VALUES (?, ?, ?, ?, ?)"
                    + " ON CONFLICT DO NOTHING", IntStream.range(0, devices).boxed().toList(),
                    i -> new Object[] {deviceId(i), TENANT, communityId(i % communities), type(i),
                            "Bench device " + i});
            return null;
        });
    }

    static String communityId(int i) {
        return "bench-c%03d".formatted(i);
    }
}
