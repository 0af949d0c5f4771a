package org.anju.gateway.impl;

import io.vertx.core.Vertx;

import org.anju.gateway.DeviceRegistryClient;
import org.anju.gateway.Downstream;
import org.anju.gateway.GatewayOptions;

/**
 * What every session of one gateway shares.
 *
 * @param refusalsLogged lets one line per refused-connection reason and interval through, so that a
 *                       reconnect storm refused as busy or a guessing attack costs a few lines
 */
record GatewayContext(Vertx vertx, GatewayOptions options, DeviceRegistryClient registry, Downstream downstream,
        GatewayMetrics metrics, SessionRegistry sessions, InFlightLimiter inFlight, CommandRouter commands,
        ConnectAuthentication authentication, LogLimiter refusalsLogged) {
}
