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
        assertThat(full.requestTopic("locker-1", "r7", "open")).isEqualTo("command///req/r7/open");
        assertThat(brief.requestTopic("locker-1", "r7", "open")).isEqualTo("c///q/r7/open");
        assertThat(full.requestTopic("locker-1", "", "reset")).as("one-way: empty req-id").isEqualTo("command///req//reset");
    }

    @Test
    void gatewaySubscriptions() {
        CommandTopic.Subscription all = CommandTopic.parseSubscription("command//+/req/#").orElseThrow();
        CommandTopic.Subscription one = CommandTopic.parseSubscription("command//det-4/req/#").orElseThrow();

        assertThat(all.forAllItsDevices()).isTrue();
        assertThat(all.requestTopic("det-9", "r1", "silence")).isEqualTo("command//det-9/req/r1/silence");
        assertThat(one.deviceId()).isEqualTo("det-4");
    }

    @ParameterizedTest
    @ValueSource(strings = {"command/#", "command///res/#", "c///req/#", "command//+/q/#", "#", "telemetry"})
    void otherFiltersAreNotCommandSubscriptions(String filter) {
        assertThat(CommandTopic.parseSubscription(filter)).isEmpty();
    }

    @Test
    void responsesFromDevicesAndGateways() {
        assertThat(CommandTopic.parseResponse("command///res/r7/200"))
                .isEqualTo(new CommandTopic.Response(Optional.empty(), "r7", 200));
        assertThat(CommandTopic.parseResponse("c//det-9/s/r1/503"))
                .isEqualTo(new CommandTopic.Response(Optional.of("det-9"), "r1", 503));
    }

    @ParameterizedTest
    @ValueSource(strings = {"command///res/r7", "command///res/r7/abc", "command///res/r7/700", "c///res/r7/200",
        "command///req/r7/open"})
    void malformedResponsesAreRejected(String topic) {
        assertThatThrownBy(() -> CommandTopic.parseResponse(topic)).isInstanceOf(ClientError.class);
    }
}
