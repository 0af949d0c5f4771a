package org.anju.process;

/**
 * Ends this process (cleanly, through its shutdown hooks) when the process that launched it, its
 * parent, ends, so that nothing a launcher started (the platform, its embedded database, simulated
 * devices) outlives it, even when the launcher is killed with SIGKILL.
 * <p>
 * The launcher names itself in {@value #ENV}; without it, nothing is watched. Shared by the
 * platform's and the simulators' main classes.
 */
public final class ParentWatch {

    /** The environment variable holding the id of the process to end with. */
    public static final String ENV = "ANJU_EXIT_WITH_PID";

    /** The exit code when the launcher ended first. */
    public static final int EXIT_LAUNCHER_GONE = 1;

    private static final long POLL_MS = 500;

    private ParentWatch() {
    }

    /** Watches the process named in {@value #ENV}, if any; exits at once if it has already ended. */
    public static void exitWithParent() {
        String pid = System.getenv(ENV);
        if (pid == null || pid.isBlank()) {
            return;
        }
        long launcher;
        try {
            launcher = Long.parseLong(pid.strip());
        } catch (NumberFormatException e) {
            System.err.println("anju: " + ENV + " is not a process id: '" + pid + "'; not watching the launcher");
            return;
        }
        if (!launcherAlive(launcher)) {
            System.err.println("anju: the launcher (pid " + launcher + ") has already ended; stopping");
            System.exit(EXIT_LAUNCHER_GONE);
        }
        Thread watch = new Thread(() -> {
            while (launcherAlive(launcher)) {
                try {
                    Thread.sleep(POLL_MS);
                } catch (InterruptedException e) {
                    return;
                }
            }
            System.err.println("anju: the launcher (pid " + launcher + ") ended; stopping");
            System.exit(EXIT_LAUNCHER_GONE);
        }, "anju-launcher-watch");
        watch.setDaemon(true);
        watch.start();
    }

    /**
     * The launcher is our parent: when it dies we are given another parent at once, even while it
     * is still a zombie that {@link ProcessHandle#isAlive()} would report alive.
     */
    private static boolean launcherAlive(long launcher) {
        return ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L) == launcher
                && ProcessHandle.of(launcher).map(ProcessHandle::isAlive).orElse(false);
    }
}
