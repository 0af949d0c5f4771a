package org.anju.platform.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the embedded database server of a process that ended without stopping it (the JVM was
 * killed: the server, started as its child, lives on and holds the data folder and its port) and
 * stops it, so that the next start comes up on the first try instead of waiting for a server that
 * cannot start beside it.
 * <p>
 * A server whose owner is still running is left alone: zonky holds an exclusive lock on a file in
 * the data folder for as long as its process lives, and that lock dies with the process.
 */
final class OrphanPostmaster {

    /** The file in which PostgreSQL records the postmaster's process id (first line) while it runs. */
    static final String PID_FILE = "postmaster.pid";
    /** The file zonky locks while its process runs the server. */
    private static final String OWNER_LOCK = "epg-lock";
    private static final long STOP_WAIT_S = 60;

    private static final Logger LOG = LoggerFactory.getLogger(OrphanPostmaster.class);

    private OrphanPostmaster() {
    }

    /**
     * Stops the server recorded in the data folder if its process is alive and no live process
     * owns it; does nothing when there is no such server.
     *
     * @throws IllegalStateException when another live process owns the folder, or the orphan does not stop
     */
    static void stopIfLeftBehind(Path dataDir) throws IOException {
        Optional<ProcessHandle> postmaster = runningPostmaster(dataDir);
        if (postmaster.isEmpty()) {
            return;
        }
        long pid = postmaster.get().pid();
        if (ownedByLiveProcess(dataDir)) {
            throw new IllegalStateException("the database folder " + dataDir + " is in use by another running Anju"
                    + " process (its database server has pid " + pid + "); stop that one first");
        }
        LOG.warn("the database server (pid {}) of a process that ended without stopping it still runs over {}; "
                + "stopping it before starting again", pid, dataDir);
        // SIGTERM is PostgreSQL's smart shutdown: the dead process's connections are gone, so it ends at once
        postmaster.get().destroy();
        try {
            postmaster.get().onExit().get(STOP_WAIT_S, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping the left-behind database server " + pid, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the left-behind database server (pid " + pid + ") over " + dataDir
                    + " did not stop within " + STOP_WAIT_S + " s", e);
        }
        LOG.info("left-behind database server stopped [pid: {}]", pid);
    }

    /** Returns the live postmaster the pid file names, if the file exists and its process is a PostgreSQL server. */
    static Optional<ProcessHandle> runningPostmaster(Path dataDir) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(dataDir.resolve(PID_FILE));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        long pid;
        try {
            pid = Long.parseLong(lines.get(0).strip());
        } catch (NumberFormatException e) {
            return Optional.empty(); // half-written by a server that died starting; PostgreSQL replaces it
        }
        // a stale file can name a process id that an unrelated process has since been given
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(true));
    }

    private static boolean ownedByLiveProcess(Path dataDir) throws IOException {
        Path lockFile = dataDir.resolve(OWNER_LOCK);
        if (!Files.exists(lockFile)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return true;
            }
            lock.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true; // this very process runs it
        }
    }
}
