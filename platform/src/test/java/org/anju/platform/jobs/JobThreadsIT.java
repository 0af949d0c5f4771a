package org.anju.platform.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.anju.platform.testing.RunningPlatform;

/**
 * A closed platform leaves none of its job threads behind: each capability's cluster-wide jobs
 * (storage, presence, alerts, usage, maintenance plans, forecasts, overdue work, …) stop with it, so
 * a process that restarts the platform (the tests, an embedding application) does not collect
 * pools that keep retrying against a closed database.
 */
@Timeout(120)
class JobThreadsIT {

    @Test
    void closingThePlatformStopsEveryJobThreadItStarted() throws Exception {
        Set<Thread> before = jobThreads();
        Set<String> started;
        try (RunningPlatform running = RunningPlatform.start(Map.of())) {
            started = jobThreads().stream().filter(t -> !before.contains(t)).map(Thread::getName)
                    .collect(Collectors.toSet());
            assertThat(started).as("the platform's job pools").anyMatch(n -> n.startsWith("anju-maintenance-plans-"))
                    .anyMatch(n -> n.startsWith("anju-storage-"));
        }
        Awaitility.await().atMost(20, TimeUnit.SECONDS).untilAsserted(() -> assertThat(jobThreads().stream()
                .filter(t -> !before.contains(t)).map(Thread::getName)).as("job threads alive after close").isEmpty());
    }

    /** The live threads of the platforms' job pools ({@code anju-<jobs>-<n>}, see PeriodicJobs). */
    private static Set<Thread> jobThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().matches("anju-[a-z-]+-\\d+"))
                .collect(Collectors.toSet());
    }
}
