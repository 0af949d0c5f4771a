package org.anju.platform.provisioning;

import java.util.List;

/**
 * A community and its buildings as a provisioning request describes them.
 */
public record CommunitySpec(String name, String address, Double lat, Double lon, List<BuildingSpec> buildings) {

    public CommunitySpec {
        buildings = List.copyOf(buildings);
    }
}
