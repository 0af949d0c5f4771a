package org.anju.protocol.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.anju.error.ClientError;
import org.anju.protocol.DeviceType;
import org.anju.protocol.Endpoint;
import org.anju.protocol.Json;

/**
 * Keeps the published JSON Schemas and the Java decoder in step: on the example corpus both
 * accept the valid payloads and both refuse the invalid ones.
 */
class SchemaAgreementTest {

    private static final String SCHEMA_BASE = "https://anju.example/schemas/";
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true)
            .build();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            builder -> builder.schemaMappers(mappers -> mappers.mapPrefix(SCHEMA_BASE, "classpath:schemas/")));
    private static final Map<DeviceType, Map<String, JsonSchema>> SCHEMAS = new EnumMap<>(DeviceType.class);

    private final DeviceCatalogue catalogue = DeviceCatalogue.standard();

    static Iterable<Examples.Valid> validExamples() {
        return Examples.valid();
    }

    static Iterable<Examples.Invalid> invalidCases() {
        return Examples.invalid();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validExamples")
    void bothAcceptAValidExample(Examples.Valid example) {
        assertThat(validate(example.type(), example.endpoint(), example.json())).isEmpty();
        assertThat(validate(example.type(), null, example.json())).isEmpty();

        DecodedMessage decoded = catalogue.decode(example.type(), example.message());

        assertThat(decoded.events()).hasSize(example.endpoint() == Endpoint.EVENT ? 1 : 0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidCases")
    void bothRefuseAnInvalidCase(Examples.Invalid invalid) {
        assertThat(validate(invalid.type(), invalid.endpoint(), invalid.payload())).isNotEmpty();

        assertThatThrownBy(() -> catalogue.decode(invalid.type(), invalid.deviceMessage()))
                .isInstanceOf(ClientError.class)
                .hasMessage(invalid.message())
                .satisfies(e -> assertThat(((ClientError) e).code()).isEqualTo(ClientError.BAD_REQUEST));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validExamples")
    void bothIgnoreExtraFields(Examples.Valid example) {
        ObjectNode extended = ((ObjectNode) example.json().deepCopy());
        extended.put("vendorNote", "firmware 9.1").putObject("vendor").put("rssi", -71);

        assertThat(validate(example.type(), example.endpoint(), extended)).isEmpty();
        DecodedMessage plain = catalogue.decode(example.type(), example.message());
        DecodedMessage withExtras = catalogue.decode(example.type(), Examples.message(example.endpoint(), extended.toString()));

        assertThat(withExtras).isEqualTo(plain);
    }

    @Test
    void bothTakeAWholeNumberWrittenAsDecimalAsAnInteger() {
        JsonNode payload = Examples.json("{\"serviceMode\": \"normal\", \"running\": false, \"direction\": \"none\","
                + " \"floor\": 3.0, \"doorZone\": true, \"doorsClosed\": true, \"passengerPresent\": false, \"v\": 1.0}");

        assertThat(validate(DeviceType.ELEVATOR, Endpoint.TELEMETRY, payload)).isEmpty();
        assertThat(catalogue.decode(DeviceType.ELEVATOR, Examples.message(Endpoint.TELEMETRY, payload.toString())).points())
                .isNotEmpty();
    }

    @Test
    void theSchemasNameTheKindsTheDecoderKnows() {
        for (DeviceType type : DeviceType.values()) {
            JsonNode kinds = Examples.parse(schemaText(type)).at("/$defs/event/properties/kind/enum");

            assertThat(Json.MAPPER.convertValue(kinds, String[].class))
                    .as(type.wireName())
                    .containsExactlyElementsOf(catalogue.eventKinds(type));
        }
    }

    private static Set<ValidationMessage> validate(DeviceType type, Endpoint endpoint, JsonNode payload) {
        String fragment = endpoint == null ? "" : "#/$defs/" + endpoint.longName();
        JsonSchema schema = SCHEMAS.computeIfAbsent(type, t -> new HashMap<>())
                .computeIfAbsent(fragment, f -> FACTORY.getSchema(
                        SchemaLocation.of(SCHEMA_BASE + "v1/" + type.wireName() + ".schema.json" + f), CONFIG));
        return schema.validate(payload);
    }

    private static byte[] schemaText(DeviceType type) {
        try (var in = SchemaAgreementTest.class.getClassLoader().getResourceAsStream(DeviceCatalogue.schemaResource(type))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
