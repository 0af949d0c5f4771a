package org.anju.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.anju.gateway.GatewayOptions;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    @Test
    void defaultsNeedNoFileAndNoEnvironment() {
        AnjuConfig config = ConfigLoader.load(Optional.empty(), Map.of());

        assertThat(config.db().embedded()).isTrue();
        assertThat(config.http().port()).isEqualTo(8080);
        assertThat(config.mqtt().gateway().port()).isEqualTo(1883);
        assertThat(config.ingest().batchMaxDelay()).isEqualTo(Duration.ofMillis(5));
        assertThat(config.security().bcryptCost()).isEqualTo(10);
        assertThat(config.payments().sandboxEnabled()).as("no sandbox payments unless asked for").isFalse();
        assertThat(config.monthlyBilling()).as("no automatic billing unless asked for")
                .isEqualTo(org.anju.platform.billing.MonthlyRunSettings.DISABLED);
    }

    @Test
    void theMonthlyBillingRunIsSetByItsKeys() {
        AnjuConfig config = ConfigLoader.load(Optional.empty(), Map.of("ANJU_BILLING_MONTHLY_RUN_ENABLED", "true",
                "ANJU_BILLING_MONTHLY_RUN_DAY_OF_MONTH", "28", "ANJU_BILLING_MONTHLY_RUN_AT", "23:30",
                "ANJU_BILLING_MONTHLY_RUN_CHECK_INTERVAL", "1m"));

        assertThat(config.monthlyBilling()).isEqualTo(new org.anju.platform.billing.MonthlyRunSettings(true, 28,
                java.time.LocalTime.of(23, 30), Duration.ofMinutes(1)));
    }

    @Test
    void fileThenEnvironmentOverrideDefaults() throws IOException {
        Path file = Files.writeString(dir.resolve("anju.yaml"), """
                http:
                  port: 9090
                ingest:
                  batchMaxRows: 250
                """);

        AnjuConfig config = ConfigLoader.load(Optional.of(file), Map.of(
                "ANJU_HTTP_PORT", "9191",
                "ANJU_DB_URL", "jdbc:postgresql://db:5432/anju",
                "ANJU_MQTT_ACK_TIMEOUT", "3s"));

        assertThat(config.http().port()).isEqualTo(9191);
        assertThat(config.ingest().batchMaxRows()).isEqualTo(250);
        assertThat(config.db().url()).isEqualTo("jdbc:postgresql://db:5432/anju");
        assertThat(config.db().embedded()).isFalse();
        assertThat(config.mqtt().gateway().ackTimeout()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void configFileMayBeNamedByEnvironment() throws IOException {
        Path file = Files.writeString(dir.resolve("other.yaml"), "mqtt:\n  port: 2883\n");

        AnjuConfig config = ConfigLoader.load(Optional.empty(), Map.of("ANJU_CONFIG", file.toString()));

        assertThat(config.mqtt().gateway().port()).isEqualTo(2883);
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({
        "ANJU_HTTP_PORT, eighty, 'http.port' has invalid value 'eighty'",
        "ANJU_MQTT_PORT, 70000, 'mqtt.port' has invalid value '70000'",
        "ANJU_INGEST_BATCH_MAX_DELAY, soon, 'ingest.batchMaxDelay' has invalid value 'soon'",
        "ANJU_SECURITY_BCRYPT_COST, 3, 'security.bcryptCost' has invalid value '3'",
        "ANJU_DB_POOL_SIZE, 0, 'db.poolSize' has invalid value '0'",
        "ANJU_PRESENCE_CAMERA_INTERVAL, 0s, 'presence.camera.interval' has invalid value '0s'",
        "ANJU_MQTT_LIMITS_MESSAGES_PER_SECOND, -1, 'mqtt.limits.messagesPerSecond' has invalid value '-1'",
        "ANJU_MQTT_MAX_IN_FLIGHT_TOTAL, 10, 'mqtt.maxInFlightTotal' has invalid value '10'",
        "ANJU_MQTT_PLAIN_ENABLED, false, 'mqtt.plainEnabled' has invalid value 'false'",
        "ANJU_MQTT_AUTH_THROTTLE_MAX_DELAY, 100ms, 'mqtt.authThrottle.maxDelay' has invalid value '100ms'",
        "ANJU_MQTT_AUTH_THROTTLE_MAX_FAILURES, -1, 'mqtt.authThrottle.maxFailures' has invalid value '-1'",
        "ANJU_MQTT_AUTH_THROTTLE_MAX_ADDRESS_FAILURES, 5, 'mqtt.authThrottle.maxAddressFailures' has invalid value '5'",
        "ANJU_SECURITY_DEVICE_HASHING_THREADS, -1, 'security.deviceHashing.threads' has invalid value '-1'",
        "ANJU_MAINTENANCE_FORECAST_RUN_AT, 25:00, 'maintenance.forecast.runAt' has invalid value '25:00'",
        "ANJU_BILLING_MONTHLY_RUN_ENABLED, yes, 'billing.monthlyRun.enabled' has invalid value 'yes'",
        "ANJU_BILLING_MONTHLY_RUN_DAY_OF_MONTH, 29, 'billing.monthlyRun.dayOfMonth' has invalid value '29'",
        "ANJU_BILLING_MONTHLY_RUN_DAY_OF_MONTH, 0, 'billing.monthlyRun.dayOfMonth' has invalid value '0'",
        "ANJU_BILLING_MONTHLY_RUN_AT, 24:00, 'billing.monthlyRun.at' has invalid value '24:00'",
        "ANJU_BILLING_MONTHLY_RUN_CHECK_INTERVAL, 0s, 'billing.monthlyRun.checkInterval' has invalid value '0s'",
        "ANJU_BILLING_MONTHLY_RUN_CHECK_INTERVAL, 2h, 'billing.monthlyRun.checkInterval' has invalid value '2h'",
        "ANJU_MAINTENANCE_FORECAST_MIN_DAILY_POINTS, 2, 'maintenance.forecast.minDailyPoints' has invalid value '2'",
        "ANJU_MAINTENANCE_FORECAST_FAULT_WEEKS, 4, maintenance.forecast.faultWeeks must be at least 5: 4",
        "ANJU_MAINTENANCE_WORK_FAULT_DUE_DAYS, -1, 'maintenance.work.faultDueDays' has invalid value '-1'",
        "ANJU_MAINTENANCE_WORK_EMERGENCY_DUE_DAYS, 2, 'maintenance.work.emergencyDueDays' has invalid value '2'",
        "ANJU_MAINTENANCE_WORK_ESCALATION_DAYS, '3,1', 'maintenance.work.escalationDays' has invalid value '3,1'",
    })
    void badValueNamesKeyAndValue(String variable, String value, String message) {
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of(variable, value)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(message);
    }

    @Test
    void maintenanceDefaultsAreTheDocumentedPerCommunityFigures() {
        AnjuConfig config = ConfigLoader.load(Optional.empty(), Map.of());

        assertThat(config.maintenance().defaults())
                .isEqualTo(org.anju.platform.maintenance.settings.CommunityMaintenanceSettings.DEFAULTS);
        assertThat(ConfigLoader.load(Optional.empty(), Map.of("ANJU_MAINTENANCE_WORK_ESCALATION_DAYS", "2, 5",
                "ANJU_MAINTENANCE_FORECAST_HORIZON_DAYS", "30")).maintenance().defaults())
                .satisfies(d -> assertThat(d.escalationDays()).containsExactly(2, 5))
                .satisfies(d -> assertThat(d.horizonDays()).isEqualTo(30));
    }

    @Test
    void nestedGatewaySettingsAndTenantLimitDefaults() {
        AnjuConfig config = ConfigLoader.load(Optional.empty(), Map.of(
                "ANJU_MQTT_LIMITS_MESSAGES_PER_SECOND", "2.5",
                "ANJU_MQTT_MAX_IN_FLIGHT_PER_CONNECTION", "16"));

        assertThat(config.mqtt().limits().messagesPerSecond()).isEqualTo(2.5);
        assertThat(config.mqtt().gateway().maxInFlightPerConnection()).isEqualTo(16);
        assertThat(config.mqtt().gateway().tls()).as("no certificate configured: no TLS listener").isEmpty();
        assertThat(config.mqtt().tlsPort()).isEqualTo(8883);
    }

    @Test
    void throttlingAndHashingHaveDocumentedDefaults() {
        AnjuConfig config = ConfigLoader.load(Optional.empty(), Map.of());

        assertThat(config.mqtt().gateway().authThrottle()).isEqualTo(GatewayOptions.AuthThrottle.DEFAULTS);
        assertThat(config.mqtt().gateway().plainEnabled()).isTrue();
        assertThat(config.security().deviceHashing().threadsOrCores()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(config.security().deviceHashing().queue()).isEqualTo(10_000);
        assertThat(config.security().deviceHashing().maxWait()).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void aClientCaFileNeedsTheTenantItBelongsTo() throws IOException {
        Path ca = Files.writeString(dir.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\n");
        Path cert = Files.writeString(dir.resolve("server.p12"), "");

        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("ANJU_MQTT_TLS_CERT_PATH", cert.toString(),
                "ANJU_MQTT_TLS_CLIENT_CA_PATH", ca.toString())))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'mqtt.tls.clientCertTenant'").hasMessageContaining("trusted-cas");
    }

    @Test
    void tlsCertificateMustExist() {
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("ANJU_MQTT_TLS_CERT_PATH", "/nope/cert.pem")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'mqtt.tls.certPath' has invalid value '/nope/cert.pem'");
    }

    @Test
    void unknownKeyInFileIsRefused() throws IOException {
        Path file = Files.writeString(dir.resolve("typo.yaml"), "http:\n  prot: 9090\n");

        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(file), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("unknown configuration key 'http.prot'");
    }

    @Test
    void missingFileIsRefused() {
        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(dir.resolve("nope.yaml")), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("does not exist");
    }

    @Test
    void shortJwtSecretIsRefusedWithoutRepeatingIt() {
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("ANJU_SECURITY_JWT_SECRET", "tooshort")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("security.jwtSecret")
                .hasMessageNotContaining("tooshort");
    }

    @Test
    void secretsAreMaskedWhenLogged() {
        AnjuConfig config = ConfigLoader.load(Optional.empty(), Map.of(
                "ANJU_DB_URL", "jdbc:postgresql://db/anju?user=anju&password=hunter2",
                "ANJU_DB_PASSWORD", "hunter3",
                "ANJU_SECURITY_JWT_SECRET", "0123456789abcdef0123456789abcdef-secret"));

        assertThat(config.db().toString()).doesNotContain("hunter2", "hunter3").contains("password=***");
        assertThat(config.security().toString()).doesNotContain("0123456789abcdef");
    }

    @Test
    void environmentNamesFollowKeys() {
        assertThat(ConfigLoader.environmentName("db.url")).isEqualTo("ANJU_DB_URL");
        assertThat(ConfigLoader.environmentName("ingest.batchMaxRows")).isEqualTo("ANJU_INGEST_BATCH_MAX_ROWS");
        assertThat(ConfigLoader.environmentName("dataDir")).isEqualTo("ANJU_DATA_DIR");
    }
}
