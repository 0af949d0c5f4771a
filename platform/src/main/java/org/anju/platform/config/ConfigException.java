package org.anju.platform.config;

/**
 * A configuration value is missing or wrong; the message names the key and the value.
 * Thrown at start-up only, which then stops.
 */
public final class ConfigException extends RuntimeException {

    public ConfigException(String message) {
        super(message);
    }

    static ConfigException invalid(String key, Object value, String expected) {
        return new ConfigException("configuration key '" + key + "' has invalid value '" + value + "': " + expected);
    }
}
