package org.anju.platform.parcels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import org.anju.error.ClientError;

class MobileNumberTest {

    @Test
    void spacesHyphensAndTheCountryCodeAreDropped() {
        assertThat(MobileNumber.normalise("phone", "13800138000")).isEqualTo("13800138000");
        assertThat(MobileNumber.normalise("phone", "+86 138 0013 8000")).isEqualTo("13800138000");
        assertThat(MobileNumber.normalise("phone", "199-0000-1234")).isEqualTo("19900001234");
    }

    @Test
    void anythingButAMainlandMobileIsABadRequestThatDoesNotRepeatTheNumber() {
        for (String bad : new String[] {"", "1380013800", "138001380001", "12800138000", "010 6512 3456",
            "+85291234567", "1380013800x"}) {
            assertThatThrownBy(() -> MobileNumber.normalise("phone", bad)).as(bad)
                    .isInstanceOfSatisfying(ClientError.class, e -> assertThat(e.code()).isEqualTo(400))
                    .hasMessageContaining("field 'phone' must be a mainland mobile number")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(bad.isEmpty() ? "\u0000" : bad));
        }
        assertThatThrownBy(() -> MobileNumber.normalise("phone", null)).isInstanceOf(ClientError.class);
    }
}
