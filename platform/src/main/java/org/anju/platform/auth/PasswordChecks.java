package org.anju.platform.auth;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;

import org.anju.error.ServerError;
import org.anju.platform.registry.PasswordHasher;

/**
 * The bounded pool on which user passwords are checked and hashed (bcrypt, about 64 ms of one
 * core each at cost 10): a fixed number of threads and a short queue. When both are full, new
 * work is refused at once with a retryable 503 instead of waiting, so that a flood of log-ins
 * costs at most {@code threads} cores and never starves the API's event loops, the database
 * workers or ingest.
 * <p>
 * (Device secrets are checked by the gateway's own pool in {@code registry/PasswordHasher}.)
 */
public final class PasswordChecks implements AutoCloseable {

    private final ThreadPoolExecutor pool;

    /**
     * @param threads checks running at once (cores given to bcrypt at most)
     * @param queue   checks waiting for a thread before new ones are refused
     */
    public PasswordChecks(int threads, int queue) {
        this.pool = PasswordHasher.boundedPool("anju-password-", threads, queue);
    }

    /**
     * Runs password work on the pool.
     *
     * @return completes with the work's result or exception; completes at once with a retryable
     *         {@link ServerError} 503 when the pool and its queue are full or it is closed
     */
    public <T> CompletableFuture<T> submit(Callable<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            pool.execute(() -> {
                try {
                    result.complete(work.call());
                } catch (Throwable e) {
                    result.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            // not a failure of a dependency: the message is for the caller, the rejection needs no trace
            result.completeExceptionally(ServerError.unavailable("too many log-ins at once: try again in a moment", null));
        }
        return result;
    }

    /** Stops taking work; running checks finish. Idempotent. */
    @Override
    public void close() {
        pool.shutdown();
    }
}
