package org.anju.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ErrorTopicTest {

    @Test
    void filtersAsHonoDefinesThem() {
        assertThat(ErrorTopic.parseSubscription("error///#")).contains(new ErrorTopic.Subscription(false, "", ""));
        assertThat(ErrorTopic.parseSubscription("e/acme//#")).contains(new ErrorTopic.Subscription(true, "acme", ""));
        assertThat(ErrorTopic.parseSubscription("error//+/#")).hasValueSatisfying(s ->
                assertThat(s.forAllItsDevices()).isTrue());
        assertThat(ErrorTopic.parseSubscription("error/acme/dev-9/#")).contains(
                new ErrorTopic.Subscription(false, "acme", "dev-9"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"error", "error/#", "error///", "error///+", "error/+//#", "errors///#", "error////#",
            "event///#", "error///x/#"})
    void rejectsOtherFilters(String filter) {
        assertThat(ErrorTopic.parseSubscription(filter)).isEmpty();
    }

    @Test
    void publishTopicNamesTenantAndDeviceOnlyWhereTheFilterDid() {
        ErrorTopic.Subscription own = ErrorTopic.parseSubscription("error///#").orElseThrow();
        assertThat(own.publishTopic("acme", "d1", "d1", "telemetry/?x=1", "5", 400)).isEqualTo("error///telemetry/5/400");
        ErrorTopic.Subscription named = ErrorTopic.parseSubscription("e/acme/d1/#").orElseThrow();
        assertThat(named.publishTopic("acme", "d1", "d1", "e", "-1", 503)).isEqualTo("e/acme/d1/e/-1/503");
        // a gateway's error about one of its devices names that device
        ErrorTopic.Subscription gateway = ErrorTopic.parseSubscription("error//+/#").orElseThrow();
        assertThat(gateway.publishTopic("acme", "d7", "gw", "t//d7", "12", 403)).isEqualTo("error//d7/t/12/403");
        assertThat(own.publishTopic("acme", "d1", "d1", "command///res/abc/200", "3", 403))
                .isEqualTo("error///command-response/3/403");
        assertThat(own.publishTopic("acme", "d1", "d1", "c///s/abc/200", "3", 403)).isEqualTo("error///c-s/3/403");
        assertThat(own.publishTopic("acme", "d1", "d1", "weather", "-1", 400)).isEqualTo("error///unknown/-1/400");
    }
}
