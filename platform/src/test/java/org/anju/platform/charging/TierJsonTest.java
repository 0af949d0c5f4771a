package org.anju.platform.charging;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import com.fasterxml.jackson.databind.JsonNode;

import org.anju.platform.Json;
import org.junit.jupiter.api.Test;

/** A tier goes over the wire by the lower-case name openapi.yaml gives, never by its Java name. */
class TierJsonTest {

    @Test
    void aTierLineIsWrittenWithTheWireNameOfItsTier() {
        JsonNode json = Json.MAPPER.valueToTree(
                new TierLine("A", Tier.PEAK, new BigDecimal("1500.000"), new BigDecimal("130"), 195));

        assertThat(json.get("tier").asText()).isEqualTo("peak");
    }

    @Test
    void everyTierReadsBackFromItsWireName() throws Exception {
        for (Tier tier : Tier.values()) {
            String written = Json.MAPPER.writeValueAsString(tier);
            assertThat(written).isEqualTo('"' + tier.wireName() + '"');
            assertThat(Json.MAPPER.readValue(written, Tier.class)).isEqualTo(tier);
        }
    }
}
