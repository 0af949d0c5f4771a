package org.anju.platform.delivery;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import org.anju.error.ClientError;

/**
 * The channels subscriptions may choose: {@code webhook} (the notification as JSON), {@code sms}
 * (a templated message for an HTTP SMS or voice gateway) and {@code email} (a templated message
 * for an HTTP mail API).
 */
public final class Channels {

    private final Map<String, Channel> byName;

    public Channels(List<Channel> channels) {
        this.byName = channels.stream().collect(Collectors.toUnmodifiableMap(Channel::name, Function.identity()));
    }

    /** Returns the built-in channels. */
    public static Channels standard() {
        return new Channels(List.of(new Webhook(), new Sms(), new Email()));
    }

    public Optional<Channel> get(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public List<String> names() {
        return byName.keySet().stream().sorted().toList();
    }

    /** Body: the notification envelope, as the feed sends it. */
    static final class Webhook implements Channel {

        @Override
        public String name() {
            return "webhook";
        }

        @Override
        public void checkSettings(JsonObject settings) {
            if (!settings.isEmpty()) {
                throw ClientError.badRequest("'settings' must be empty for the webhook channel");
            }
        }

        @Override
        public Buffer render(StoredNotification n, JsonObject settings) {
            return n.toJson().toBuffer();
        }
    }

    /** Body: {@code {"to": [...], "text": ..., "notificationId": .., "topic": ..}}. */
    static final class Sms implements Channel {

        @Override
        public String name() {
            return "sms";
        }

        @Override
        public void checkSettings(JsonObject settings) {
            recipients(settings, "recipients");
            text(settings, "template");
        }

        @Override
        public Buffer render(StoredNotification n, JsonObject settings) {
            return new JsonObject()
                    .put("to", settings.getJsonArray("recipients"))
                    .put("text", Template.render(settings.getString("template"), n))
                    .put("notificationId", n.id())
                    .put("topic", n.topic())
                    .toBuffer();
        }
    }

    /** Body: {@code {"from": .., "to": [...], "subject": .., "text": .., "notificationId": .., "topic": ..}}. */
    static final class Email implements Channel {

        @Override
        public String name() {
            return "email";
        }

        @Override
        public void checkSettings(JsonObject settings) {
            recipients(settings, "to");
            text(settings, "from");
            text(settings, "subject");
            text(settings, "template");
        }

        @Override
        public Buffer render(StoredNotification n, JsonObject settings) {
            return new JsonObject()
                    .put("from", settings.getString("from"))
                    .put("to", settings.getJsonArray("to"))
                    .put("subject", Template.render(settings.getString("subject"), n))
                    .put("text", Template.render(settings.getString("template"), n))
                    .put("notificationId", n.id())
                    .put("topic", n.topic())
                    .toBuffer();
        }
    }

    private static void recipients(JsonObject settings, String key) {
        if (!(settings.getValue(key) instanceof JsonArray list) || list.isEmpty() || list.size() > 100
                || !list.stream().allMatch(r -> r instanceof String s && !s.isBlank() && s.length() <= 320)) {
            throw ClientError.badRequest("'settings." + key + "' must be a list of 1 to 100 non-empty strings");
        }
    }

    private static void text(JsonObject settings, String key) {
        if (!(settings.getValue(key) instanceof String s) || s.isBlank() || s.length() > 2000) {
            throw ClientError.badRequest("'settings." + key + "' must be a non-empty string of at most 2000 characters");
        }
    }
}
