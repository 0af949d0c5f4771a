package org.anju.gateway.impl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;

import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
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

    @Test
    void pausesAtItsOwnLimitAndReadsAgainAtHalf(Vertx vertx) throws Exception {
        FlowConnection a = new FlowConnection(vertx, new InFlightLimiter(100), 4);
        a.run(() -> {
            a.started(3);
            assertThat(a.socket.calls).as("3 of 4 in flight").isEmpty();
            a.flow.started();
            assertThat(a.socket.calls).as("4 of 4").containsExactly("pause");
            a.flow.started(); // a packet decoded before the pause took effect
            assertThat(a.socket.calls).as("paused once only").containsExactly("pause");
            a.ended(2);
            assertThat(a.flow.inFlight()).isEqualTo(3);
            assertThat(a.socket.paused()).as("3 in flight, more than half of 4").isTrue();
            a.flow.ended();
            assertThat(a.socket.calls).as("2 in flight: half").containsExactly("pause", "resume");
        });
    }

    @Test
    void pausesAtTheGlobalBoundAndReadsAgainWhenAllHaveFallenToThreeQuarters(Vertx vertx) throws Exception {
        InFlightLimiter global = new InFlightLimiter(4);
        FlowConnection a = new FlowConnection(vertx, global, 100);
        FlowConnection b = new FlowConnection(vertx, global, 100);
        a.run(() -> a.started(2));
        b.run(() -> {
            b.started(2);
            assertThat(b.socket.calls).as("the 4th message overall reached the bound of 4").containsExactly("pause");
        });
        a.run(() -> a.ended(1));
        b.run(() -> assertThat(b.socket.paused()).as("3 in flight: not yet below three quarters (3)").isTrue());
        a.run(() -> a.ended(1));
        b.run(() -> assertThat(b.socket.calls).as("2 in flight").containsExactly("pause", "resume"));
        assertThat(a.socket.calls).as("A never reached a bound").isEmpty();
    }

    @Test
    void belowItsOwnLimitAConnectionStillWaitsWhileAllTogetherAreAtTheBound(Vertx vertx) throws Exception {
        InFlightLimiter global = new InFlightLimiter(4);
        FlowConnection a = new FlowConnection(vertx, global, 2);
        FlowConnection b = new FlowConnection(vertx, global, 100);
        a.run(() -> {
            a.started(2);
            assertThat(a.socket.calls).as("its own limit of 2").containsExactly("pause");
        });
        b.run(() -> b.started(3));
        a.run(() -> {
            a.ended(1);
            assertThat(a.socket.paused()).as("1 of 2 in flight, but 4 of 4 overall").isTrue();
        });
        b.run(() -> b.ended(2));
        a.run(() -> assertThat(a.socket.calls).as("2 in flight overall").containsExactly("pause", "resume"));
        b.run(() -> assertThat(b.socket.calls).as("B paused at the 4th message overall, read again below the bound")
                .containsExactly("pause", "resume"));
    }

    @Test
    void aClosedConnectionIsNotResumed(Vertx vertx) throws Exception {
        InFlightLimiter global = new InFlightLimiter(4);
        FlowConnection a = new FlowConnection(vertx, global, 100);
        FlowConnection b = new FlowConnection(vertx, global, 100);
        a.run(() -> a.started(3));
        b.run(() -> {
            b.started(1);
            assertThat(b.socket.calls).containsExactly("pause");
            b.flow.close();
        });
        a.run(() -> a.ended(3));
        b.run(() -> assertThat(b.socket.calls).as("gone: nothing to resume").containsExactly("pause"));
        assertThat(global.total()).as("B's message still counts until it ends").isEqualTo(1);
    }
}
