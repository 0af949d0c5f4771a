package org.anju.platform.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.anju.error.ClientError;
import org.anju.error.ServerError;

/**
 * The small rules of delivery: topic patterns, backoff, target addresses, secret encryption and
 * message templates.
 */
class DeliveryPartsTest {

    @TempDir
    Path dir;

    @Test
    void topicPatternsMatchSegmentsAndTrailingWildcards() {
        assertThat(TopicPatterns.matches("fire.*", "fire.received")).isTrue();
        assertThat(TopicPatterns.matches("fire.*", "fire.confirmed_fire")).isTrue();
        assertThat(TopicPatterns.matches("fire.*", "fire")).isFalse();
        assertThat(TopicPatterns.matches("fire.*", "alert.opened")).isFalse();
        assertThat(TopicPatterns.matches("*", "webhook.dead_letter")).isTrue();
        assertThat(TopicPatterns.matches("*.opened", "alert.opened")).isTrue();
        assertThat(TopicPatterns.matches("*.opened", "alert.closed")).isFalse();
        assertThat(TopicPatterns.matches("alert.opened", "alert.opened.again")).isFalse();
        assertThat(TopicPatterns.anyMatches(List.of("rescue.*", "fire.*"), "fire.escalated")).isTrue();
        assertThat(TopicPatterns.isValid("fire.*")).isTrue();
        assertThat(TopicPatterns.isValid("Fire.*")).isFalse();
        assertThat(TopicPatterns.isValid("fire..x")).isFalse();
        assertThat(TopicPatterns.isValid("fire.**")).isFalse();
    }

    @Test
    void backoffDoublesUpToItsMaximumWithJitterInTheUpperHalf() {
        Backoff backoff = new Backoff(Duration.ofSeconds(10), Duration.ofMinutes(5), 8);
        SplittableRandom random = new SplittableRandom(1);

        assertThat(backoff.ceilingMillis(1)).isEqualTo(10_000);
        assertThat(backoff.ceilingMillis(2)).isEqualTo(20_000);
        assertThat(backoff.ceilingMillis(5)).isEqualTo(160_000);
        assertThat(backoff.ceilingMillis(6)).isEqualTo(300_000);
        assertThat(backoff.ceilingMillis(100)).isEqualTo(300_000);
        for (int attempt = 1; attempt <= 8; attempt++) {
            for (int i = 0; i < 100; i++) {
                long delay = backoff.delayAfter(attempt, random).toMillis();
                assertThat(delay).isBetween(backoff.ceilingMillis(attempt) / 2, backoff.ceilingMillis(attempt));
            }
        }
        assertThat(backoff.exhausted(7)).isFalse();
        assertThat(backoff.exhausted(8)).isTrue();
    }

    @Test
    void aHostIsRefusedWhenAnyOfItsAddressesIsAndOtherwiseResolvesToItsFirstAddress() throws Exception {
        InetAddress[] mixed = {InetAddress.getByName("8.8.8.8"), InetAddress.getByName("10.0.0.7")};
        InetAddress[] public2 = {InetAddress.getByName("8.8.4.4"), InetAddress.getByName("2001:4860:4860::8888")};
        TargetPolicy strict = new TargetPolicy(false, host -> host.equals("mixed.example") ? mixed : public2);

        assertThatThrownBy(() -> strict.resolve(URI.create("https://mixed.example/hook")))
                .isInstanceOf(ClientError.class).hasMessage("host 'mixed.example' resolves to a private (10.0.0.0/8) address; "
                        + "such receivers need webhooks.allowPrivateTargets");
        assertThatThrownBy(() -> new TargetPolicy(false).resolve(URI.create("http://127.0.0.1/")))
                .isInstanceOf(ClientError.class).hasMessageContaining("loopback (127.0.0.0/8)");
        assertThatThrownBy(() -> new TargetPolicy(false, host -> new InetAddress[0]).resolve(URI.create("http://x.example/")))
                .isInstanceOf(ClientError.class).hasMessage("host 'x.example' does not resolve");
        TargetPolicy.Target target = strict.resolve(URI.create("https://public.example/hook?x=1"));
        assertThat(target.address()).isEqualTo(public2[0]);
        assertThat(target.host()).isEqualTo("public.example");
        assertThat(target.port()).isEqualTo(443);
        assertThat(target.requestUri()).isEqualTo("/hook?x=1");
        assertThat(new TargetPolicy(true, host -> mixed).resolve(URI.create("http://mixed.example")).address())
                .as("allowed private targets are still pinned").isEqualTo(mixed[0]);
        assertThat(new TargetPolicy(true).resolve(URI.create("http://[::1]:8080")).host()).isEqualTo("::1");
    }

    @Test
    void secretsRoundTripOnlyUnderTheirKey() throws Exception {
        SecretBox box = SecretBox.load("", dir);
        String secret = SecretBox.newSecret();
        byte[] sealed = box.encrypt(secret);

        assertThat(box.decrypt(sealed)).isEqualTo(secret);
        assertThat(SecretBox.load("", dir).decrypt(sealed)).as("the key file is reused").isEqualTo(secret);
        assertThat(Files.getPosixFilePermissions(dir.resolve("webhook-key")).toString()).isEqualTo("[OWNER_READ, OWNER_WRITE]");
        assertThat(box.encrypt(secret)).as("a fresh nonce each time").isNotEqualTo(sealed);
        SecretBox other = SecretBox.load("", Files.createTempDirectory(dir, "other"));
        assertThatThrownBy(() -> other.decrypt(sealed)).isInstanceOf(ServerError.class)
                .hasMessageContaining("webhooks.secretKey");
        assertThatThrownBy(() -> SecretBox.load("bm90IDMyIGJ5dGVz", dir)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("base64 of 32 random bytes");
    }

    @Test
    void templatesFillPlaceholdersAndLeaveUnknownOnesEmpty() {
        StoredNotification n = new StoredNotification(42, Instant.parse("2026-03-01T08:00:00Z"), "acme", "elm-court",
                "fire.confirmed_fire", true, new JsonObject().put("building", new JsonObject().put("name", "B1"))
                        .put("floor", 3).encode());

        assertThat(Template.render("{{topic}} #{{id}} in {{communityId}}, {{payload.building.name}} floor "
                + "{{ payload.floor }}{{payload.missing}}{{nothing}}", n))
                .isEqualTo("fire.confirmed_fire #42 in elm-court, B1 floor 3");
        assertThat(Template.render("cost $1 {{topic}}", n)).isEqualTo("cost $1 fire.confirmed_fire");
    }

    @Test
    void channelsCheckTheirSettings() {
        Channels channels = Channels.standard();
        assertThatThrownBy(() -> channels.get("email").orElseThrow().checkSettings(new JsonObject()
                .put("to", List.of("duty@example.org")).put("from", "anju@example.org").put("subject", "x")))
                .isInstanceOf(ClientError.class).hasMessageContaining("'settings.template'");
        assertThatThrownBy(() -> channels.get("webhook").orElseThrow().checkSettings(new JsonObject().put("a", 1)))
                .isInstanceOf(ClientError.class).hasMessageContaining("must be empty");
        assertThat(channels.names()).containsExactly("email", "sms", "webhook");
    }
}
