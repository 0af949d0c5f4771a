package org.anju.protocol.catalogue.charger;

import org.anju.protocol.DeviceType;
import org.anju.protocol.catalogue.Sensitivity;
import org.anju.protocol.catalogue.spi.Decoding;
import org.anju.protocol.catalogue.spi.Fields;
import org.anju.protocol.catalogue.spi.Fields.TextRule;
import org.anju.protocol.catalogue.spi.TypeCodec;
import org.anju.protocol.catalogue.spi.WireNames;

/**
 * The EV charger payload contract (schema {@code schemas/v1/ev_charger.schema.json}), modelled on
 * OCPP 1.6J: meter values per connector as telemetry; status notifications and session start and
 * stop as events. Metrics and status keys are per connector: {@code connector.<id>.<measurand>}.
 * A session's id tag (the RFID card that authorised it) is only ever matched: it is stored as a
 * keyed hash.
 * <p>
 * Immutable and thread-safe; the read methods throw {@link org.anju.error.ClientError} 400
 * naming the field when a payload breaks the contract. Whether the energy register only grows
 * is the platform's check: it needs the previous reading.
 */
public final class EvChargerCodec {

    public static final String ENERGY = "Energy.Active.Import.Register";
    public static final String POWER = "Power.Active.Import";
    public static final String CURRENT = "Current.Import";
    public static final String VOLTAGE = "Voltage";
    public static final String TEMPERATURE = "Temperature";

    static final int MAX_CONNECTOR = 255;
    static final String STATUS_NOTIFICATION = "status_notification";
    static final String SESSION_STARTED = "session_started";
    static final String SESSION_STOPPED = "session_stopped";

    private static final WireNames<ConnectorStatus> STATUSES = WireNames.exact(ConnectorStatus.class);
    private static final WireNames<ChargePointErrorCode> ERRORS = WireNames.exact(ChargePointErrorCode.class);
    private static final WireNames<StopReason> REASONS = WireNames.exact(StopReason.class);
    private static final TextRule ID_TAG = TextRule.length(1, 20);
    private static final TextRule INFO = TextRule.length(1, 50);
    private static final String[] CONNECTOR_PREFIX = new String[MAX_CONNECTOR + 1];

    static {
        for (int id = 0; id <= MAX_CONNECTOR; id++) {
            CONNECTOR_PREFIX[id] = "connector." + id + ".";
        }
    }

    /** Returns the contract the catalogue runs: telemetry and every event kind, in documentation order. */
    public TypeCodec typeCodec() {
        return TypeCodec.builder(DeviceType.EV_CHARGER, this::decodeTelemetry)
                .sensitive("idTag", Sensitivity.MATCH_ONLY)
                .event(STATUS_NOTIFICATION, this::decodeStatusNotification)
                .event(SESSION_STARTED, this::decodeSessionStarted)
                .event(SESSION_STOPPED, this::decodeSessionStopped)
                .build();
    }

    /** Reads a telemetry payload: one connector's meter values. */
    public ChargerMeterValues readMeterValues(Fields f) {
        int connectorId = f.requiredInt("connectorId", 0, MAX_CONNECTOR);
        Integer transactionId = f.optionalInt("transactionId", 0, Integer.MAX_VALUE);
        ConnectorStatus status = f.optionalEnum("status", STATUSES);
        ChargePointErrorCode errorCode = f.optionalEnum("errorCode", ERRORS);
        Fields meter = f.requiredObject("meterValues");
        return new ChargerMeterValues(connectorId, transactionId, status, errorCode,
                meter.requiredNumber(ENERGY, 0, Fields.MAX_EXACT),
                meter.optionalNumber(POWER, 0, 1_000_000),
                meter.optionalNumber(CURRENT, 0, 1_000),
                meter.optionalNumber(VOLTAGE, 0, 1_500),
                meter.optionalNumber(TEMPERATURE, -40, 150));
    }

    /** Reads a status notification. */
    public StatusNotification readStatusNotification(Fields f) {
        return new StatusNotification(
                f.requiredInt("connectorId", 0, MAX_CONNECTOR),
                f.requiredEnum("status", STATUSES),
                f.requiredEnum("errorCode", ERRORS),
                f.optionalText("info", INFO),
                f.optionalText("vendorErrorCode", INFO));
    }

    /** Reads a session start. */
    public SessionStarted readSessionStarted(Fields f) {
        return new SessionStarted(
                f.requiredInt("transactionId", 0, Integer.MAX_VALUE),
                f.requiredInt("connectorId", 1, MAX_CONNECTOR),
                f.requiredText("idTag", ID_TAG),
                f.requiredLong("meterStart", 0, Fields.MAX_EXACT),
                f.optionalInt("reservationId", 0, Integer.MAX_VALUE));
    }

    /** Reads a session stop. */
    public SessionStopped readSessionStopped(Fields f) {
        StopReason reason = f.optionalEnum("reason", REASONS);
        return new SessionStopped(
                f.requiredInt("transactionId", 0, Integer.MAX_VALUE),
                f.requiredInt("connectorId", 1, MAX_CONNECTOR),
                f.requiredLong("meterStop", 0, Fields.MAX_EXACT),
                reason == null ? StopReason.Local : reason,
                f.optionalText("idTag", ID_TAG));
    }

    private void decodeTelemetry(Fields payload, Decoding out) {
        ChargerMeterValues m = readMeterValues(payload);
        String prefix = CONNECTOR_PREFIX[m.connectorId()];
        out.point(prefix + ENERGY, m.energyWh());
        out.pointIfPresent(prefix + POWER, m.powerW());
        out.pointIfPresent(prefix + CURRENT, m.currentA());
        out.pointIfPresent(prefix + VOLTAGE, m.voltageV());
        out.pointIfPresent(prefix + TEMPERATURE, m.temperature());
        if (m.status() != null) {
            out.status(prefix + "status", STATUSES.wire(m.status()));
        }
        if (m.errorCode() != null) {
            out.status(prefix + "errorCode", ERRORS.wire(m.errorCode()));
        }
    }

    private void decodeStatusNotification(String kind, Fields payload, Decoding out) {
        StatusNotification n = readStatusNotification(payload);
        out.event(kind)
                .put("connectorId", n.connectorId())
                .put("status", STATUSES.wire(n.status()))
                .put("errorCode", ERRORS.wire(n.errorCode()))
                .put("info", n.info())
                .put("vendorErrorCode", n.vendorErrorCode());
        String prefix = CONNECTOR_PREFIX[n.connectorId()];
        out.status(prefix + "status", STATUSES.wire(n.status()));
        out.status(prefix + "errorCode", ERRORS.wire(n.errorCode()));
    }

    private void decodeSessionStarted(String kind, Fields payload, Decoding out) {
        SessionStarted s = readSessionStarted(payload);
        out.event(kind)
                .put("transactionId", s.transactionId())
                .put("connectorId", s.connectorId())
                .put("idTag", s.idTag())
                .put("meterStart", s.meterStart())
                .put("reservationId", s.reservationId());
        out.point(CONNECTOR_PREFIX[s.connectorId()] + ENERGY, s.meterStart());
    }

    private void decodeSessionStopped(String kind, Fields payload, Decoding out) {
        SessionStopped s = readSessionStopped(payload);
        out.event(kind)
                .put("transactionId", s.transactionId())
                .put("connectorId", s.connectorId())
                .put("meterStop", s.meterStop())
                .put("reason", REASONS.wire(s.reason()))
                .put("idTag", s.idTag());
        out.point(CONNECTOR_PREFIX[s.connectorId()] + ENERGY, s.meterStop());
    }
}
