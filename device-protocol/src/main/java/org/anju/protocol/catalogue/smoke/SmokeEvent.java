package org.anju.protocol.catalogue.smoke;

/**
 * A standalone smoke alarm event. Which components a kind carries is in
 * {@code docs/device-catalogue.md}; the others are null.
 *
 * @param readings        the readings sent with the event (battery is present for
 *                        {@code low_battery} and {@code heartbeat})
 * @param silencedSeconds for {@code silenced}: how long the sounder stays silent, if sent
 * @param result          for {@code test}: the self-test outcome, if sent
 * @param detail          for {@code fault}: the device's description of the fault, if sent
 * @param firmware        for {@code installed}: the firmware version, if sent
 */
public record SmokeEvent(
        SmokeEventKind kind,
        SmokeReadings readings,
        Integer silencedSeconds,
        TestResult result,
        String detail,
        String firmware) {
}
