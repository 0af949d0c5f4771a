package org.anju.simulator.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.anju.simulator.Json;

class DevicePartsTest {

    @TempDir
    Path dir;

    @Test
    void backoffGrowsToItsCapWithJitterInTheUpperHalf() {
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60));
        SplittableRandom random = new SplittableRandom(1);
        for (int attempt = 0; attempt < 40; attempt++) {
            long cap = Math.min(60_000, 1000L << Math.min(attempt, 20));
            assertThat(backoff.delay(attempt, random).toMillis()).isBetween(cap / 2, cap);
        }
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void commandTopicsParseLongAndShortFormsAndOneWay() {
        assertThat(CommandTopic.parse("command///req/7a/open-compartment")).isEqualTo(new CommandTopic("7a", "open-compartment"));
        assertThat(CommandTopic.parse("c///q/9/reset")).isEqualTo(new CommandTopic("9", "reset"));
        assertThat(CommandTopic.parse("command///req//silence").oneWay()).isTrue();
        assertThat(CommandTopic.parse("command///req/1/")).isNull();
        assertThat(CommandTopic.parse("telemetry")).isNull();
        assertThat(new CommandTopic("7a", "x").responseTopic(409)).isEqualTo("command///res/7a/409");
    }

    @Test
    void statesLiveNextToTheManifestAndRoundTrip() throws IOException {
        DeviceStates states = DeviceStates.nextTo(dir.resolve("devices.json"));

        assertThat(states.file()).isEqualTo(dir.resolve("devices.state.json"));
        assertThat(states.load()).isEmpty();
        states.save(Map.of("e-1", Json.MAPPER.readTree("{\"trips\": 5}")));
        assertThat(states.load().get("e-1").get("trips").asLong()).isEqualTo(5);

        Files.writeString(states.file(), "[1, 2]");
        assertThatThrownBy(states::load).isInstanceOf(IOException.class).hasMessageContaining("devices.state.json");
    }
}
