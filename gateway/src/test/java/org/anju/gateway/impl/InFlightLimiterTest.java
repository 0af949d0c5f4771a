package org.anju.gateway.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The global bound on messages in flight over all connections: counting in and out, which
 * connections it resumes and when, also when capacity frees while a connection registers.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class InFlightLimiterTest {

    @Test
    void acquireTellsWhetherTheTotalIsStillBelowTheBound() {
        InFlightLimiter limiter = new InFlightLimiter(3);
        assertThat(limiter.acquire()).isTrue();
        assertThat(limiter.acquire()).isTrue();
        assertThat(limiter.acquire()).as("the 3rd of 3").isFalse();
        assertThat(limiter.acquire()).as("over the bound: counted all the same").isFalse();
        assertThat(limiter.total()).isEqualTo(4);
        assertThat(limiter.belowBound()).isFalse();
        limiter.release();
        assertThat(limiter.belowBound()).isFalse();
        limiter.release();
        assertThat(limiter.belowBound()).isTrue();
        assertThat(limiter.total()).isEqualTo(2);
    }

    @Test
    void aBoundOfOneResumesWhenNothingIsInFlight(Vertx vertx) throws Exception {
        InFlightLimiter limiter = new InFlightLimiter(1);
        FlowConnection connection = new FlowConnection(vertx, limiter, 100);
        connection.run(() -> {
            connection.started(1);
            assertThat(connection.socket.calls).containsExactly("pause");
            connection.ended(1);
        });
        connection.run(() -> assertThat(connection.socket.calls).containsExactly("pause", "resume"));
        assertThat(limiter.total()).isZero();
    }

    @Test
    void aConnectionRegisteringAfterCapacityFreedIsResumedAtOnce(Vertx vertx) throws Exception {
        // the connection saw the bound reached, then every message ended before it registered to wait:
        // no release will come to wake it, so registering must
        InFlightLimiter limiter = new InFlightLimiter(2);
        FlowConnection connection = new FlowConnection(vertx, limiter, 100);
        connection.run(() -> {
            connection.started(2);
            assertThat(connection.socket.calls).containsExactly("pause");
            limiter.forget(connection.flow);
            limiter.release();
            limiter.release();
        });
        connection.run(() -> {
            assertThat(connection.socket.calls).as("not waiting: not told").containsExactly("pause");
            limiter.waitForCapacity(connection.flow);
        });
        connection.run(() -> assertThat(connection.socket.calls).containsExactly("pause", "resume"));
    }

    @Test
    void everyPausedConnectionReadsAgainOnceAllMessagesEndedConcurrently(Vertx vertx) throws Exception {
        int messagesEach = 200;
        InFlightLimiter limiter = new InFlightLimiter(50);
        List<FlowConnection> connections = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            FlowConnection connection = new FlowConnection(vertx, limiter, 1_000);
            connection.run(() -> connection.started(messagesEach));
            connections.add(connection);
        }
        assertThat(connections).as("every connection met the bound of 50").allMatch(c -> c.socket.paused());

        // every connection answers its messages on its own event loop, all at the same time
        CountDownLatch ended = new CountDownLatch(connections.size());
        for (FlowConnection connection : connections) {
            connection.context.context().runOnContext(v -> {
                connection.ended(messagesEach);
                ended.countDown();
            });
        }
        assertThat(ended.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(limiter.total()).isZero();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(connections)
                .as("no connection left paused with nothing in flight").noneMatch(c -> c.socket.paused()));
    }
}
