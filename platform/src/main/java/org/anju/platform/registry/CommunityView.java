package org.anju.platform.registry;

/**
 * A community as the API lists it.
 */
public record CommunityView(String id, String tenantId, String name, String address) {
}
