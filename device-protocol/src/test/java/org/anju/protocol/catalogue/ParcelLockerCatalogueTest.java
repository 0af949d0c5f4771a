package org.anju.protocol.catalogue;

import static org.anju.protocol.catalogue.Examples.decode;
import static org.anju.protocol.catalogue.Examples.json;
import static org.anju.protocol.catalogue.Examples.onlyEventJson;
import static org.anju.protocol.catalogue.Examples.point;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.anju.protocol.DeviceType;

class ParcelLockerCatalogueTest {

    private static final DeviceType LOCKER = DeviceType.PARCEL_LOCKER;

    @Test
    void compartmentsBecomeCountsAndPerCompartmentState() {
        DecodedMessage decoded = decode(LOCKER, "telemetry.json");

        Instant ts = Instant.parse("2026-11-29T08:00:00Z");
        assertThat(decoded.points()).containsExactlyInAnyOrder(
                point(ts, "compartments.total", 6), point(ts, "compartments.empty", 2),
                point(ts, "compartments.occupied", 2), point(ts, "compartments.doorOpen", 1),
                point(ts, "compartments.fault", 1), point(ts, "available.S", 1), point(ts, "available.M", 0),
                point(ts, "available.L", 1), point(ts, "available.XL", 0));
        assertThat(decoded.status()).isEqualTo(Map.of(
                "compartment.A01", "empty", "compartment.A02", "occupied", "compartment.A03", "occupied",
                "compartment.A04", "door_open", "compartment.B01", "empty", "compartment.B02", "fault"));
    }

    @Test
    void depositOccupiesTheCompartmentAndKeepsTheCode() {
        DecodedMessage decoded = decode(LOCKER, "event-deposit.json");

        assertThat(decoded.status()).isEqualTo(Map.of("compartment.A02", "occupied"));
        assertThat(onlyEventJson(decoded)).isEqualTo(json("{\"kind\": \"deposit\", \"ts\": \"2026-11-29T08:01:00Z\", \"v\": 1,"
                + " \"compartment\": \"A02\", \"pickupCode\": \"83920571\", \"courier\": \"顺丰 SF-3721\","
                + " \"trackingNumber\": \"SF1402938475612\", \"recipientPhone\": \"13800138000\"}"));
    }

    @Test
    void pickupEmptiesAndDoorFaultFaultsTheCompartment() {
        assertThat(decode(LOCKER, "event-pickup.json").status()).isEqualTo(Map.of("compartment.A02", "empty"));
        assertThat(decode(LOCKER, "event-door_fault.json").status()).isEqualTo(Map.of("compartment.B02", "fault"));
    }

    @Test
    void overdueLeavesTheCompartmentOccupied() {
        DecodedMessage decoded = decode(LOCKER, "event-overdue.json");

        assertThat(decoded.status()).isEmpty();
        assertThat(onlyEventJson(decoded).get("storedHours").asDouble()).isEqualTo(26.5);
    }
}
