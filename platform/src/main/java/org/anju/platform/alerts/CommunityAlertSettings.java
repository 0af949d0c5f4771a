package org.anju.platform.alerts;

import java.util.Map;

/**
 * A community's alert settings as the API shows them.
 *
 * @param own       the values the community set (API names, e.g. {@code entrapmentAfterSeconds}); others are defaults
 * @param effective what applies now, by the same names
 */
public record CommunityAlertSettings(String communityId, Map<String, Object> own, Map<String, Object> effective) {
}
