package org.anju.protocol.catalogue.smoke;

/**
 * The readings of a standalone smoke alarm, sent as telemetry and optionally with any event.
 * Boxed components are optional and null when not sent.
 *
 * @param battery            remaining battery in %, 0 to 100
 * @param smokeConcentration smoke obscuration in %/m, 0 to 100
 * @param temperature        temperature at the detector in °C
 * @param signal             radio signal strength (RSRP for NB-IoT) in dBm
 */
public record SmokeReadings(Double battery, Double smokeConcentration, Double temperature, Integer signal) {
}
