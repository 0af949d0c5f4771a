package org.anju.system.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.anju.platform.AnjuMain;

/**
 * Platforms in child processes, as an operator runs them: {@code anju run} in a JVM of its own
 * (so that a test can kill it with SIGKILL), its output appended to a log file.
 */
public final class ChildPlatforms {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private ChildPlatforms() {
    }

    /** Starts {@code anju run} on this test's class path in its own JVM and waits until it reports ready. */
    public static Process start(Map<String, String> env, Path log, int httpPort) throws IOException {
        String java = ProcessHandle.current().info().command().orElseThrow();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return startCommand(List.of(java, "-Xmx512m", "-cp", classpath, AnjuMain.class.getName(), "run"), env, log,
                httpPort);
    }

    /** Starts a command that runs a platform, and waits until its HTTP port reports ready. */
    public static Process startCommand(List<String> command, Map<String, String> env, Path log, int httpPort)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command)
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

    /** Returns whether {@code /health/ready} answers 200 on the port. */
    public static boolean ready(int httpPort) throws InterruptedException {
        try {
            return get(httpPort, "/health/ready", Map.of()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    /** Sends a GET to the platform on the port. */
    public static HttpResponse<String> get(int httpPort, String path, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path));
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Returns a port that was free a moment ago. */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
