package org.anju.system.reliability;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.anju.platform.AnjuMain;

/**
 * {@code anju run} in a JVM of its own (so that a test can SIGKILL it), on this JVM's test class
 * path, its output appended to a log file.
 */
final class PlatformProcess {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private PlatformProcess() {
    }

    /** Starts the platform with these ANJU_* variables and waits until {@code /health/ready} answers 200. */
    static Process start(Map<String, String> env, Path log, int httpPort) throws IOException {
        String java = ProcessHandle.current().info().command().orElseThrow();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx512m", "-cp", classpath, AnjuMain.class.getName(), "run")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        Process process = builder.start();
        await().atMost(Duration.ofSeconds(90)).until(() -> {
            if (!process.isAlive()) {
                throw new AssertionError("the platform exited with " + process.exitValue() + "; see " + log);
            }
            return ready(httpPort);
        });
        return process;
    }

    /** Returns the body of a GET on the platform, or throws. */
    static String get(int httpPort, String path, String bearerToken) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                .header("Authorization", "Bearer " + bearerToken).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + path + " answered " + response.statusCode());
        }
        return response.body();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static boolean ready(int httpPort) throws InterruptedException {
        try {
            HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + httpPort + "/health/ready")).build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }
}
