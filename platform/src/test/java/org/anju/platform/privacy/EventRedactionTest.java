package org.anju.platform.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import org.anju.protocol.catalogue.DeviceCatalogue;

class EventRedactionTest {

    private final EventRedaction redaction = new EventRedaction(DeviceCatalogue.standard().sensitiveFields());

    @Test
    void sealedFieldsReadAsRedactedForEverybody() {
        String deposit = "{\"kind\":\"deposit\",\"pickupCode\":\"enc:v1:abc\",\"trackingNumber\":\"SF1\"}";

        assertThat(redaction.redact(deposit, true))
                .isEqualTo("{\"kind\":\"deposit\",\"pickupCode\":\"••••\",\"trackingNumber\":\"SF1\"}");
        assertThat(redaction.redact(deposit, false))
                .isEqualTo("{\"kind\":\"deposit\",\"pickupCode\":\"••••\",\"trackingNumber\":\"••••\"}");
        assertThat(redaction.redact("{\"kind\":\"session_started\",\"idTag\":\"hmac:v1:x\"}", true))
                .isEqualTo("{\"kind\":\"session_started\",\"idTag\":\"••••\"}");
    }

    @Test
    void aPlateReadsAsStoredOnlyForThoseWhoMaySeePersonalData() {
        String read = "{\"kind\":\"plate_read\",\"plate\":\"京A12345\",\"readable\":true}";

        assertThat(redaction.redact(read, true)).isSameAs(read);
        assertThat(redaction.redact(read, false)).isEqualTo("{\"kind\":\"plate_read\",\"plate\":\"••••\",\"readable\":true}");
        assertThat(redaction.redact("{\"kind\":\"plate_read\",\"plate\":null}", false)).as("unreadable stays null")
                .isEqualTo("{\"kind\":\"plate_read\",\"plate\":null}");
    }

    @Test
    void anEventWithoutSuchFieldsIsAnsweredAsStored() {
        String alarm = "{\"kind\":\"alarm\",\"smokeConcentration\":6.2}";

        assertThat(redaction.redact(alarm, false)).isSameAs(alarm);
    }
}
