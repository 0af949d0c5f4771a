package org.anju.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.anju.error.ClientError;

class CommandTopicTest {

    @Test
    void deviceSubscriptionsInLongAndShortForm() {
        CommandTopic.Subscription full = CommandTopic.parseSubscription("command///req/#").orElseThrow();
        CommandTopic.Subscription brief = CommandTopic.parseSubscription("c///q/#").orElseThrow();

        assertThat(full.forItself()).isTrue();
        assertThat(full.requestTopic("acme", "locker-1", "r7", "open")).isEqualTo("command///req/r7/open");
        assertThat(brief.requestTopic("acme", "locker-1", "r7", "open")).isEqualTo("c///q/r7/open");
        assertThat(full.requestTopic("acme", "locker-1", "", "reset")).as("one-way: empty req-id").isEqualTo("command///req//reset");
    }

    @Test
    void gatewaySubscriptions() {
        CommandTopic.Subscription all = CommandTopic.parseSubscription("command//+/req/#").orElseThrow();
        CommandTopic.Subscription one = CommandTopic.parseSubscription("command//det-4/req/#").orElseThrow();

        assertThat(all.forAllItsDevices()).isTrue();
        assertThat(all.requestTopic("acme", "det-9", "r1", "silence")).isEqualTo("command//det-9/req/r1/silence");
        assertThat(one.deviceId()).isEqualTo("det-4");
    }

    @Test
    void subscriptionsNamingTheTenantGetRequestsNamingIt() {
        CommandTopic.Subscription own = CommandTopic.parseSubscription("command/acme//req/#").orElseThrow();
        CommandTopic.Subscription any = CommandTopic.parseSubscription("command/+/+/req/#").orElseThrow();
        CommandTopic.Subscription other = CommandTopic.parseSubscription("c/zenith//q/#").orElseThrow();

        assertThat(own.forItself()).isTrue();
        assertThat(own.requestTopic("acme", "locker-1", "r7", "open")).isEqualTo("command/acme//req/r7/open");
        assertThat(any.forAllItsDevices()).isTrue();
        assertThat(any.coversTenant("acme")).isTrue();
        assertThat(any.requestTopic("acme", "det-9", "r1", "silence")).isEqualTo("command/acme/det-9/req/r1/silence");
        assertThat(other.coversTenant("acme")).as("another tenant's commands").isFalse();
        assertThat(other.requestTopic("zenith", "d1", "r2", "x")).isEqualTo("c/zenith//q/r2/x");
    }

    @ParameterizedTest
    @ValueSource(strings = {"command/#", "command///res/#", "c///req/#", "command//+/q/#", "command/a/b/c/req/#", "command/#/+/req/#", "#", "telemetry"})
    void otherFiltersAreNotCommandSubscriptions(String filter) {
        assertThat(CommandTopic.parseSubscription(filter)).isEmpty();
    }

    @Test
    void responsesFromDevicesAndGateways() {
        assertThat(CommandTopic.parseResponse("command///res/r7/200"))
                .isEqualTo(new CommandTopic.Response(Optional.empty(), "r7", 200));
        assertThat(CommandTopic.parseResponse("c//det-9/s/r1/503"))
                .isEqualTo(new CommandTopic.Response(Optional.of("det-9"), "r1", 503));
        assertThat(CommandTopic.parseResponse("command/acme//res/r8/200"))
                .isEqualTo(new CommandTopic.Response(Optional.of("acme"), Optional.empty(), "r8", 200));
    }

    @ParameterizedTest
    @ValueSource(strings = {"command///res/r7", "command///res/r7/abc", "command///res/r7/700", "c///res/r7/200",
        "command///req/r7/open"})
    void malformedResponsesAreRejected(String topic) {
        assertThatThrownBy(() -> CommandTopic.parseResponse(topic)).isInstanceOf(ClientError.class);
    }
}
