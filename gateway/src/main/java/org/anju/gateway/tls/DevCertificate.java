package org.anju.gateway.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A self-signed development certificate for the TLS listener, made with the JDK's keytool, so
 * that {@code ./anju demo} offers MQTT over TLS on a fresh machine. Not for production: configure
 * a real certificate there.
 */
public final class DevCertificate {

    /**
     * The generated files.
     *
     * @param keyStore PKCS#12 with the private key and certificate, for the gateway
     * @param password the key store's password
     * @param pem      the certificate in PEM, for clients to trust (e.g. {@code mosquitto_pub --cafile})
     */
    public record Files(Path keyStore, String password, Path pem) {
    }

    private DevCertificate() {
    }

    /**
     * Returns the development certificate in {@code dir}, creating it on first use (valid for
     * {@code localhost} and {@code 127.0.0.1}).
     *
     * @throws IOException when keytool fails or the files cannot be written
     */
    public static Files ensure(Path dir) throws IOException {
        Path keyStore = dir.resolve("gateway-dev.p12");
        Path passwordFile = dir.resolve("gateway-dev.password");
        Path pem = dir.resolve("gateway-dev.pem");
        if (java.nio.file.Files.exists(keyStore) && java.nio.file.Files.exists(passwordFile)
                && java.nio.file.Files.exists(pem)) {
            return new Files(keyStore, java.nio.file.Files.readString(passwordFile).strip(), pem);
        }
        java.nio.file.Files.createDirectories(dir);
        java.nio.file.Files.deleteIfExists(keyStore);
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        String password = HexFormat.of().formatHex(random);
        keytool("-genkeypair", "-alias", "gateway", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=localhost, O=Anju development", "-ext", "san=dns:localhost,ip:127.0.0.1",
                "-ext", "bc:c", "-validity", "825", "-storetype", "PKCS12", "-keystore", keyStore.toString(),
                "-storepass", password, "-keypass", password);
        keytool("-exportcert", "-rfc", "-alias", "gateway", "-keystore", keyStore.toString(), "-storepass", password,
                "-file", pem.toString());
        java.nio.file.Files.writeString(passwordFile, password);
        java.nio.file.Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-------"));
        java.nio.file.Files.setPosixFilePermissions(keyStore, PosixFilePermissions.fromString("rw-------"));
        return new Files(keyStore, password, pem);
    }

    /** Runs the JDK's keytool with the arguments; fails with its output when it fails. */
    public static void keytool(String... arguments) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        try {
            if (process.waitFor() != 0) {
                throw new IOException("keytool " + arguments[0] + " failed: " + output.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running keytool", e);
        }
    }
}
