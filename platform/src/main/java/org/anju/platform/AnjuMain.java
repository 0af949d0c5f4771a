package org.anju.platform;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import org.anju.gateway.GatewayOptions;
import org.anju.gateway.tls.DevCertificate;
import org.anju.platform.config.AnjuConfig;
import org.anju.platform.config.ConfigException;
import org.anju.platform.config.ConfigLoader;
import org.anju.platform.demo.DemoCommunity;
import org.anju.process.LogFormat;
import org.anju.process.ParentWatch;

/**
 * The platform's command line: {@code run} (all-in-one against the configured database),
 * {@code demo} (all-in-one on the embedded database with a simulated community) and {@code admin}
 * (users, against the configured database).
 */
@Command(name = "anju", mixinStandardHelpOptions = true, versionProvider = AnjuVersion.class,
        subcommands = {AnjuMain.Run.class, AnjuMain.Demo.class, AdminCommand.class},
        description = "Anju (安居) smart-community platform.")
public final class AnjuMain {

    private static final Logger LOG = LoggerFactory.getLogger(AnjuMain.class);

    /** Exit code for a start-up failure an operator can fix (configuration, database, ports). */
    static final int EXIT_STARTUP_FAILED = 2;

    public static void main(String[] args) {
        LogFormat.checkOrExit();
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        ParentWatch.exitWithParent();
        System.exit(new CommandLine(new AnjuMain()).execute(args));
    }

    abstract static class PlatformCommand implements Callable<Integer> {

        @Option(names = "--config", description = "YAML configuration file (keys as in anju-defaults.yaml).")
        Path configFile;

        @Override
        public final Integer call() throws Exception {
            AnjuPlatform platform;
            try {
                AnjuConfig config = prepare(ConfigLoader.load(Optional.ofNullable(configFile), System.getenv()));
                platform = AnjuPlatform.start(config);
                CountDownLatch stopped = new CountDownLatch(1);
                AutoCloseable extra = afterStart(config, platform);
                // Ctrl-C: stop in the hook itself, since the JVM ends as soon as the hooks are done
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    closeQuietly(extra);
                    platform.close();
                    stopped.countDown();
                }, "anju-stop"));
                stopped.await();
                return 0;
            } catch (ConfigException | StartupException e) {
                System.err.println("anju: " + e.getMessage());
                return EXIT_STARTUP_FAILED;
            }
        }

        /** Returns how the dashboards are reached: https when a certificate is configured. */
        static String scheme(AnjuConfig config) {
            return config.http().tls().isPresent() ? "https" : "http";
        }

        /** Adjusts the configuration before start-up. */
        AnjuConfig prepare(AnjuConfig config) throws Exception {
            return config;
        }

        /** Starts whatever runs beside the platform; returns what to close at exit. */
        abstract AutoCloseable afterStart(AnjuConfig config, AnjuPlatform platform) throws Exception;

        private static void closeQuietly(AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                System.err.println("anju: " + e.getMessage());
            }
        }
    }

    @Command(name = "run", mixinStandardHelpOptions = true, versionProvider = AnjuVersion.class,
            description = "Runs the platform and gateway in one process against the configured database.")
    static final class Run extends PlatformCommand {

        @Override
        AutoCloseable afterStart(AnjuConfig config, AnjuPlatform platform) {
            System.out.printf("Anju is running: dashboards %s://localhost:%d/  MQTT port %s%s%n", scheme(config),
                    platform.httpPort(), platform.mqttPort() == 0 ? "off" : Integer.toString(platform.mqttPort()),
                    platform.mqttTlsPort() == 0 ? "" : "  MQTT over TLS port " + platform.mqttTlsPort());
            if (!platform.auth().users().hasPlatformAdmin()) {
                // a fresh database: nobody can log in until an operator creates the first administrator
                LOG.warn("no platform administrator yet: create the first one with"
                        + " './anju admin create-user NAME --role platform_admin' (it asks for a password or prints a"
                        + " generated one; add the same --config as for run)");
            }
            return () -> { };
        }
    }

    @Command(name = "demo", mixinStandardHelpOptions = true, versionProvider = AnjuVersion.class,
            description = "Runs the platform with a seeded demo community; the launcher (./anju demo) runs the "
                    + "simulated devices beside it as a process of their own.")
    static final class Demo extends PlatformCommand {

        @Option(names = "--ready-file", description = "Written once the demo is seeded: where the simulated devices "
                + "connect and their manifest (key=value lines), for the launcher.")
        Path readyFile;

        // read by the launcher, which runs the simulated devices; the platform never does
        @Option(names = "--no-simulator", description = "Seed the demo but do not start the simulated devices.")
        boolean noSimulator;

        /**
         * The demo pays through the sandbox provider (off by default elsewhere), and without a
         * configured certificate its TLS listener uses a generated development one.
         */
        @Override
        AnjuConfig prepare(AnjuConfig given) throws Exception {
            AnjuConfig config = given.withPayments(given.payments().withSandboxEnabled());
            if (config.mqtt().gateway().tls().isPresent() || config.mqtt().tlsPort() == 0) {
                return config;
            }
            DevCertificate.Files cert = DevCertificate.ensure(config.dataDir().resolve("tls"));
            return config.withGateway(config.mqtt().gateway().withTls(new GatewayOptions.Tls(config.mqtt().tlsPort(),
                    cert.keyStore().toString(), "", cert.password(), "", "")));
        }

        @Override
        AutoCloseable afterStart(AnjuConfig config, AnjuPlatform platform) throws Exception {
            DemoCommunity demo = new DemoCommunity(config.dataDir());
            String mqttUri = "tcp://127.0.0.1:" + platform.mqttPort();
            List<DemoCommunity.Login> logins = demo.seed(platform.registrar(), platform.auth().users(),
                    platform.estate().provisioning(),
                    config.demo().devicesPerType(), mqttUri);
            demo.seedParcelRecipient(platform.parcelNotices(),
                    java.time.LocalDate.now(config.billing().zone()), java.time.Instant.now());
            printBanner(scheme(config), platform, demo, logins);
            if (readyFile != null) {
                demo.writeReadyFile(readyFile, mqttUri, config.demo().publishInterval(),
                        platform.embeddedPostgresPidFile());
            }
            return () -> { };
        }

        private static void printBanner(String scheme, AnjuPlatform platform, DemoCommunity demo,
                List<DemoCommunity.Login> logins) {
            StringBuilder text = new StringBuilder()
                    .append("\n  Anju demo is running (Ctrl-C stops it).\n")
                    .append("  Dashboards: ").append(scheme).append("://localhost:").append(platform.httpPort()).append("/\n")
                    .append("  MQTT:       localhost:").append(platform.mqttPort()).append(" (user auth-id@tenant)\n");
            if (platform.mqttTlsPort() > 0) {
                text.append("  MQTT TLS:   localhost:").append(platform.mqttTlsPort()).append(" (development certificate ")
                        .append(demo.tlsCertificate().toAbsolutePath()).append(")\n");
            }
            text
                    .append("  Logins:\n");
            logins.forEach(l -> text.append(String.format("    %-9s %-14s (%s)%n", l.username(), l.password(), l.role())));
            text.append("  Device credentials: ").append(demo.manifestFile().toAbsolutePath()).append('\n');
            System.out.println(text);
        }
    }
}
