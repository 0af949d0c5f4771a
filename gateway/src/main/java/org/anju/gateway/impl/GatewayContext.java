package org.anju.gateway.impl;

import io.vertx.core.Vertx;

import org.anju.gateway.DeviceRegistryClient;
import org.anju.gateway.Downstream;
import org.anju.gateway.GatewayOptions;

/**
 * What every session of one gateway shares.
 */
record GatewayContext(Vertx vertx, GatewayOptions options, DeviceRegistryClient registry, Downstream downstream,
        GatewayMetrics metrics, SessionRegistry sessions, InFlightLimiter inFlight, CommandRouter commands,
        ConnectAuthentication authentication) {
}
