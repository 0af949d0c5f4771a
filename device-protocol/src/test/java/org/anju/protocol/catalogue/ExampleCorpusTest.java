package org.anju.protocol.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.anju.protocol.DeviceType;
import org.anju.protocol.Endpoint;

/**
 * Keeps the example corpus complete: the documentation shows an example of every telemetry and
 * every event kind, and the agreement test needs refusals for every type.
 */
class ExampleCorpusTest {

    private final DeviceCatalogue catalogue = DeviceCatalogue.standard();

    @ParameterizedTest
    @EnumSource(DeviceType.class)
    void everyTypeHasTelemetryAndEveryKindAnExample(DeviceType type) {
        List<Examples.Valid> examples = Examples.valid(type);

        assertThat(examples).anyMatch(e -> e.endpoint() == Endpoint.TELEMETRY);
        assertThat(examples.stream().map(Examples.Valid::kind).distinct())
                .containsAll(catalogue.eventKinds(type));
    }

    @ParameterizedTest
    @EnumSource(DeviceType.class)
    void exampleFilesAreNamedAfterTheirKind(DeviceType type) {
        for (Examples.Valid example : Examples.valid(type)) {
            if (example.endpoint() == Endpoint.EVENT) {
                assertThat(example.file()).as(example.toString())
                        .matches("event-" + example.kind() + "(-[a-z_]+)?\\.json");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(DeviceType.class)
    void everyTypeHasRefusalsForTelemetryAndEvents(DeviceType type) {
        List<Examples.Invalid> invalid = Examples.invalid().stream().filter(i -> i.type() == type).toList();

        assertThat(invalid).filteredOn(i -> i.endpoint() == Endpoint.TELEMETRY).hasSizeGreaterThanOrEqualTo(2);
        assertThat(invalid).filteredOn(i -> i.endpoint() == Endpoint.EVENT).hasSizeGreaterThanOrEqualTo(4);
    }
}
