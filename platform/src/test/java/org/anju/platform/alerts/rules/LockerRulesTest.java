package org.anju.platform.alerts.rules;

import static org.anju.platform.alerts.rules.RuleTable.event;
import static org.anju.platform.alerts.rules.RuleTable.replayed;
import static org.anju.platform.alerts.rules.RuleTable.row;
import static org.anju.platform.alerts.rules.RuleTable.telemetry;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.anju.platform.alerts.rules.RuleTable.Row;
import org.anju.protocol.DeviceType;

/**
 * The rules of smart parcel lockers (docs/alerts.md): a compartment's door fault until the
 * compartment reports another state; an overdue parcel until it is picked up.
 */
class LockerRulesTest {

    static List<Row> rows() {
        return List.of(
                row("a door fault raises a minor alert of that compartment",
                        event("{'kind': 'door_fault', 'compartment': 'B02', 'detail': 'lock did not engage'}",
                                "raise locker_door_fault.b02 minor")),
                row("a compartment reported in fault holds its door fault, every other state clears",
                        telemetry("{'compartments': [{'id': 'A01', 'size': 'S', 'state': 'empty'},"
                                + " {'id': 'A02', 'size': 'S', 'state': 'occupied'}, {'id': 'A04', 'size': 'M', 'state': 'door_open'},"
                                + " {'id': 'B02', 'size': 'XL', 'state': 'fault'}]}",
                                "clear locker_door_fault.a01", "clear locker_door_fault.a02", "clear locker_door_fault.a04",
                                "hold locker_door_fault.b02 minor")),
                row("a deposit shows the door works: it clears that compartment's fault",
                        event("{'kind': 'door_fault', 'compartment': 'A02'}", "raise locker_door_fault.a02 minor"),
                        event("{'kind': 'deposit', 'compartment': 'A02', 'pickupCode': '83920571', 'courier': 'SF'}",
                                "clear locker_door_fault.a02")),
                row("an overdue parcel raises an info alert; its pickup clears it and shows the door works",
                        event("{'kind': 'overdue', 'compartment': 'A03', 'storedHours': 26.5}", "raise parcel_overdue.a03 info"),
                        event("{'kind': 'pickup', 'compartment': 'A03', 'pickupCode': '83920571'}",
                                "clear parcel_overdue.a03", "clear locker_door_fault.a03")),
                row("the overdue and pickup of one compartment leave the others alone",
                        event("{'kind': 'overdue', 'compartment': 'A03'}", "raise parcel_overdue.a03 info"),
                        event("{'kind': 'pickup', 'compartment': 'A04', 'pickupCode': '1234'}",
                                "clear parcel_overdue.a04", "clear locker_door_fault.a04")),
                row("compartment ids become type segments the same way from events and reports",
                        event("{'kind': 'door_fault', 'compartment': 'Left-3.b'}", "raise locker_door_fault.left_3_b minor"),
                        telemetry("{'compartments': [{'id': 'Left-3.b', 'size': 'L', 'state': 'empty'}]}",
                                "clear locker_door_fault.left_3_b")),
                row("a replayed door fault without a compartment is filed as unknown",
                        replayed("{'kind': 'door_fault'}", "raise locker_door_fault.unknown minor")),
                row("a replayed pickup carries no compartment states: only the overdue parcel clears",
                        replayed("{'kind': 'pickup', 'compartment': 'A03'}", "clear parcel_overdue.a03")),
                row("a replayed event of an unknown kind is ignored", replayed("{'kind': 'collect', 'compartment': 'A03'}")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void concludes(Row row) {
        RuleTable.check(DeviceType.PARCEL_LOCKER, row);
    }
}
