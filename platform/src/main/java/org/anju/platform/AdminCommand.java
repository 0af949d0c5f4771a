package org.anju.platform;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import org.anju.error.ClientError;
import org.anju.error.ServerError;
import org.anju.platform.auth.Actor;
import org.anju.platform.auth.NewUser;
import org.anju.platform.auth.PasswordPolicy;
import org.anju.platform.auth.Role;
import org.anju.platform.auth.TenantDirectory;
import org.anju.platform.auth.UserAccounts;
import org.anju.platform.config.AnjuConfig;
import org.anju.platform.config.ConfigException;
import org.anju.platform.config.ConfigLoader;
import org.anju.platform.registry.DeviceRegistry;
import org.anju.platform.registry.PasswordHasher;
import org.anju.platform.storage.Database;
import org.anju.platform.storage.DatabaseProvisioner;
import org.anju.platform.storage.RequestClass;
import org.anju.platform.storage.UnitOfWork;

/**
 * {@code anju admin}: administration at the command line, against the database {@code anju run}
 * would use (the same {@code --config}, {@code ANJU_*} variables, or the embedded PostgreSQL of the
 * data folder, also while the platform runs). The operator at the command line may do anything;
 * what they do is written to the audit log like any other change.
 */
@Command(name = "admin", mixinStandardHelpOptions = true, versionProvider = AnjuVersion.class, subcommands = {AdminCommand.CreateUser.class, HonoPushCommand.class},
        description = "Administration against the configured database (e.g. the first administrator).")
final class AdminCommand implements Runnable {

    /** Exit code when the request was refused (a bad role, a password the policy refuses, a taken name). */
    static final int EXIT_REFUSED = 1;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "create-user", mixinStandardHelpOptions = true, versionProvider = AnjuVersion.class, sortOptions = false,
            description = {"Creates a user. The password is read from standard input with --password-stdin; else"
                    + " asked for on a terminal (empty: generate one); else generated and printed.",
                    "Example, the first administrator: ./anju admin create-user root --role platform_admin"})
    static final class CreateUser implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "NAME", description = "The user name (lower-case letters, digits, _ . @ -).")
        String username;

        @Option(names = "--role", required = true, paramLabel = "ROLE",
                description = "platform_admin, property_admin, operator, technician, fire_brigade or resident;"
                        + " repeat for more.")
        List<String> roles;

        @Option(names = "--community", paramLabel = "ID", description = "A community the user sees; repeat for more.")
        List<String> communities = new ArrayList<>();

        @Option(names = "--tenant", paramLabel = "ID", description = "The property company (for property roles).")
        String tenant;

        @Option(names = "--display-name", paramLabel = "TEXT", description = "Shown instead of the user name.")
        String displayName;

        @Option(names = "--password-stdin", description = "Read the password from the first line of standard input.")
        boolean passwordStdin;

        @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration file (as for run).")
        Path configFile;

        @Override
        public Integer call() {
            ch.qos.logback.classic.Level level = quietLogs();
            try {
                return createUser(System.out);
            } finally {
                restoreLogs(level);
            }
        }

        private int createUser(PrintStream out) {
            try {
                AnjuConfig config = ConfigLoader.load(Optional.ofNullable(configFile), System.getenv());
                Set<Role> granted = roles();
                NewUser.requireUsername(username);
                String password = password();
                if (password != null) {
                    PasswordPolicy.check(username, password);
                }
                NewUser request = new NewUser(username, displayName, tenant, granted, new LinkedHashSet<>(communities),
                        password);
                try (DatabaseProvisioner.Target target = DatabaseProvisioner.attach(config);
                        Database database = Database.open(target.settings())) {
                    UnitOfWork work = database.work(RequestClass.ADMIN);
                    UserAccounts users = new UserAccounts(work, new PasswordHasher(config.security().bcryptCost()),
                            TenantDirectory.of(new DeviceRegistry(work)), name -> { });
                    UserAccounts.Created created = users.create(Actor.commandLine(), request);
                    out.printf("created user %s (%s)%s%n", created.user().username(),
                            String.join(", ", created.user().roles().stream().map(Role::wireName).sorted().toList()),
                            created.user().tenantId() == null ? "" : " of tenant " + created.user().tenantId());
                    if (created.generatedPassword() != null) {
                        out.println("password: " + created.generatedPassword());
                    }
                    return 0;
                }
            } catch (ClientError e) {
                System.err.println("anju: " + e.getMessage());
                return EXIT_REFUSED;
            } catch (ConfigException | ServerError | StartupException | IllegalStateException | IOException e) {
                System.err.println("anju: " + e.getMessage());
                return AnjuMain.EXIT_STARTUP_FAILED;
            }
        }

        private Set<Role> roles() {
            Set<Role> parsed = EnumSet.noneOf(Role.class);
            for (String name : roles) {
                parsed.add(Role.fromWireName(name).orElseThrow(() -> ClientError.badRequest("unknown role '" + name
                        + "'; roles: " + String.join(", ", Arrays.stream(Role.values()).map(Role::wireName).toList()))));
            }
            return parsed;
        }

        /** Returns the password to set, or null to generate one. */
        private String password() throws IOException {
            if (passwordStdin) {
                String line = new BufferedReader(new InputStreamReader(System.in, UTF_8)).readLine();
                if (line == null || line.isEmpty()) {
                    throw ClientError.badRequest("--password-stdin: no password on standard input");
                }
                return line;
            }
            Console console = System.console();
            if (console == null || !isTerminal(console)) {
                return null;
            }
            char[] first = console.readPassword("Password for %s (at least %d characters; empty: generate one): ",
                    username, PasswordPolicy.MIN_LENGTH);
            if (first == null || first.length == 0) {
                return null;
            }
            char[] again = console.readPassword("Again: ");
            if (again == null || !Arrays.equals(first, again)) {
                throw ClientError.badRequest("the passwords differ");
            }
            return new String(first);
        }

        /** Console.isTerminal() exists from Java 22; before, a console is only there on a terminal. */
        private static boolean isTerminal(Console console) {
            try {
                Method isTerminal = Console.class.getMethod("isTerminal");
                return (Boolean) isTerminal.invoke(console);
            } catch (ReflectiveOperationException e) {
                return true;
            }
        }

        /**
         * The command's own lines are what matters at a terminal: Anju's start-up logging stays
         * quiet. Returns the level to restore.
         */
        private static ch.qos.logback.classic.Level quietLogs() {
            if (LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof ch.qos.logback.classic.Logger root) {
                ch.qos.logback.classic.Level before = root.getLevel();
                root.setLevel(ch.qos.logback.classic.Level.ERROR);
                return before;
            }
            return null;
        }

        private static void restoreLogs(ch.qos.logback.classic.Level level) {
            if (level != null && LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)
                    instanceof ch.qos.logback.classic.Logger root) {
                root.setLevel(level);
            }
        }
    }
}
