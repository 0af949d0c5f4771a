package org.anju.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import org.anju.platform.config.AnjuConfig;
import org.anju.platform.config.ConfigLoader;
import org.anju.platform.testing.CommandRun;
import org.anju.platform.testing.TestSql;

/**
 * The first administrator of a fresh installation: {@code ./anju run} on an embedded database
 * that nobody can log in to, and {@code ./anju admin create-user} run beside it on the same data
 * folder (it finds the running database), with a password from standard input or a generated
 * one; refusals exit 1 with one line.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class AdminCommandIT {

    private static final Pattern GENERATED = Pattern.compile("password: (\\S+)");

    @TempDir
    Path dataDir;

    /** What a command run printed and returned. */
    record Run(int exitCode, String out, String err) {
    }

    @Test
    void theFirstAdministratorIsCreatedBesideTheRunningPlatformAndLogsIn() throws Exception {
        Path config = dataDir.resolve("anju.yaml");
        Files.writeString(config, "dataDir: " + dataDir + "\nhttp: {host: 127.0.0.1, port: 0}\n"
                + "mqtt: {host: 127.0.0.1, port: 0}\nsecurity: {bcryptCost: 4}\n");
        AnjuConfig settings = ConfigLoader.load(Optional.of(config), Map.of());
        try (AnjuPlatform platform = AnjuPlatform.start(settings)) {
            assertThat(platform.auth().users().hasPlatformAdmin()).as("a fresh database").isFalse();

            Run created = run("root's long password\n", "admin", "create-user", "root", "--role", "platform_admin",
                    "--password-stdin", "--config", config.toString());

            assertThat(created.exitCode()).as(created.err()).isZero();
            assertThat(created.out()).contains("created user root (platform_admin)\n");
            assertThat(login(platform, "root", "root's long password")).isEqualTo(200);
            assertThat(platform.auth().users().hasPlatformAdmin()).isTrue();
            assertThat(TestSql.rows(platform.database().dataSource(), "SELECT action, actor, detail->>'via' FROM audit_log"
                    + " WHERE target = 'root'")).contains("user.created null command line");

            Run generated = run("", "admin", "create-user", "brigade", "--role", "fire_brigade", "--display-name",
                    "消防支队", "--config", config.toString());
            assertThat(generated.exitCode()).as(generated.err()).isZero();
            Matcher password = GENERATED.matcher(generated.out());
            assertThat(password.find()).as(generated.out()).isTrue();
            assertThat(login(platform, "brigade", password.group(1))).isEqualTo(200);

            assertRefused(run("", "admin", "create-user", "root", "--role", "platform_admin", "--config", config.toString()),
                    "anju: user 'root' exists");
            assertRefused(run("short\n", "admin", "create-user", "sam", "--role", "platform_admin", "--password-stdin",
                    "--config", config.toString()), "anju: the password must be at least 12 characters long");
            assertRefused(run("", "admin", "create-user", "sam", "--role", "wizard", "--config", config.toString()),
                    "anju: unknown role 'wizard'");
            assertRefused(run("", "admin", "create-user", "sam", "--role", "operator", "--tenant", "nowhere",
                    "--config", config.toString()), "anju: no tenant 'nowhere'");
        }
    }

    @Test
    void anUnreadableConfigurationExitsTwoNamingIt() throws Exception {
        Run run = run("", "admin", "create-user", "root", "--role", "platform_admin", "--config",
                dataDir.resolve("missing.yaml").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("anju: configuration file '").contains("missing.yaml' does not exist");
    }

    private static void assertRefused(Run run, String message) {
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
        assertThat(run.err()).startsWith(message);
    }

    private static int login(AnjuPlatform platform, String user, String password) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + platform.httpPort()
                        + "/api/v1/auth/login")).POST(HttpRequest.BodyPublishers.ofString(
                        "{\"username\": \"" + user + "\", \"password\": \"" + password + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    /** Runs the command line as {@code anju} would, with the given standard input, capturing its output. */
    private static Run run(String stdin, String... args) {
        CommandRun run = CommandRun.of(stdin, args);
        return new Run(run.exitCode(), run.out(), run.err());
    }
}
