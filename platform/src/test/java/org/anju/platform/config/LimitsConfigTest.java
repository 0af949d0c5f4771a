package org.anju.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.anju.platform.history.HistoryLimits;
import org.anju.platform.query.ListLimits;
import org.anju.platform.storage.StatementTimeouts;

/**
 * The {@code limits.*} keys and the pools and statement timeouts under {@code db.*}: documented
 * defaults, overrides, and refusals that name the key and the value.
 */
class LimitsConfigTest {

    @Test
    void defaultsAreTheDocumentedLimits() {
        AnjuConfig config = ConfigLoader.load(Optional.empty(), Map.of());

        AnjuConfig.Limits limits = config.limits();
        assertThat(limits.events()).isEqualTo(new ListLimits("events", Duration.ofHours(24), Duration.ofDays(31), 100, 1000));
        assertThat(limits.records()).isEqualTo(new ListLimits("records", Duration.ofDays(7), Duration.ofDays(366), 50, 500));
        assertThat(limits.directory()).isEqualTo(ListLimits.paged("directory", 500, 2000));
        assertThat(limits.history()).isEqualTo(HistoryLimits.DEFAULTS);
        assertThat(limits.feedMaxCatchUp()).isEqualTo(Duration.ofHours(24));
        assertThat(limits.storageFiguresMaxAge()).isEqualTo(Duration.ofMinutes(10));
        assertThat(config.db().poolSize()).isEqualTo(12);
        assertThat(config.db().requestPoolSize()).isEqualTo(10);
        assertThat(config.db().statementTimeout()).isEqualTo(StatementTimeouts.DEFAULTS);
        assertThat(StatementTimeouts.DEFAULTS).isEqualTo(new StatementTimeouts(Duration.ofSeconds(5),
                Duration.ofSeconds(30), Duration.ofMinutes(2), Duration.ofMinutes(30)));
    }

    @Test
    void environmentOverridesLimitsPoolsAndTimeouts() {
        AnjuConfig config = ConfigLoader.load(Optional.empty(), Map.of(
                "ANJU_LIMITS_EVENTS_MAX_RANGE", "7d",
                "ANJU_LIMITS_EVENTS_DEFAULT_RANGE", "1h",
                "ANJU_LIMITS_RECORDS_MAX_PAGE_SIZE", "100",
                "ANJU_LIMITS_HISTORY_RAW_MAX_RANGE", "2d",
                "ANJU_DB_REQUEST_POOL_SIZE", "4",
                "ANJU_DB_STATEMENT_TIMEOUT_REPORT", "90s"));

        assertThat(config.limits().events().maxRange()).isEqualTo(Duration.ofDays(7));
        assertThat(config.limits().events().defaultRange()).isEqualTo(Duration.ofHours(1));
        assertThat(config.limits().records().maxPageSize()).isEqualTo(100);
        assertThat(config.limits().history().rawMaxRange()).isEqualTo(Duration.ofDays(2));
        assertThat(config.db().requestPoolSize()).isEqualTo(4);
        assertThat(config.db().statementTimeout().report()).isEqualTo(Duration.ofSeconds(90));
        assertThat(config.db().settings("jdbc:postgresql://db/anju", "", "").requestPoolSize()).isEqualTo(4);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "ANJU_LIMITS_EVENTS_DEFAULT_RANGE     | 60d   | configuration key 'limits.events.defaultRange' has invalid value '60d': must be at most limits.events.maxRange (31d)",
            "ANJU_LIMITS_RECORDS_MAX_PAGE_SIZE    | 10    | configuration key 'limits.records.maxPageSize' has invalid value '10': expected a number from 50 to 100000",
            "ANJU_LIMITS_HISTORY_HOUR_MAX_RANGE   | 200d  | configuration key 'limits.history.hourMaxRange' has invalid value '200d': must be at most limits.history.dayMaxRange and the hours one history holds (2499h)",
            "ANJU_LIMITS_HISTORY_DAY_MAX_RANGE    | 3000d | configuration key 'limits.history.dayMaxRange' has invalid value '3000d': must be at most the days one history holds (2499d)",
            "ANJU_LIMITS_HISTORY_RAW_MAX_RANGE    | 100d  | configuration key 'limits.history.rawMaxRange' has invalid value '100d': must be at most limits.history.hourMaxRange (92d)",
            "ANJU_LIMITS_FEED_MAX_CATCH_UP        | 0s    | configuration key 'limits.feedMaxCatchUp' has invalid value '0s'",
            "ANJU_DB_STATEMENT_TIMEOUT_INTERACTIVE | soon | configuration key 'db.statementTimeout.interactive' has invalid value 'soon'",
            "ANJU_DB_REQUEST_POOL_SIZE            | 0     | configuration key 'db.requestPoolSize' has invalid value '0'",
    })
    void badValuesAreRefusedNamingKeyAndValue(String variable, String value, String message) {
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of(variable, value)))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(message);
    }
}
