package org.anju.protocol.catalogue.camera;

/**
 * A camera's keepalive as telemetry. Boxed components are optional and null when not sent.
 *
 * @param storageUsedBytes  recording storage in use, in bytes
 * @param storageTotalBytes recording storage capacity, in bytes
 * @param temperature       device temperature in °C
 */
public record CameraKeepalive(KeepaliveStatus status, Long storageUsedBytes, Long storageTotalBytes, Double temperature) {
}
