package org.anju.platform.provisioning;

/**
 * A building of a community as a provisioning request describes it.
 */
public record BuildingSpec(String id, String name, Integer floorsAbove, Integer floorsBelow) {
}
