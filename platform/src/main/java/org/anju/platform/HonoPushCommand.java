package org.anju.platform;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import org.anju.error.ServerError;
import org.anju.platform.config.AnjuConfig;
import org.anju.platform.config.ConfigException;
import org.anju.platform.config.ConfigLoader;
import org.anju.platform.registry.DeviceRegistry;
import org.anju.platform.registry.HonoDevices;
import org.anju.platform.registry.HonoRegistryPush;
import org.anju.platform.storage.Database;
import org.anju.platform.storage.DatabaseProvisioner;
import org.anju.platform.storage.RequestClass;
import org.anju.platform.storage.UnitOfWork;

/**
 * {@code anju admin hono-push}: pushes a tenant's devices and credentials from Anju's registry to
 * Eclipse Hono's device registry management API (docs/scale-out.md, "Device registry"), against
 * the database {@code anju run} would use. Idempotent; run it again after provisioning.
 */
@Command(name = "hono-push", mixinStandardHelpOptions = true, versionProvider = AnjuVersion.class, sortOptions = false,
        description = {"Pushes devices and credentials to Eclipse Hono's device registry (management API v1).",
                "Example: ./anju admin hono-push --registry https://hono.example:28443 --tenant acme"
                        + " --username anju --password-stdin"})
final class HonoPushCommand implements Callable<Integer> {

    @Option(names = "--registry", required = true, paramLabel = "URL",
            description = "The base URL of Hono's device registry (its paths start with /v1).")
    URI registry;

    @Option(names = "--tenant", required = true, paramLabel = "ID",
            description = "A tenant whose devices to push (it must exist in Hono's registry); repeat for more.")
    List<String> tenants;

    @Option(names = "--username", paramLabel = "NAME", description = "The registry's HTTP basic user.")
    String username;

    @Option(names = "--password-stdin", description = "Read the registry user's password from standard input.")
    boolean passwordStdin;

    @Option(names = "--attempts", paramLabel = "N", defaultValue = "5",
            description = "Attempts per request when the registry fails (5xx, 429) or cannot be reached (default 5).")
    int attempts;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration file (as for run).")
    Path configFile;

    @Override
    public Integer call() throws InterruptedException {
        try {
            AnjuConfig config = ConfigLoader.load(Optional.ofNullable(configFile), System.getenv());
            HonoRegistryPush push = new HonoRegistryPush(new HonoRegistryPush.Settings(registry,
                    Optional.ofNullable(username), password(), Math.max(1, attempts), Duration.ofMillis(500)));
            int failed = 0;
            try (DatabaseProvisioner.Target target = DatabaseProvisioner.attach(config);
                    Database database = Database.open(target.settings())) {
                UnitOfWork work = database.work(RequestClass.ADMIN);
                for (String tenant : tenants) {
                    if (!new DeviceRegistry(work).tenantExists(tenant)) {
                        System.err.println("anju: no tenant '" + tenant + "'");
                        failed++;
                        continue;
                    }
                    HonoRegistryPush.Result result = push.push(new HonoDevices(work).ofTenant(tenant));
                    System.out.printf("tenant %s: %d devices created, %d updated, %d failed%n", tenant, result.created(),
                            result.updated(), result.failures().size());
                    result.failures().forEach(line -> System.out.println("  " + line));
                    failed += result.failures().size();
                }
            }
            return failed == 0 ? 0 : AdminCommand.EXIT_REFUSED;
        } catch (ConfigException | ServerError | StartupException | IllegalStateException | IOException e) {
            System.err.println("anju: " + e.getMessage());
            return AnjuMain.EXIT_STARTUP_FAILED;
        }
    }

    private String password() throws IOException {
        if (!passwordStdin) {
            return "";
        }
        String line = new BufferedReader(new InputStreamReader(System.in, UTF_8)).readLine();
        return line == null ? "" : line;
    }
}
