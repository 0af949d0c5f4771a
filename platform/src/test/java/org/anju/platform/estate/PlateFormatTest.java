package org.anju.platform.estate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.anju.error.ClientError;
import org.anju.platform.estate.PlateFormat.Kind;

/** Chinese plates by GA 36-2018: what is valid, its kind, and how a plate is written for storage. */
class PlateFormatTest {

    @ParameterizedTest(name = "{0} is {2} as {1}")
    @CsvSource(delimiter = '|', textBlock = """
            京A12345    | 京A12345  | ORDINARY
            沪B8C9D7    | 沪B8C9D7  | ORDINARY
            琼Z00001    | 琼Z00001  | ORDINARY
            京AD12345   | 京AD12345 | NEW_ENERGY_SMALL
            粤BFA1234   | 粤BFA1234 | NEW_ENERGY_SMALL
            苏EA00001   | 苏EA00001 | NEW_ENERGY_SMALL
            浙AK98765   | 浙AK98765 | NEW_ENERGY_SMALL
            粤B12345D   | 粤B12345D | NEW_ENERGY_LARGE
            川A54321F   | 川A54321F | NEW_ENERGY_LARGE
            鲁A1234学   | 鲁A1234学 | SPECIAL
            京A0006警   | 京A0006警 | SPECIAL
            冀B1234挂   | 冀B1234挂 | SPECIAL
            沪A0123领   | 沪A0123领 | SPECIAL
            粤Z1234港   | 粤Z1234港 | SPECIAL
            粤ZA123澳   | 粤ZA123澳 | SPECIAL
            京a·12345   | 京A12345  | ORDINARY
            ' 京A 123 45 ' | 京A12345 | ORDINARY
            京ａｄ１２３４５ | 京AD12345 | NEW_ENERGY_SMALL
            粤B·12345d  | 粤B12345D | NEW_ENERGY_LARGE
            """)
    void validPlatesAreNormalisedAndClassified(String raw, String normalised, Kind kind) {
        PlateFormat.Plate plate = PlateFormat.parse(raw).orElseThrow(() -> new AssertionError(raw + " refused"));

        assertThat(plate.text()).isEqualTo(normalised);
        assertThat(plate.kind()).isEqualTo(kind);
        assertThat(plate.newEnergy()).isEqualTo(kind == Kind.NEW_ENERGY_SMALL || kind == Kind.NEW_ENERGY_LARGE);
    }

    @ParameterizedTest(name = "{0} is refused")
    @ValueSource(strings = {
            "",              // nothing
            "京A1234",       // ordinary: 4 characters
            "京A123456",     // ordinary length + 1, not a new-energy pattern
            "京AI2345",      // I is never a serial letter
            "京A1234O",      // nor O
            "港A12345",      // not a province abbreviation
            "AA12345",       // no province
            "京112345",      // the office must be a letter
            "京AL12345",     // small new-energy: energy letter must be A–K (not I)
            "京AD1234A",     // small new-energy: the last four are digits
            "粤BF1A234",     // small new-energy: only the second may be a letter
            "京A1234LD",     // large new-energy: five digits before the energy letter
            "粤B12345L",     // large new-energy: energy letter A–K
            "粤B1234港",     // 港 only on 粤Z
            "京Z1234澳",     // 澳 only on 粤Z
            "京A12345警",    // a special suffix follows four characters
            "京A1234使",     // not a suffix we know
            "京A-12345",     // punctuation other than the middle dot
            "京AD123456"     // nine characters
    })
    void malformedPlatesAreRefused(String raw) {
        assertThat(PlateFormat.parse(raw)).isEmpty();
    }

    @ParameterizedTest(name = "{0} is refused naming the field")
    @ValueSource(strings = {"京A1234", "not a plate at all, far too long to echo"})
    void requireNamesTheFieldAndAnswers400(String raw) {
        assertThatThrownBy(() -> PlateFormat.require("vehicles[2].plate", raw))
                .isInstanceOfSatisfying(ClientError.class, e -> assertThat(e.code()).isEqualTo(400))
                .hasMessageStartingWith("vehicles[2].plate must be a Chinese licence plate")
                .hasMessageNotContaining("far too long to echo");
    }

    @Test
    void aMissingPlateIsRefused() {
        assertThat(PlateFormat.parse(null)).isEmpty();
        assertThatThrownBy(() -> PlateFormat.require("plate", null)).hasMessageContaining("plate must be");
    }
}
