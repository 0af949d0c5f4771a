package org.anju.process;

import java.util.Optional;

/**
 * Ends this process (cleanly, through its shutdown hooks) when the process that launched it ends,
 * so that nothing a launcher started (the platform, its embedded database, simulated devices)
 * outlives it, even when the launcher is killed with SIGKILL.
 * <p>
 * The launcher names itself in {@value #ENV}; without it, nothing is watched. Shared by the
 * platform's and the simulators' main classes.
 */
public final class ParentWatch {

    /** The environment variable holding the id of the process to end with. */
    public static final String ENV = "ANJU_EXIT_WITH_PID";

    /** The exit code when the launcher ended first. */
    public static final int EXIT_LAUNCHER_GONE = 1;

    private ParentWatch() {
    }

    /** Watches the process named in {@value #ENV}, if any; exits at once if it has already ended. */
    public static void exitWithParent() {
        String pid = System.getenv(ENV);
        if (pid == null || pid.isBlank()) {
            return;
        }
        Optional<ProcessHandle> parent;
        try {
            parent = ProcessHandle.of(Long.parseLong(pid.strip()));
        } catch (NumberFormatException e) {
            System.err.println("anju: " + ENV + " is not a process id: '" + pid + "'; not watching the launcher");
            return;
        }
        if (parent.isEmpty() || !parent.get().isAlive()) {
            System.err.println("anju: the launcher (pid " + pid + ") has already ended; stopping");
            System.exit(EXIT_LAUNCHER_GONE);
        }
        parent.get().onExit().thenRun(() -> {
            System.err.println("anju: the launcher (pid " + pid + ") ended; stopping");
            System.exit(EXIT_LAUNCHER_GONE);
        });
    }
}
