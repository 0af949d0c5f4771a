package org.anju.platform.alerts.rules;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import org.anju.platform.ingest.CommittedMessage;
import org.anju.protocol.DataPoint;
import org.anju.protocol.DeviceEvent;
import org.anju.protocol.DeviceMessage;
import org.anju.protocol.DeviceType;
import org.anju.protocol.Endpoint;
import org.anju.protocol.catalogue.DecodedMessage;
import org.anju.protocol.catalogue.DeviceCatalogue;

/**
 * Rows of a rule table: what one device says, message after message, and the signals the rules
 * conclude from each message, written {@code "raise fire_alarm critical"}, {@code "hold low_battery
 * minor"} or {@code "clear low_battery"}, in the order the rules conclude them.
 * <p>
 * Messages are device payloads decoded by the real device catalogue, as ingest decodes them
 * (payloads are written with single quotes for readability), or replayed events: what the alert
 * engine re-reads from {@code device_events} after a crash, the event alone, without readings or
 * status keys, and not checked by the catalogue again.
 * <p>
 * Every row also checks what holds for every signal: it concerns the row's device, carries the
 * device's time (the message's {@code ts}, else its receive time) and is fire data exactly for
 * smoke detectors and fire panels.
 */
final class RuleTable {

    /** When the gateway received every message; a payload without {@code ts} is about this time. */
    static final Instant RECEIVED = Instant.parse("2026-11-29T08:10:00Z");
    /** The platform defaults ({@code alerts.*} in {@code anju-defaults.yaml}). */
    static final Thresholds DEFAULTS = new Thresholds(Duration.ofSeconds(60), 15, 70, 95, 80);
    static final String DEVICE = "dev-1";

    private static final DeviceCatalogue CATALOGUE = DeviceCatalogue.standard();

    private RuleTable() {
    }

    /** A community's thresholds, changed one at a time from the defaults. */
    record Thresholds(Duration entrapmentAfter, double lowBatteryPercent, double cameraMaxTemperature,
            double cameraStorageFullPercent, double chargerMaxTemperature) implements RuleSettings {

        Thresholds withEntrapmentAfter(Duration after) {
            return new Thresholds(after, lowBatteryPercent, cameraMaxTemperature, cameraStorageFullPercent,
                    chargerMaxTemperature);
        }

        Thresholds withLowBatteryPercent(double percent) {
            return new Thresholds(entrapmentAfter, percent, cameraMaxTemperature, cameraStorageFullPercent,
                    chargerMaxTemperature);
        }

        Thresholds withCameraMaxTemperature(double celsius) {
            return new Thresholds(entrapmentAfter, lowBatteryPercent, celsius, cameraStorageFullPercent,
                    chargerMaxTemperature);
        }

        Thresholds withCameraStorageFullPercent(double percent) {
            return new Thresholds(entrapmentAfter, lowBatteryPercent, cameraMaxTemperature, percent,
                    chargerMaxTemperature);
        }

        Thresholds withChargerMaxTemperature(double celsius) {
            return new Thresholds(entrapmentAfter, lowBatteryPercent, cameraMaxTemperature, cameraStorageFullPercent,
                    celsius);
        }
    }

    /**
     * One message of a row and the signals it must conclude.
     *
     * @param endpoint telemetry or event; null for a replayed event
     * @param payload  the device's JSON, or the stored event JSON of a replayed event
     */
    record Step(Endpoint endpoint, String payload, List<String> expected) {
    }

    /** A row: what it shows, the community's thresholds, and the device's messages in order. */
    record Row(String name, RuleSettings settings, List<Step> steps) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Row row(String name, Step... steps) {
        return new Row(name, DEFAULTS, List.of(steps));
    }

    static Row row(String name, RuleSettings settings, Step... steps) {
        return new Row(name, settings, List.of(steps));
    }

    /** A telemetry message and the signals it concludes. */
    static Step telemetry(String payload, String... signals) {
        return new Step(Endpoint.TELEMETRY, payload, List.of(signals));
    }

    /** An event message and the signals it concludes. */
    static Step event(String payload, String... signals) {
        return new Step(Endpoint.EVENT, payload, List.of(signals));
    }

    /** A replayed event (its stored JSON, with {@code kind}) and the signals it concludes. */
    static Step replayed(String json, String... signals) {
        return new Step(null, json, List.of(signals));
    }

    /** Runs a row through a fresh rule book, message by message, checking each message's signals. */
    static void check(DeviceType type, Row row) {
        RuleBook rules = new RuleBook();
        for (int i = 0; i < row.steps().size(); i++) {
            Step step = row.steps().get(i);
            CommittedMessage message = message(type, DEVICE, step);
            List<Signal> signals = rules.evaluate(message, row.settings());
            String where = "message " + (i + 1) + " " + step.payload();
            assertThat(render(signals)).as(where).containsExactlyElementsOf(step.expected());
            Instant deviceTime = time(message);
            boolean fire = type == DeviceType.SMOKE_DETECTOR || type == DeviceType.FIRE_PANEL;
            for (Signal s : signals) {
                assertThat(s.deviceId()).as(where).isEqualTo(DEVICE);
                assertThat(s.at()).as("time of %s, %s", s.type(), where).isEqualTo(deviceTime);
                assertThat(s.fire()).as("fire data of %s, %s", s.type(), where).isEqualTo(fire);
            }
        }
    }

    /** Returns the signals of one message of a device, as a fresh rule book concludes them. */
    static List<Signal> signals(DeviceType type, RuleSettings settings, Step step) {
        return new RuleBook().evaluate(message(type, DEVICE, step), settings);
    }

    /** Returns a device's message as ingest commits it: decoded by the catalogue, or a replayed event alone. */
    static CommittedMessage message(DeviceType type, String deviceId, Step step) {
        String json = step.payload().replace('\'', '"');
        if (step.endpoint() == null) {
            String kind = json.replaceAll("(?s).*\"kind\"\\s*:\\s*\"([^\"]+)\".*", "$1");
            DeviceEvent event = new DeviceEvent(RECEIVED, deviceId, kind, json);
            return new CommittedMessage(deviceId, type, RECEIVED, List.of(), List.of(event), Map.of());
        }
        DecodedMessage decoded = CATALOGUE.decode(type,
                new DeviceMessage("t-1", deviceId, step.endpoint(), 1, json.getBytes(UTF_8), RECEIVED));
        return new CommittedMessage(deviceId, type, RECEIVED, decoded.points(), decoded.events(), decoded.status());
    }

    /** Renders signals as the rows write them. */
    static List<String> render(List<Signal> signals) {
        List<String> rendered = new ArrayList<>(signals.size());
        for (Signal s : signals) {
            String action = s.action().name().toLowerCase(Locale.ROOT);
            rendered.add(s.severity() == null ? action + " " + s.type()
                    : action + " " + s.type() + " " + s.severity().wireName());
        }
        return rendered;
    }

    /** Returns the device's time of a message: that of its data, which the catalogue stamps with the message's ts. */
    private static Instant time(CommittedMessage message) {
        return Stream.concat(message.points().stream().map(DataPoint::ts), message.events().stream().map(DeviceEvent::ts))
                .findFirst().orElse(message.receivedAt());
    }
}
