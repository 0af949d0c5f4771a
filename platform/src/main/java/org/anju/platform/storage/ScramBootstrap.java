package org.anju.platform.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.zonky.test.db.postgres.util.LinuxUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the embedded cluster take password connections only: a generated superuser password kept
 * owner-only in the data folder, set in the cluster while no server runs (PostgreSQL's single-user
 * mode, so that there is never a moment where the server trusts anyone), then {@code pg_hba.conf}
 * allowing SCRAM on loopback and nothing else.
 * <p>
 * Runs on the first start of a new cluster, on the first start of a cluster created before this
 * rule (zonky's initdb trusts every local user), and when the password file was lost.
 */
final class ScramBootstrap {

    private static final Logger LOG = LoggerFactory.getLogger(ScramBootstrap.class);
    private static final String HBA_MARKER = "# anju: password (SCRAM) connections on loopback only";
    private static final String HBA = HBA_MARKER + "\n"
            + "# TYPE  DATABASE  USER  ADDRESS       METHOD\n"
            + "host    all       all   127.0.0.1/32  scram-sha-256\n"
            + "host    all       all   ::1/128       scram-sha-256\n";
    private static final String ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final int PASSWORD_LENGTH = 32;
    private static final long SINGLE_USER_WAIT_S = 120;

    private final String password;
    private final boolean newPassword;
    private final Path binariesDir;

    private ScramBootstrap(String password, boolean newPassword, Path binariesDir) {
        this.password = password;
        this.newPassword = newPassword;
        this.binariesDir = binariesDir;
    }

    /** Reads the password file, or generates a password and writes it (owner-only). */
    static ScramBootstrap prepare(Path passwordFile, Path binariesDir) throws IOException {
        if (Files.exists(passwordFile)) {
            String stored = Files.readString(passwordFile).strip();
            if (!stored.isEmpty()) {
                return new ScramBootstrap(stored, false, binariesDir);
            }
        }
        StringBuilder generated = new StringBuilder(PASSWORD_LENGTH);
        SecureRandom random = new SecureRandom();
        for (int i = 0; i < PASSWORD_LENGTH; i++) {
            generated.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        Files.createDirectories(passwordFile.toAbsolutePath().getParent());
        Files.deleteIfExists(passwordFile);
        Files.createFile(passwordFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(passwordFile, generated + "\n");
        return new ScramBootstrap(generated.toString(), true, binariesDir);
    }

    String password() {
        return password;
    }

    /** Sets the password and the access rules in a stopped cluster, when they are not set already. */
    void secure(Path dataDir) {
        try {
            Path hba = dataDir.resolve("pg_hba.conf");
            boolean rulesInPlace = Files.exists(hba) && Files.readString(hba).startsWith(HBA_MARKER);
            if (rulesInPlace && !newPassword) {
                return;
            }
            setSuperuserPassword(dataDir);
            Files.writeString(hba, HBA);
            LOG.info("embedded PostgreSQL secured: superuser password set, pg_hba.conf takes SCRAM on loopback only");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot secure the embedded database in " + dataDir + ": " + e.getMessage(), e);
        }
    }

    private void setSuperuserPassword(Path dataDir) throws IOException {
        List<String> command = new ArrayList<>();
        if (LinuxUtils.isUnshareAvailable()) {
            // as zonky does: PostgreSQL refuses to run as root, and is not root in a user namespace
            command.addAll(List.of("unshare", "-U"));
        }
        command.addAll(List.of(postgresBinary().toString(), "--single", "-D", dataDir.toString(),
                "-c", "listen_addresses=", "-c", "unix_socket_directories=", "-c", "password_encryption=scram-sha-256",
                EmbeddedPostgres.SUPERUSER));
        Process single = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (var stdin = single.getOutputStream()) {
            stdin.write(("ALTER ROLE " + EmbeddedPostgres.SUPERUSER + " PASSWORD '" + password + "';\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        String output = new String(single.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!single.waitFor(SINGLE_USER_WAIT_S, TimeUnit.SECONDS)) {
                single.destroyForcibly();
                throw new IOException("PostgreSQL single-user mode did not finish within " + SINGLE_USER_WAIT_S + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while setting the database password", e);
        }
        if (single.exitValue() != 0 || output.contains("ERROR:")) {
            throw new IOException("PostgreSQL single-user mode failed (exit " + single.exitValue() + "): "
                    + output.strip().replace(password, "***"));
        }
    }

    /** Returns the server binary zonky unpacked (the newest unpacking, should there be several). */
    private Path postgresBinary() throws IOException {
        try (Stream<Path> dirs = Files.list(binariesDir)) {
            return dirs.map(dir -> dir.resolve("bin").resolve("postgres"))
                    .filter(Files::isExecutable)
                    .max(Comparator.comparing(ScramBootstrap::modified))
                    .orElseThrow(() -> new IOException("no PostgreSQL binaries under " + binariesDir));
        }
    }

    private static long modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }
}
