package org.anju.platform.maintenance.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.anju.error.ClientError;

/** A community's maintenance figures from request bodies: what is taken, what is refused with the field named. */
class CommunityMaintenanceSettingsTest {

    @Test
    void givenFieldsReplaceNullReturnsToTheDefaultAndOthersStay() {
        CommunityMaintenanceSettings current = CommunityMaintenanceSettings.fromJson(new JsonObject(
                "{\"batteryFloorPercent\": 25, \"faultDueDays\": 3}"), CommunityMaintenanceSettings.NONE);

        CommunityMaintenanceSettings changed = CommunityMaintenanceSettings.fromJson(new JsonObject(
                "{\"faultDueDays\": null, \"escalationDays\": [2, 4, 8, 16]}"), current);

        assertThat(changed.batteryFloorPercent()).isEqualByComparingTo("25");
        assertThat(changed.faultDueDays()).isNull();
        assertThat(changed.escalationDays()).containsExactly(2, 4, 8, 16);
        CommunityMaintenanceSettings effective = changed.over(CommunityMaintenanceSettings.DEFAULTS);
        assertThat(effective.faultDueDays()).isEqualTo(1);
        assertThat(effective.horizonDays()).isEqualTo(90);
        assertThat(effective.batteryFloorPercent()).isEqualByComparingTo("25");
        assertThat(CommunityMaintenanceSettings.NONE.over(CommunityMaintenanceSettings.DEFAULTS))
                .isEqualTo(CommunityMaintenanceSettings.DEFAULTS);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"batteryFloorPercent\": -1}            | field 'batteryFloorPercent' must be from 0 to 100, got -1",
        "{\"diskFullFraction\": 1.5}              | field 'diskFullFraction' must be from 0.01 to 1, got 1.5",
        "{\"horizonDays\": 100000}                | field 'horizonDays' must be from 1 to 3650, got 100000",
        "{\"minDailyPoints\": 2}                  | field 'minDailyPoints' must be from 3 to 1000, got 2",
        "{\"faultDueDays\": -1}                   | field 'faultDueDays' must be from 0 to 30, got -1",
        "{\"faultDueDays\": 1.5}                  | field 'faultDueDays' must be a whole number, got 1.5",
        "{\"doorFaultsPerWeek\": \"many\"}        | field 'doorFaultsPerWeek' must be a number, got many",
        "{\"escalationDays\": [1, 3, 3]}          | field 'escalationDays' must be strictly ascending, got [1, 3, 3]",
        "{\"escalationDays\": [5, 2]}             | field 'escalationDays' must be strictly ascending, got [5, 2]",
        "{\"escalationDays\": []}                 | field 'escalationDays' must hold 1 to 10 steps, got 0",
        "{\"escalationDays\": [1, 400]}           | field 'escalationDays[1]' must be from 1 to 365, got 400",
        "{\"escalationDays\": 3}                  | field 'escalationDays' must be a list of whole numbers, got 3",
        "{\"counterThreshold\": 3}                | field 'counterThreshold' is not a maintenance setting; known:"})
    void badFiguresAreRefusedNamingTheField(String body, String message) {
        assertThatThrownBy(() -> CommunityMaintenanceSettings.fromJson(new JsonObject(body),
                CommunityMaintenanceSettings.NONE)).isInstanceOf(ClientError.class).hasMessageContaining(message)
                .satisfies(e -> assertThat(((ClientError) e).code()).isEqualTo(ClientError.BAD_REQUEST));
    }

    @Test
    void anEmergencyDueLaterThanOtherFaultsIsRefusedOnceTheDefaultsAreLaidUnder() {
        CommunityMaintenanceSettings own = CommunityMaintenanceSettings.fromJson(new JsonObject(
                "{\"emergencyDueDays\": 2}"), CommunityMaintenanceSettings.NONE);

        assertThatThrownBy(() -> own.over(CommunityMaintenanceSettings.DEFAULTS)).isInstanceOf(ClientError.class)
                .hasMessageContaining("field 'emergencyDueDays' must not be more than faultDueDays (1)");
        assertThat(new CommunityMaintenanceSettings(null, null, null, null, null, null, null, 2, 2, null)
                .over(CommunityMaintenanceSettings.DEFAULTS).emergencyDueDays()).isEqualTo(2);
    }

    @Test
    void theDefaultsAreTheDocumentedFigures() {
        assertThat(CommunityMaintenanceSettings.DEFAULTS).isEqualTo(new CommunityMaintenanceSettings(
                new BigDecimal("10"), new BigDecimal("0.5"), new BigDecimal("0.95"), new BigDecimal("70"),
                new BigDecimal("3"), 90, 10, 0, 1, List.of(1, 3, 7)));
    }
}
