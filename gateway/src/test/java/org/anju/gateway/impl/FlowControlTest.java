package org.anju.gateway.impl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;

import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One connection's backpressure: it stops reading at its own in-flight limit and reads again at
 * half of it, and it also stops while all connections together are at the global bound, until that
 * has fallen to three quarters. Each connection runs on its own Vert.x context, as in the gateway.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class FlowControlTest {

    private OnContext a;
    private OnContext b;

    @BeforeEach
    void contexts(Vertx vertx) {
        a = new OnContext(vertx);
        b = new OnContext(vertx);
    }

    @Test
    void pausesAtItsOwnLimitAndReadsAgainAtHalf() throws Exception {
        RecordingSocket socket = new RecordingSocket();
        FlowControl flow = new FlowControl(a.context(), socket, new InFlightLimiter(100), 4);
        a.run(() -> {
            started(flow, 3);
            assertThat(socket.calls).as("3 of 4 in flight").isEmpty();
            flow.started();
            assertThat(socket.calls).as("4 of 4").containsExactly("pause");
            flow.started(); // a packet decoded before the pause took effect
            assertThat(socket.calls).as("paused once only").containsExactly("pause");
            ended(flow, 2);
            assertThat(flow.inFlight()).isEqualTo(3);
            assertThat(socket.paused()).as("3 in flight, more than half of 4").isTrue();
            flow.ended();
            assertThat(socket.calls).as("2 in flight: half").containsExactly("pause", "resume");
        });
    }

    @Test
    void pausesAtTheGlobalBoundAndReadsAgainWhenAllHaveFallenToThreeQuarters() throws Exception {
        InFlightLimiter global = new InFlightLimiter(4);
        RecordingSocket socketA = new RecordingSocket();
        RecordingSocket socketB = new RecordingSocket();
        FlowControl flowA = new FlowControl(a.context(), socketA, global, 100);
        FlowControl flowB = new FlowControl(b.context(), socketB, global, 100);
        a.run(() -> started(flowA, 2));
        b.run(() -> {
            started(flowB, 2);
            assertThat(socketB.calls).as("the 4th message overall reached the bound of 4").containsExactly("pause");
        });
        a.run(flowA::ended);
        b.run(() -> assertThat(socketB.paused()).as("3 in flight: not yet below three quarters (3)").isTrue());
        a.run(flowA::ended);
        b.run(() -> assertThat(socketB.calls).as("2 in flight").containsExactly("pause", "resume"));
        assertThat(socketA.calls).as("A never reached a bound").isEmpty();
    }

    @Test
    void belowItsOwnLimitAConnectionStillWaitsWhileAllTogetherAreAtTheBound() throws Exception {
        InFlightLimiter global = new InFlightLimiter(4);
        RecordingSocket socketA = new RecordingSocket();
        RecordingSocket socketB = new RecordingSocket();
        FlowControl flowA = new FlowControl(a.context(), socketA, global, 2);
        FlowControl flowB = new FlowControl(b.context(), socketB, global, 100);
        a.run(() -> {
            started(flowA, 2);
            assertThat(socketA.calls).as("its own limit of 2").containsExactly("pause");
        });
        b.run(() -> started(flowB, 3));
        a.run(() -> {
            flowA.ended();
            assertThat(socketA.paused()).as("1 of 2 in flight, but 4 of 4 overall").isTrue();
        });
        b.run(() -> ended(flowB, 2));
        a.run(() -> assertThat(socketA.calls).as("2 in flight overall").containsExactly("pause", "resume"));
        b.run(() -> assertThat(socketB.calls).as("B paused at the 4th message overall, read again below the bound")
                .containsExactly("pause", "resume"));
    }

    @Test
    void aClosedConnectionIsNotResumed() throws Exception {
        InFlightLimiter global = new InFlightLimiter(4);
        RecordingSocket socketA = new RecordingSocket();
        RecordingSocket socketB = new RecordingSocket();
        FlowControl flowA = new FlowControl(a.context(), socketA, global, 100);
        FlowControl flowB = new FlowControl(b.context(), socketB, global, 100);
        a.run(() -> started(flowA, 3));
        b.run(() -> {
            flowB.started();
            assertThat(socketB.calls).containsExactly("pause");
            flowB.close();
        });
        a.run(() -> ended(flowA, 3));
        b.run(() -> assertThat(socketB.calls).as("gone: nothing to resume").containsExactly("pause"));
        assertThat(global.total()).as("B's message still counts until it ends").isEqualTo(1);
    }

    private static void started(FlowControl flow, int messages) {
        for (int i = 0; i < messages; i++) {
            flow.started();
        }
    }

    private static void ended(FlowControl flow, int messages) {
        for (int i = 0; i < messages; i++) {
            flow.ended();
        }
    }
}
