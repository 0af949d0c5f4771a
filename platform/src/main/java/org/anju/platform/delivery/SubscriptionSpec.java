package org.anju.platform.delivery;

import java.util.ArrayList;
import java.util.List;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import org.anju.error.ClientError;

/**
 * A subscription as asked for in {@code POST /api/v1/webhooks/subscriptions}, checked field by
 * field (authorization is {@link WebhookService}'s).
 *
 * @param tenantId      null when not given
 * @param communityIds  null for every community in scope
 * @param authorization an optional {@code Authorization} header value for the receiver (an SMS
 *                      gateway's API key), kept encrypted like the secret
 */
public record SubscriptionSpec(String name, String channel, String url, List<String> topics, String tenantId,
        List<String> communityIds, boolean fireOnly, boolean enabled, JsonObject settings, String authorization) {

    private static final int MAX_TOPICS = 50;
    private static final int MAX_COMMUNITIES = 1000;

    /**
     * Reads and checks a request body.
     *
     * @throws ClientError 400 naming the first field that is missing or wrong
     */
    public static SubscriptionSpec parse(JsonObject body, Channels channels, TargetPolicy targets) {
        if (body == null) {
            throw ClientError.badRequest("body must be a JSON object with name, url and topics");
        }
        String name = string(body, "name", true, 200);
        String channelName = body.getValue("channel") == null ? "webhook" : string(body, "channel", true, 20);
        Channel channel = channels.get(channelName).orElseThrow(() -> ClientError.badRequest(
                "'channel' must be one of " + channels.names() + ", not '" + channelName + "'"));
        String url = targets.checkUrl(string(body, "url", true, TargetPolicy.MAX_URL_LENGTH)).toString();
        List<String> topics = strings(body, "topics", MAX_TOPICS);
        if (topics == null || topics.isEmpty()) {
            throw ClientError.badRequest("'topics' must be a non-empty list of topic patterns such as fire.* or *");
        }
        for (String topic : topics) {
            if (!TopicPatterns.isValid(topic)) {
                throw ClientError.badRequest("'topics' holds '" + topic + "', which is not a pattern of dotted "
                        + "lower-case segments or * (e.g. fire.*, alert.opened, *)");
            }
        }
        List<String> communities = strings(body, "communityIds", MAX_COMMUNITIES);
        if (communities != null && communities.isEmpty()) {
            throw ClientError.badRequest("'communityIds' must list communities, or be left out for all of them");
        }
        Object settings = body.getValue("settings", new JsonObject());
        if (!(settings instanceof JsonObject settingsObject)) {
            throw ClientError.badRequest("'settings' must be a JSON object");
        }
        channel.checkSettings(settingsObject);
        return new SubscriptionSpec(name, channelName, url, List.copyOf(topics), string(body, "tenantId", false, 64),
                communities == null ? null : List.copyOf(communities), bool(body, "fireOnly", false),
                bool(body, "enabled", true), settingsObject, string(body, "authorization", false, 1000));
    }

    private static String string(JsonObject body, String key, boolean required, int maxLength) {
        Object value = body.getValue(key);
        if (value == null && !required) {
            return null;
        }
        if (!(value instanceof String s) || s.isBlank() || s.length() > maxLength) {
            throw ClientError.badRequest("'" + key + "' must be a non-empty string of at most " + maxLength
                    + " characters");
        }
        return s.strip();
    }

    private static List<String> strings(JsonObject body, String key, int maxSize) {
        Object value = body.getValue(key);
        if (value == null) {
            return null;
        }
        if (!(value instanceof JsonArray array) || array.size() > maxSize
                || !array.stream().allMatch(v -> v instanceof String s && !s.isBlank() && s.length() <= 200)) {
            throw ClientError.badRequest("'" + key + "' must be a list of at most " + maxSize + " non-empty strings");
        }
        List<String> list = new ArrayList<>();
        array.forEach(v -> list.add(((String) v).strip()));
        return list;
    }

    private static boolean bool(JsonObject body, String key, boolean fallback) {
        Object value = body.getValue(key);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof Boolean b)) {
            throw ClientError.badRequest("'" + key + "' must be true or false");
        }
        return b;
    }
}
