package org.anju.platform.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One running platform per backend, started on first use and given the test class's fixtures once;
 * for API tests that run on every backend ({@code @MethodSource(TestDatabases.BACKENDS)}).
 * Register it as a static {@code @RegisterExtension} field: it stops the platforms after the class.
 */
public final class PlatformsPerBackend implements AfterAllCallback {

    private final Map<String, String> overrides;
    private final Consumer<RunningPlatform> setUp;
    private final Map<String, RunningPlatform> running = new LinkedHashMap<>();

    public PlatformsPerBackend(Map<String, String> overrides, Consumer<RunningPlatform> setUp) {
        this.overrides = overrides;
        this.setUp = setUp;
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
    public synchronized void afterAll(ExtensionContext context) {
        running.values().forEach(RunningPlatform::close);
        running.clear();
    }
}
