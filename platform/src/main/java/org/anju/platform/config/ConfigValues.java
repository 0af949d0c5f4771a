package org.anju.platform.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import org.anju.platform.storage.rollup.RollupSettings;

/**
 * Typed, validated reads of a merged configuration tree; each failure names the key and value.
 */
final class ConfigValues {

    private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    private final JsonNode root;

    ConfigValues(JsonNode root) {
        this.root = root;
    }

    String text(String key) {
        JsonNode node = node(key);
        if (node.isNull()) {
            return "";
        }
        if (node.isContainerNode()) {
            throw ConfigException.invalid(key, node, "expected a single value");
        }
        return node.asText();
    }

    String nonEmpty(String key) {
        String value = text(key).strip();
        if (value.isEmpty()) {
            throw ConfigException.invalid(key, value, "must not be empty");
        }
        return value;
    }

    /** Returns a secret: empty (one is generated), or at least {@code minLength} characters. */
    String secret(String key, int minLength) {
        return secret(key, minLength, "generate one");
    }

    /** Returns an optional token: empty (none), or at least {@code minLength} characters. */
    String token(String key, int minLength) {
        return secret(key, minLength, "none");
    }

    private String secret(String key, int minLength, String whenEmpty) {
        String value = text(key);
        if (!value.isEmpty() && value.length() < minLength) {
            // the value itself is not repeated: it is a secret
            throw new ConfigException("configuration key '" + key + "' must be empty (" + whenEmpty + ") or at least "
                    + minLength + " characters long");
        }
        return value;
    }

    int intIn(String key, int min, int max) {
        String raw = text(key).strip();
        int value;
        try {
            value = Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            throw ConfigException.invalid(key, raw, "expected a whole number");
        }
        if (value < min || value > max) {
            throw ConfigException.invalid(key, raw, "expected a number from " + min + " to " + max);
        }
        return value;
    }

    boolean bool(String key) {
        String raw = text(key).strip();
        return switch (raw) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ConfigException.invalid(key, raw, "expected true or false");
        };
    }

    double positiveDecimal(String key) {
        String raw = text(key).strip();
        try {
            double value = Double.parseDouble(raw);
            if (Double.isFinite(value) && value > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below with the key
        }
        throw ConfigException.invalid(key, raw, "expected a positive number");
    }

    double decimalIn(String key, double min, double max) {
        String raw = text(key).strip();
        try {
            double value = Double.parseDouble(raw);
            if (Double.isFinite(value) && value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below with the key
        }
        throw ConfigException.invalid(key, raw, "expected a number from " + min + " to " + max);
    }

    /** Returns a path that must name an existing, readable file. */
    String existingFile(String key) {
        Path path = path(key);
        if (!java.nio.file.Files.isReadable(path)) {
            throw ConfigException.invalid(key, path, "no readable file there");
        }
        return path.toString();
    }

    Duration duration(String key) {
        String raw = text(key).strip();
        Duration value = parseDuration(raw);
        if (value == null) {
            throw ConfigException.invalid(key, raw, "expected a duration such as 5ms, 10s, 2m, 12h or 1d");
        }
        if (value.isZero() || value.isNegative()) {
            throw ConfigException.invalid(key, raw, "expected a positive duration");
        }
        return value;
    }

    /** Reads a duration that must be at least {@code min}, which {@code minName} names in the message. */
    Duration durationAtLeast(String key, Duration min, String minName) {
        Duration value = duration(key);
        if (value.compareTo(min) < 0) {
            throw ConfigException.invalid(key, text(key).strip(), "must be at least " + minName + " ("
                    + describe(min) + ")");
        }
        return value;
    }

    /** Reads a duration that must be at most {@code max}, which {@code maxName} names in the message. */
    Duration durationAtMost(String key, Duration max, String maxName) {
        Duration value = duration(key);
        if (value.compareTo(max) > 0) {
            throw ConfigException.invalid(key, text(key).strip(), "must be at most " + maxName + " ("
                    + describe(max) + ")");
        }
        return value;
    }

    /** Reads a time zone id whose offset from UTC is whole hours (e.g. Asia/Shanghai). */
    LocalTime localTime(String key) {
        String raw = text(key).strip();
        try {
            return LocalTime.parse(raw);
        } catch (DateTimeParseException e) {
            throw ConfigException.invalid(key, raw, "expected a local time such as 03:30");
        }
    }

    ZoneId wholeHourZone(String key) {
        String raw = nonEmpty(key);
        ZoneId zone;
        try {
            zone = ZoneId.of(raw);
        } catch (DateTimeException e) {
            throw ConfigException.invalid(key, raw, "expected a time zone id such as Asia/Shanghai or UTC");
        }
        if (!RollupSettings.hasWholeHourOffsets(zone)) {
            throw ConfigException.invalid(key, raw, "expected a zone whose offset from UTC is whole hours");
        }
        return zone;
    }

    Path path(String key) {
        String raw = nonEmpty(key);
        try {
            return Path.of(raw);
        } catch (InvalidPathException e) {
            throw ConfigException.invalid(key, raw, "expected a file system path");
        }
    }

    private static String describe(Duration d) {
        if (d.toSeconds() % 86_400 == 0) {
            return d.toDays() + "d";
        }
        return d.toSeconds() % 3_600 == 0 ? d.toHours() + "h" : d.toString();
    }

    private JsonNode node(String key) {
        JsonNode node = root;
        for (String part : key.split("\\.")) {
            node = node.path(part);
        }
        if (node.isMissingNode()) {
            throw new IllegalStateException("no default for configuration key '" + key + "'");
        }
        return node;
    }

    private static Duration parseDuration(String raw) {
        Matcher m = SIMPLE_DURATION.matcher(raw);
        if (m.matches()) {
            long amount = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        }
        try {
            return Duration.parse(raw);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
