package org.anju.platform.registry;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.impl.ContextInternal;

import org.springframework.security.crypto.bcrypt.BCrypt;

import org.anju.error.ServerError;

/**
 * Salted bcrypt hashes for user passwords and device secrets (Spring Security's implementation).
 * <p>
 * {@link #verify(String, String)} checks a presented secret on a pool of its own, bounded in
 * threads and in waiting checks (the MQTT gateway's device authentication uses it; HTTP log-ins
 * have their own pool, {@code auth.PasswordChecks}): a flood of guesses cannot take the Vert.x
 * worker pool (JDBC of the API and ingest) or more than the pool's threads. A check that would wait longer than {@code maxWait} (estimated from how long recent
 * checks took: about 4 ms at the device secrets' cost 6, 60 ms at cost 10 on this project's
 * machines), or find {@code queue} checks waiting, fails at once as "busy" (a retryable 503)
 * instead of waiting. {@link #hash(String)} and {@link #matches(String, String)} run on the
 * caller's thread (provisioning, which runs on a worker already).
 * <p>
 * bcrypt uses the first {@value #MAX_SECRET_BYTES} bytes of a secret only; longer secrets are
 * refused, so that nobody believes the rest counts.
 */
public final class PasswordHasher implements AutoCloseable {

    /** The longest secret bcrypt takes, in UTF-8 bytes. */
    public static final int MAX_SECRET_BYTES = 72;
    /** Checks that may wait for a hashing thread at most, whatever they cost. */
    public static final int DEFAULT_QUEUE = 10_000;
    /** The longest a check may be expected to wait before it is refused as busy. */
    public static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(20);

    private final int cost;
    // compared against when the account does not exist, so that a miss costs as long as a hit
    private final String decoy;
    private final ThreadPoolExecutor pool;
    private final long maxWaitNanos;
    /** Moving average of how long a check takes, from the decoy's hashing on. */
    private final AtomicLong checkNanos;

    /** A hasher whose checks run on one thread per core, with the default queue and wait. */
    public PasswordHasher(int cost) {
        this(cost, Runtime.getRuntime().availableProcessors(), DEFAULT_QUEUE, DEFAULT_MAX_WAIT);
    }

    /**
     * A hasher whose checks run on {@code threads} threads, with at most {@code queue} waiting and
     * none expected to wait longer than {@code maxWait}.
     *
     * @throws IllegalArgumentException for a cost outside 4..31 or a pool of no thread
     */
    public PasswordHasher(int cost, int threads, int queue, Duration maxWait) {
        if (threads < 1 || queue < 0 || maxWait.isNegative()) {
            throw new IllegalArgumentException("password hashing needs at least one thread, a queue of 0 or more and "
                    + "a wait of zero or more");
        }
        this.cost = cost;
        long started = System.nanoTime();
        this.decoy = BCrypt.hashpw("decoy", BCrypt.gensalt(cost));
        this.checkNanos = new AtomicLong(System.nanoTime() - started);
        this.maxWaitNanos = maxWait.toNanos();
        this.pool = boundedPool("anju-password-hashing-", threads, queue);
    }

    /**
     * Returns a pool for password work: {@code threads} daemon threads named {@code prefix} and a
     * number, at most {@code queue} tasks waiting, and a {@link RejectedExecutionException} at once
     * beyond that (the caller answers "busy"), so that bcrypt never takes more than its threads.
     */
    public static ThreadPoolExecutor boundedPool(String prefix, int threads, int queue) {
        if (threads < 1 || queue < 0) {
            throw new IllegalArgumentException("a password pool needs at least one thread and a queue of 0 or more: "
                    + threads + ", " + queue);
        }
        return new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                queue == 0 ? new SynchronousQueue<>() : new ArrayBlockingQueue<>(queue),
                Thread.ofPlatform().name(prefix, 1).daemon(true).factory(), new ThreadPoolExecutor.AbortPolicy());
    }

    /** Returns whether bcrypt takes the whole secret: at most {@value #MAX_SECRET_BYTES} bytes in UTF-8. */
    public static boolean fits(String secret) {
        return secret.getBytes(UTF_8).length <= MAX_SECRET_BYTES;
    }

    /**
     * Returns a new salted hash of the secret.
     *
     * @throws IllegalArgumentException when the secret is longer than {@value #MAX_SECRET_BYTES} bytes
     */
    public String hash(String secret) {
        if (!fits(secret)) {
            throw new IllegalArgumentException("a secret may have at most " + MAX_SECRET_BYTES + " bytes in UTF-8");
        }
        return BCrypt.hashpw(secret, BCrypt.gensalt(cost));
    }

    /**
     * Returns whether the secret matches the hash, on the caller's thread; with a null hash, spends
     * the same time and says no. A secret longer than bcrypt takes never matches.
     */
    public boolean matches(String secret, String hash) {
        if (!fits(secret)) {
            return false;
        }
        if (hash == null) {
            BCrypt.checkpw(secret, decoy);
            return false;
        }
        try {
            return BCrypt.checkpw(secret, hash);
        } catch (IllegalArgumentException malformedHash) {
            return false;
        }
    }

    /**
     * Checks the secret against the hash on the hashing pool, as {@link #matches(String, String)}.
     * Called on a Vert.x context, the outcome is handled back on it.
     *
     * @return whether it matches; fails at once with a retryable {@link ServerError} 503 when the
     *         check would wait longer than the pool's maximum wait or the queue is full
     */
    public Future<Boolean> verify(String secret, String hash) {
        if (!admits()) {
            return Future.failedFuture(busy());
        }
        Context context = Vertx.currentContext();
        Promise<Boolean> checked = context instanceof ContextInternal internal ? internal.promise() : Promise.promise();
        try {
            pool.execute(() -> {
                long started = System.nanoTime();
                try {
                    checked.complete(matches(secret, hash));
                } catch (RuntimeException e) {
                    checked.fail(e);
                } finally {
                    long took = System.nanoTime() - started;
                    checkNanos.updateAndGet(average -> average + (took - average) / 16);
                }
            });
        } catch (RejectedExecutionException full) {
            return Future.failedFuture(busy());
        }
        return checked.future();
    }

    /**
     * Returns whether a check would be taken now: the checks waiting, at the recent time per check,
     * leave the pool's threads busy for at most its maximum wait, and the queue has room. Lets a
     * caller refuse before it does other work (looking a credential up) for a check that would be
     * refused anyway.
     */
    public boolean admits() {
        long waiting = pool.getQueue().size();
        return pool.getQueue().remainingCapacity() > 0 && !pool.isShutdown()
                && waiting * checkNanos.get() / pool.getMaximumPoolSize() <= maxWaitNanos;
    }

    /** Returns the error of a check refused because the pool is busy (retryable 503). */
    ServerError busy() {
        return ServerError.unavailable("password hashing busy: " + pool.getQueue().size() + " checks waiting for "
                + pool.getMaximumPoolSize() + " threads, " + checkNanos.get() / 1_000_000 + " ms each", null);
    }

    /** Returns the checks waiting for a hashing thread now. */
    public int waiting() {
        return pool.getQueue().size();
    }

    /** Stops the hashing threads once the waiting checks are done; new checks fail as busy. Idempotent. */
    @Override
    public void close() {
        pool.shutdown();
    }
}
