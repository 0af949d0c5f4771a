package org.anju.gateway.impl;

/**
 * A message the gateway refuses, with the reason and a sentence for the device's developer.
 */
record Rejection(Refusal refusal, String message) {
}
