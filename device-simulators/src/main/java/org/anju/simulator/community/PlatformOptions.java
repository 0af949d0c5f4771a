package org.anju.simulator.community;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import picocli.CommandLine.Option;

/**
 * The options that say which platform to talk to and as whom. The password comes from a file or
 * the environment, never the command line (where other users of the machine could read it).
 */
public final class PlatformOptions {

    /** The environment variable holding the password when no file is given. */
    public static final String PASSWORD_ENV = "ANJU_PLATFORM_PASSWORD";

    @Option(names = "--platform", defaultValue = "http://127.0.0.1:8080",
            description = "The platform's HTTP address (default: ${DEFAULT-VALUE}).")
    String url;

    @Option(names = "--user", defaultValue = "admin", description = "The user to log in as (default: ${DEFAULT-VALUE}).")
    String user;

    @Option(names = "--password-file", description = "A file holding the password (default: $" + PASSWORD_ENV + ").")
    Path passwordFile;

    /** Logs in; fails naming what is missing or refused. */
    public PlatformApi login() throws IOException, InterruptedException {
        String password;
        if (passwordFile != null) {
            password = Files.readString(passwordFile).strip();
        } else {
            password = System.getenv(PASSWORD_ENV);
            if (password == null || password.isEmpty()) {
                throw new IOException("no password: give --password-file or set " + PASSWORD_ENV);
            }
        }
        return PlatformApi.login(url, user, password);
    }
}
