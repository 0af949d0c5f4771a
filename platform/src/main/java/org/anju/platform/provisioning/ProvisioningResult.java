package org.anju.platform.provisioning;

import java.util.List;

/**
 * What a provisioning request did: each item created or found unchanged.
 *
 * @param items each item's id and status, in request order
 */
public record ProvisioningResult(String tenantId, String communityId, int created, int unchanged,
        List<ItemOutcome> items) {

    public ProvisioningResult {
        items = List.copyOf(items);
    }

    /** One item: {@code created} or {@code unchanged}. */
    public record ItemOutcome(String id, String status) {
    }

    static ProvisioningResult of(String tenantId, String communityId, List<ItemOutcome> items) {
        int created = (int) items.stream().filter(i -> i.status().equals(CREATED)).count();
        return new ProvisioningResult(tenantId, communityId, created, items.size() - created, items);
    }

    static final String CREATED = "created";
    static final String UNCHANGED = "unchanged";
}
