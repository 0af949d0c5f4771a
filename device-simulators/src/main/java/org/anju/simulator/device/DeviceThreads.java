package org.anju.simulator.device;

import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;

/**
 * The one executor all simulated devices share. Paho runs its blocking receiver, sender and
 * callback loops as tasks submitted here: each gets a virtual thread (a platform thread on JDKs
 * before 24, where virtual threads blocked in {@code synchronized}/{@code wait} pin their carrier).
 * Scheduled work (keep-alive pings, device ticks, reconnects) runs on a small pool of platform
 * threads and only hands work on, never blocks.
 */
public final class DeviceThreads extends ScheduledThreadPoolExecutor {

    private static final boolean VIRTUAL = Runtime.version().feature() >= 24;
    private final ThreadFactory loops = VIRTUAL
            ? Thread.ofVirtual().name("anju-device-", 0).factory()
            : Thread.ofPlatform().name("anju-device-", 0).daemon(true).factory();

    /** Creates the shared executor with {@code schedulerThreads} platform threads for scheduled work. */
    public DeviceThreads(int schedulerThreads) {
        super(schedulerThreads, Thread.ofPlatform().name("anju-sim-scheduler-", 0).daemon(true).factory());
        setRemoveOnCancelPolicy(true);
    }

    /** Returns whether Paho's loops run on virtual threads. */
    public static boolean virtual() {
        return VIRTUAL;
    }

    @Override
    public void execute(Runnable command) {
        loops.newThread(command).start();
    }

    @Override
    public Future<?> submit(Runnable task) {
        FutureTask<Void> future = new FutureTask<>(task, null);
        loops.newThread(future).start();
        return future;
    }

    @Override
    public <T> Future<T> submit(Callable<T> task) {
        FutureTask<T> future = new FutureTask<>(task);
        loops.newThread(future).start();
        return future;
    }
}
