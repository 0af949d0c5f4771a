package org.anju.protocol.catalogue.camera;

/** The device status a camera reports in its GB/T 28181 keepalive, sent as {@code OK} or {@code ERROR}. */
public enum KeepaliveStatus {
    OK,
    ERROR
}
