package org.anju.platform.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.postgresql.ds.PGSimpleDataSource;

import org.anju.platform.testing.TestDatabases;
import org.anju.platform.testing.TestDatabases.Backend;
import org.anju.platform.testing.TestDatabases.TestDatabase;
import org.anju.platform.testing.TestSql;

/**
 * Upgrading a database whose events hold pickup codes and id tags in the clear (stored before
 * schema version 20): the migration removes those values and leaves every other field and event
 * as it was.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class UnsealedEventSecretsMigrationIT {

    static List<Backend> backends() {
        return TestDatabases.backends();
    }

    @ParameterizedTest
    @MethodSource("backends")
    void clearCodesAndTagsStoredBeforeAreRemoved(Backend backend) {
        try (TestDatabase db = backend.create()) {
            PGSimpleDataSource before = new PGSimpleDataSource();
            before.setUrl(db.url());
            Flyway.configure().dataSource(before).locations("classpath:db/migration").target("21").load().migrate();
            // as a platform of version 21 left it: hypertables on TimescaleDB
            Hypertables.ensure(before);
            TestSql.execute(before, """
                    INSERT INTO tenants (id, name) VALUES ('acme', 'Acme');
                    INSERT INTO communities (id, tenant_id, name) VALUES ('elm', 'acme', 'Elm');
                    INSERT INTO devices (id, tenant_id, community_id, type, name) VALUES
                        ('locker-1', 'acme', 'elm', 'parcel_locker', 'Locker'),
                        ('charger-1', 'acme', 'elm', 'ev_charger', 'Charger'),
                        ('camera-1', 'acme', 'elm', 'camera', 'Gate');
                    INSERT INTO device_events (ts, device_id, kind, payload) VALUES
                        (now(), 'locker-1', 'deposit', '{"kind": "deposit", "compartment": "A02", "pickupCode": "83920571"}'),
                        (now(), 'charger-1', 'session_started', '{"kind": "session_started", "idTag": "A1B2C3D4"}'),
                        (now(), 'camera-1', 'plate_read', '{"kind": "plate_read", "plate": "京A12345"}');
                    """);

            try (Database head = Database.open(db.settings())) {
                assertThat(TestSql.rows(head.dataSource(),
                        "SELECT device_id, payload::text FROM device_events ORDER BY device_id")).containsExactly(
                        "camera-1 {\"kind\": \"plate_read\", \"plate\": \"京A12345\"}",
                        "charger-1 {\"kind\": \"session_started\", \"idTag\": null}",
                        "locker-1 {\"kind\": \"deposit\", \"pickupCode\": null, \"compartment\": \"A02\"}");
            }
        }
    }
}
