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
        OnContext context = new OnContext(vertx);
        InFlightLimiter limiter = new InFlightLimiter(1);
        RecordingSocket socket = new RecordingSocket();
        FlowControl flow = new FlowControl(context.context(), socket, limiter, 100);
        context.run(() -> {
            flow.started();
            assertThat(socket.calls).containsExactly("pause");
            flow.ended();
        });
        context.run(() -> assertThat(socket.calls).containsExactly("pause", "resume"));
        assertThat(limiter.total()).isZero();
    }

    @Test
    void aConnectionRegisteringAfterCapacityFreedIsResumedAtOnce(Vertx vertx) throws Exception {
        // the connection saw the bound reached, then every message ended before it registered to wait:
        // no release will come to wake it, so registering must
        OnContext context = new OnContext(vertx);
        InFlightLimiter limiter = new InFlightLimiter(2);
        RecordingSocket socket = new RecordingSocket();
        FlowControl flow = new FlowControl(context.context(), socket, limiter, 100);
        context.run(() -> {
            flow.started();
            flow.started();
            assertThat(socket.calls).containsExactly("pause");
            limiter.forget(flow);
            limiter.release();
            limiter.release();
        });
        context.run(() -> {
            assertThat(socket.calls).as("not waiting: not told").containsExactly("pause");
            limiter.waitForCapacity(flow);
        });
        context.run(() -> assertThat(socket.calls).containsExactly("pause", "resume"));
    }

    @Test
    void everyPausedConnectionReadsAgainOnceAllMessagesEndedConcurrently(Vertx vertx) throws Exception {
        int connections = 8;
        int messagesEach = 200;
        InFlightLimiter limiter = new InFlightLimiter(50);
        List<OnContext> contexts = new ArrayList<>();
        List<RecordingSocket> sockets = new ArrayList<>();
        List<FlowControl> flows = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            OnContext context = new OnContext(vertx);
            RecordingSocket socket = new RecordingSocket();
            contexts.add(context);
            sockets.add(socket);
            flows.add(new FlowControl(context.context(), socket, limiter, 1_000));
        }
        for (int i = 0; i < connections; i++) {
            FlowControl flow = flows.get(i);
            contexts.get(i).run(() -> {
                for (int m = 0; m < messagesEach; m++) {
                    flow.started();
                }
            });
        }
        assertThat(sockets).as("every connection met the bound of 50").allMatch(RecordingSocket::paused);

        // every connection answers its messages on its own event loop, all at the same time
        CountDownLatch ended = new CountDownLatch(connections);
        for (int i = 0; i < connections; i++) {
            FlowControl flow = flows.get(i);
            contexts.get(i).context().runOnContext(v -> {
                for (int m = 0; m < messagesEach; m++) {
                    flow.ended();
                }
                ended.countDown();
            });
        }
        assertThat(ended.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(limiter.total()).isZero();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(sockets)
                .as("no connection left paused with nothing in flight").noneMatch(RecordingSocket::paused));
    }
}
