package org.anju.platform.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One running platform per backend, started on first use and given the test class's fixtures once;
 * for API tests that run on every backend. Close it from {@code @AfterAll}.
 */
public final class PlatformsPerBackend implements AutoCloseable {

    private final Map<String, String> overrides;
    private final Consumer<RunningPlatform> setUp;
    private final Map<String, RunningPlatform> running = new LinkedHashMap<>();

    public PlatformsPerBackend(Map<String, String> overrides, Consumer<RunningPlatform> setUp) {
        this.overrides = overrides;
        this.setUp = setUp;
    }

    /** Returns every backend, for {@code @MethodSource}. */
    public static List<TestDatabases.Backend> backends() {
        return TestDatabases.backends();
    }

    /** Returns the backend's platform, starting and setting it up on first use. */
    public synchronized RunningPlatform on(TestDatabases.Backend backend) {
        return running.computeIfAbsent(backend.name(), name -> {
            try {
                RunningPlatform platform = RunningPlatform.start(backend, overrides);
                setUp.accept(platform);
                return platform;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @Override
    public synchronized void close() {
        running.values().forEach(RunningPlatform::close);
        running.clear();
    }
}
