package org.anju.platform.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.anju.error.ClientError;

/**
 * Calls of the services under test: many at once (released together by one latch, for races of
 * idempotent operations), and refused ones with their status.
 */
public final class AtOnce {

    private AtOnce() {
    }

    /**
     * Runs the calls on threads of their own, released at the same moment; returns, in order, each
     * call's result or the {@link ClientError} it threw.
     */
    public static List<Object> run(List<Callable<Object>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Object>> futures = new ArrayList<>();
            for (Callable<Object> call : calls) {
                futures.add(pool.submit(() -> {
                    start.await();
                    try {
                        return call.call();
                    } catch (ClientError e) {
                        return e;
                    }
                }));
            }
            start.countDown();
            List<Object> results = new ArrayList<>();
            for (Future<Object> f : futures) {
                results.add(f.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Asserts that the call is refused with a {@link ClientError} of this status. */
    public static void assertRefused(Runnable call, int status) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ClientError.class,
                e -> assertThat(e.code()).isEqualTo(status));
    }
}
