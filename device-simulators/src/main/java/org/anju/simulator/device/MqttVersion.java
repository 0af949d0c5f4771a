package org.anju.simulator.device;

/** Which MQTT protocol a simulated device speaks. */
public enum MqttVersion {
    /** MQTT 5 (default): negative PUBACKs carry a reason code and string. */
    V5,
    /** MQTT 3.1.1: the gateway closes the connection instead of a negative PUBACK. */
    V3
}
