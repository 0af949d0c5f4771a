package org.anju.platform.estate;

import java.util.List;

/**
 * What an estate provisioning request did: each item created or found unchanged, in request order
 * (households each followed by their residents, vehicles and id tags; then car parks, then spaces).
 */
public record EstateResult(String tenantId, String communityId, int created, int unchanged, List<Outcome> items) {

    /** Status of an item written by the request. */
    public static final String CREATED = "created";
    /** Status of an item found stored exactly as requested. */
    public static final String UNCHANGED = "unchanged";

    public EstateResult {
        items = List.copyOf(items);
    }

    /**
     * One item.
     *
     * @param kind            household, resident, vehicle, idTag, carPark or parkingSpace
     * @param key             what the request named it by (place, user name, plate, tag, name, number)
     * @param id              the stored id of a household, car park or space; else null
     * @param initialPassword the generated password of a resident login this request created, shown
     *                        once; else null
     */
    public record Outcome(String kind, String key, Long id, String status, String initialPassword) {
    }

    static EstateResult of(String tenantId, String communityId, List<Outcome> items) {
        int created = (int) items.stream().filter(i -> i.status().equals(CREATED)).count();
        return new EstateResult(tenantId, communityId, created, items.size() - created, items);
    }
}
