package org.anju.protocol.catalogue;

import static org.anju.protocol.catalogue.Examples.RECEIVED_AT;
import static org.anju.protocol.catalogue.Examples.decode;
import static org.anju.protocol.catalogue.Examples.json;
import static org.anju.protocol.catalogue.Examples.message;
import static org.anju.protocol.catalogue.Examples.onlyEventJson;
import static org.anju.protocol.catalogue.Examples.point;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.anju.protocol.DeviceType;
import org.anju.protocol.Endpoint;

class EvChargerCatalogueTest {

    private static final DeviceType CHARGER = DeviceType.EV_CHARGER;
    private static final String ENERGY_1 = "connector.1.Energy.Active.Import.Register";
    private final DeviceCatalogue catalogue = DeviceCatalogue.standard();

    @Test
    void meterValuesBecomePointsPerConnector() {
        DecodedMessage decoded = decode(CHARGER, "telemetry.json");

        Instant ts = Instant.parse("2026-11-29T08:00:00Z");
        assertThat(decoded.points()).containsExactlyInAnyOrder(
                point(ts, ENERGY_1, 1_523_400), point(ts, "connector.1.Power.Active.Import", 6980),
                point(ts, "connector.1.Current.Import", 31.7), point(ts, "connector.1.Voltage", 220.2),
                point(ts, "connector.1.Temperature", 38.5));
        assertThat(decoded.status()).isEqualTo(Map.of("connector.1.status", "Charging", "connector.1.errorCode", "NoError"));
    }

    @Test
    void anIdleConnectorReportsItsRegisterOnly() {
        DecodedMessage decoded = decode(CHARGER, "telemetry-idle.json");

        assertThat(decoded.points()).containsExactly(point(RECEIVED_AT, "connector.2.Energy.Active.Import.Register", 88_210.5));
        assertThat(decoded.status()).isEmpty();
    }

    @Test
    void statusNotificationUpdatesTheConnectorState() {
        DecodedMessage decoded = decode(CHARGER, "event-status_notification.json");

        assertThat(decoded.status()).isEqualTo(Map.of("connector.1.status", "Faulted", "connector.1.errorCode", "GroundFailure"));
        assertThat(onlyEventJson(decoded).get("vendorErrorCode").asText()).isEqualTo("E07");
    }

    @Test
    void sessionStartAndStopRecordTheRegister() {
        DecodedMessage started = decode(CHARGER, "event-session_started.json");
        DecodedMessage stopped = decode(CHARGER, "event-session_stopped.json");

        assertThat(started.points()).containsExactly(point(Instant.parse("2026-11-29T08:02:00Z"), ENERGY_1, 1_516_200));
        assertThat(stopped.points()).containsExactly(point(Instant.parse("2026-11-29T08:04:00Z"), ENERGY_1, 1_538_950));
        assertThat(onlyEventJson(started)).isEqualTo(json("{\"kind\": \"session_started\", \"ts\": \"2026-11-29T08:02:00Z\","
                + " \"v\": 1, \"transactionId\": 1042, \"connectorId\": 1, \"idTag\": \"A1B2C3D4\", \"meterStart\": 1516200}"));
        assertThat(onlyEventJson(stopped).get("reason").asText()).isEqualTo("EVDisconnected");
    }

    @Test
    void aStopWithoutReasonIsLocalAsInOcpp() {
        assertThat(onlyEventJson(decode(CHARGER, "event-session_stopped-no_reason.json")).get("reason").asText())
                .isEqualTo("Local");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Available", "Preparing", "Charging", "SuspendedEVSE", "SuspendedEV", "Finishing", "Reserved",
        "Unavailable", "Faulted"})
    void everyOcppStatusIsAccepted(String status) {
        assertThat(notify(status, "NoError").status()).containsEntry("connector.1.status", status);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ConnectorLockFailure", "EVCommunicationError", "GroundFailure", "HighTemperature",
        "InternalError", "NoError", "OverCurrentFailure", "OverVoltage", "PowerMeterFailure", "PowerSwitchFailure",
        "ReaderFailure", "UnderVoltage", "WeakSignal", "OtherError"})
    void everyOcppErrorCodeIsAccepted(String errorCode) {
        assertThat(notify("Faulted", errorCode).status()).containsEntry("connector.1.errorCode", errorCode);
    }

    @ParameterizedTest
    @ValueSource(strings = {"EmergencyStop", "EVDisconnected", "HardReset", "Local", "Other", "PowerLoss", "Reboot",
        "Remote", "SoftReset", "UnlockCommand", "DeAuthorized"})
    void everyOcppStopReasonIsAccepted(String reason) {
        DecodedMessage decoded = catalogue.decode(CHARGER, message(Endpoint.EVENT, "{\"kind\": \"session_stopped\","
                + " \"transactionId\": 7, \"connectorId\": 1, \"meterStop\": 100, \"reason\": \"" + reason + "\"}"));

        assertThat(onlyEventJson(decoded).get("reason").asText()).isEqualTo(reason);
    }

    private DecodedMessage notify(String status, String errorCode) {
        return catalogue.decode(CHARGER, message(Endpoint.EVENT, "{\"kind\": \"status_notification\", \"connectorId\": 1,"
                + " \"status\": \"" + status + "\", \"errorCode\": \"" + errorCode + "\"}"));
    }
}
