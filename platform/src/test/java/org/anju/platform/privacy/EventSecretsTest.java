package org.anju.platform.privacy;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import org.anju.error.ServerError;
import org.anju.protocol.catalogue.Sensitivity;

class EventSecretsTest {

    private final EventSecrets secrets = new EventSecrets("0123456789abcdef0123456789abcdef".getBytes(UTF_8));
    private final EventSecrets otherKey = new EventSecrets("fedcba9876543210fedcba9876543210".getBytes(UTF_8));

    @Test
    void aSecretIsEncryptedWithAFreshNonceAndOpensOnlyForItsField() {
        String once = secrets.seal("pickupCode", Sensitivity.SECRET, "83920571");
        String twice = secrets.seal("pickupCode", Sensitivity.SECRET, "83920571");

        assertThat(once).startsWith(EventSecrets.ENCRYPTED).doesNotContain("83920571").isNotEqualTo(twice);
        assertThat(secrets.open("pickupCode", once)).isEqualTo("83920571");
        assertThat(secrets.open("pickupCode", twice)).isEqualTo("83920571");
        assertThatThrownBy(() -> secrets.open("courier", once)).as("moved to another field")
                .isInstanceOf(ServerError.class).hasMessageContaining("cannot decrypt 'courier'");
        assertThatThrownBy(() -> otherKey.open("pickupCode", once)).as("another key").isInstanceOf(ServerError.class);
    }

    @Test
    void aMatchOnlyValueIsTheSameKeyedHashEachTimeAndNothingWithoutTheKey() {
        String hash = secrets.seal("idTag", Sensitivity.MATCH_ONLY, "A1B2C3D4");

        assertThat(hash).startsWith(EventSecrets.HASHED).doesNotContain("A1B2C3D4")
                .isEqualTo(secrets.matchKey("idTag", "A1B2C3D4"));
        assertThat(secrets.matchKey("idTag", "A1B2C3D5")).isNotEqualTo(hash);
        assertThat(otherKey.matchKey("idTag", "A1B2C3D4")).isNotEqualTo(hash);
        assertThatThrownBy(() -> secrets.open("idTag", hash)).isInstanceOf(ServerError.class);
    }

    @Test
    void personalDataIsNotSealed() {
        assertThat(secrets.seal("plate", Sensitivity.PERSONAL, "京A12345")).isEqualTo("京A12345");
    }
}
