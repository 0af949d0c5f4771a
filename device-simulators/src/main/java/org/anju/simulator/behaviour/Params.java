package org.anju.simulator.behaviour;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A device's behaviour parameters from its manifest attributes, with defaults. A bad value is
 * refused naming the device, the attribute and the value.
 */
public final class Params {

    private final String deviceId;
    private final Map<String, String> attributes;

    public Params(String deviceId, Map<String, String> attributes) {
        this.deviceId = deviceId;
        this.attributes = attributes == null ? Map.of() : attributes;
    }

    public String deviceId() {
        return deviceId;
    }

    public String text(String name, String fallback) {
        String value = attributes.get(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    /** A number at least {@code min}. */
    public double number(String name, double fallback, double min, double max) {
        String value = attributes.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            double parsed = Double.parseDouble(value.trim());
            if (parsed < min || parsed > max || Double.isNaN(parsed)) {
                throw bad(name, value, "a number from " + min + " to " + max);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw bad(name, value, "a number");
        }
    }

    public int integer(String name, int fallback, int min, int max) {
        double value = number(name, fallback, min, max);
        if (value != Math.rint(value)) {
            throw bad(name, attributes.get(name), "a whole number");
        }
        return (int) value;
    }

    /** A duration written as ISO-8601 ({@code PT12H}) or as a number with a unit: {@code 90s}, {@code 5m}, {@code 12h}, {@code 2d}. */
    public Duration duration(String name, Duration fallback) {
        String value = attributes.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        Duration parsed = parseDuration(value.trim());
        if (parsed == null || parsed.isNegative() || parsed.isZero()) {
            throw bad(name, value, "a positive duration such as 90s, 5m, 12h, 2d or PT12H");
        }
        return parsed;
    }

    /** A comma-separated list, empty when absent. */
    public List<String> list(String name) {
        String value = attributes.get(name);
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    static Duration parseDuration(String value) {
        try {
            if (value.startsWith("P") || value.startsWith("p")) {
                return Duration.parse(value);
            }
            long amount = Long.parseLong(value.substring(0, value.length() - 1));
            return switch (value.charAt(value.length() - 1)) {
                case 's' -> Duration.ofSeconds(amount);
                case 'm' -> Duration.ofMinutes(amount);
                case 'h' -> Duration.ofHours(amount);
                case 'd' -> Duration.ofDays(amount);
                default -> null;
            };
        } catch (NumberFormatException | DateTimeParseException | StringIndexOutOfBoundsException e) {
            return null;
        }
    }

    private IllegalArgumentException bad(String name, String value, String expected) {
        return new IllegalArgumentException("device " + deviceId + ": attribute '" + name + "' must be " + expected
                + ", got '" + value + "'");
    }
}
