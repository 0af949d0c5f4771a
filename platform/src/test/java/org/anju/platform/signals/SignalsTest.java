package org.anju.platform.signals;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The payloads of cross-instance signals: chunked below PostgreSQL's limit, parsed defensively. */
class SignalsTest {

    private static final String ORIGIN = "3f1c6b1e-8d7a-4c5e-9f0a-1b2c3d4e5f60";

    @Test
    void manyIdsAreSplitIntoPayloadsBelowTheLimitEachStartingWithTheOriginAndNoIdIsLost() {
        Set<String> ids = new LinkedHashSet<>();
        for (int i = 0; i < 5_000; i++) {
            ids.add("building-7:floor-12.smoke-detector_" + i);
        }

        List<String> payloads = Signals.payloads(ORIGIN, ids);

        assertThat(payloads).hasSizeGreaterThan(1);
        assertThat(payloads).allSatisfy(p -> {
            assertThat(p.getBytes(StandardCharsets.UTF_8).length).isLessThan(8000);
            assertThat(p).startsWith(ORIGIN + " ");
        });
        List<String> received = new ArrayList<>();
        payloads.forEach(p -> {
            Signals.Payload payload = Signals.Payload.parse(p);
            assertThat(payload.origin()).isEqualTo(ORIGIN);
            received.addAll(payload.ids());
        });
        assertThat(received).containsExactlyInAnyOrderElementsOf(ids);
    }

    @Test
    void aPayloadIsFilledUpToTheLimitExactly() {
        List<String> payloads = Signals.payloads("o", List.of("aa", "bb", "cc"), 7);

        assertThat(payloads).containsExactly("o aa bb", "o cc");
    }

    @Test
    void noIdsMeanNoPayloadAndAnIdTooLongForAnyPayloadIsLeftOut() {
        assertThat(Signals.payloads(ORIGIN, List.of())).isEmpty();
        assertThat(Signals.payloads("o", List.of("far-too-long", "ok"), 6)).containsExactly("o ok");
    }

    @Test
    void whatAReceiverWouldDropIsNotSent() {
        assertThat(Signals.payloads("o", List.of("cam-1", "caméra", "a b", "x".repeat(129), "det.2"), 7900))
                .containsExactly("o cam-1 det.2");
    }

    @Test
    void anOriginAlonePassesAndWhatIsNotADeviceIdIsDropped() {
        Signals.Payload outbox = Signals.Payload.parse(ORIGIN);
        Signals.Payload devices = Signals.Payload.parse("o2 cam-1  det.2 ');DROP;-- -bad " + "x".repeat(129));

        assertThat(outbox.origin()).isEqualTo(ORIGIN);
        assertThat(outbox.ids()).isEmpty();
        assertThat(outbox.from(ORIGIN)).isTrue();
        assertThat(devices.from(ORIGIN)).isFalse();
        assertThat(devices.ids()).containsExactlyInAnyOrder("cam-1", "det.2");
        assertThat(Signals.Payload.parse(null).ids()).isEmpty();
    }

    @Test
    void theListenersApplicationNameNamesTheInstanceWithinPostgresLimit() {
        assertThat(SignalListener.applicationName("host-1")).isEqualTo("anju-listener host-1");
        assertThat(SignalListener.applicationName("i".repeat(100))).hasSize(63).startsWith("anju-listener iii");
    }
}
