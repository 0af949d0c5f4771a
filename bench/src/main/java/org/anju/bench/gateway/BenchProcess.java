package org.anju.bench.gateway;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A child process of the benchmark (a JVM running one of this package's mains, or mosquitto),
 * read line by line.
 */
public final class BenchProcess implements AutoCloseable {

    private final Process process;
    private final BufferedReader out;
    private final PrintWriter in;

    private BenchProcess(Process process) {
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream()));
        this.in = new PrintWriter(process.getOutputStream(), true);
    }

    /** Starts a JVM with this JVM's class path running {@code mainClass}. */
    public static BenchProcess java(Class<?> mainClass, String heap, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap, "-XX:+UseParallelGC", "-cp", System.getProperty("java.class.path")));
        if (Runtime.version().feature() >= 24) {
            command.add("--sun-misc-unsafe-memory-access=allow");
        }
        command.add(mainClass.getName());
        command.addAll(List.of(args));
        return new BenchProcess(new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start());
    }

    /** Starts a program whose output nobody reads (a full pipe would block it mid-benchmark). */
    static BenchProcess command(String... command) throws IOException {
        return new BenchProcess(new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
    }

    /** Reads the next line; null when the process has ended. */
    public String readLine() throws IOException {
        return out.readLine();
    }

    /** Reads lines until one starts with {@code prefix}; fails when the process ends first. */
    public String awaitLine(String prefix) throws IOException {
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith(prefix)) {
                return line;
            }
        }
        throw new IOException("benchmark process ended without printing '" + prefix + "'");
    }

    void send(String line) {
        in.println(line);
    }

    long pid() {
        return process.pid();
    }

    /** Asks the process to quit and waits for it, so that runs never overlap. */
    @Override
    public void close() {
        in.println("quit");
        try {
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
