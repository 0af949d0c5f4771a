package org.anju.gateway.impl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.handler.codec.mqtt.MqttProperties;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.anju.error.ClientError;
import org.anju.error.ServerError;

/**
 * PUBACKs in arrival order (MQTT-4.6.0-2), each once its message's outcome is known or its wait
 * timed out; failures as MQTT 5 reason codes, or a closed MQTT 3.1.1 connection.
 * <p>
 * The acknowledgement timeout is a Vert.x timer; messages are given start times long past or far
 * ahead, so which of them times out does not depend on how fast the machine is.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class OrderedAcksTest {

    private static final long TIMEOUT = TimeUnit.MILLISECONDS.toNanos(50);
    private static final long LONG_AGO = TimeUnit.SECONDS.toNanos(10);
    private static final long AN_HOUR = TimeUnit.HOURS.toNanos(1);
    private static final AsyncResult<Void> STORED = Future.succeededFuture();

    private OnContext connection;
    private RecordingEndpoint device;
    private final AtomicInteger connectionsFailed = new AtomicInteger();

    @BeforeEach
    void connection(Vertx vertx) {
        connection = new OnContext(vertx);
        device = new RecordingEndpoint(connection.context());
    }

    @Test
    void pubacksFollowArrivalOrderWhateverOrderStorageCompletes(Vertx vertx) throws Exception {
        OrderedAcks acks = acks(vertx, false, AN_HOUR);
        connection.run(() -> {
            OrderedAcks.Pending first = pending(acks, 1);
            OrderedAcks.Pending second = pending(acks, 2);
            OrderedAcks.Pending third = pending(acks, 3);
            acks.complete(third, STORED);
            acks.complete(second, STORED);
            assertThat(device.pubacks).as("the first message is not stored yet").isEmpty();
            acks.complete(first, STORED);
            assertThat(device.pubacks).containsExactly("puback 1", "puback 2", "puback 3");
        });
    }

    @Test
    void aSkippedMessageGetsNoPubackAndHoldsNoneBack(Vertx vertx) throws Exception {
        OrderedAcks acks = acks(vertx, false, AN_HOUR);
        connection.run(() -> {
            OrderedAcks.Pending first = pending(acks, 1);
            OrderedAcks.Pending second = pending(acks, 2);
            acks.skip(3);
            acks.complete(second, STORED);
            acks.skip(first);
            assertThat(device.pubacks).containsExactly("puback 2");
            assertThat(connectionsFailed).hasValue(0);
        });
    }

    @Test
    void outcomesCompletedOnOtherThreadsAreAcknowledgedOnTheConnectionsContext(Vertx vertx) throws Exception {
        OrderedAcks acks = acks(vertx, true, AN_HOUR);
        Promise<Void> first = Promise.promise();
        Promise<Void> second = Promise.promise();
        connection.run(() -> {
            acks.add(7, first.future());
            acks.add(8, second.future());
        });
        // the downstream completes on its own threads (the database writer), second first
        Thread.ofPlatform().start(second::complete).join();
        Thread.ofPlatform().start(first::complete).join();

        assertThat(device.next()).isEqualTo("puback 7");
        assertThat(device.next()).isEqualTo("puback 8");
        assertThat(device.offContext).isEmpty();
    }

    @Test
    void mqtt5FailuresAreToldByReasonCodeAndReasonString(Vertx vertx) throws Exception {
        OrderedAcks acks = acks(vertx, true, AN_HOUR);
        connection.run(() -> {
            complete(acks, 1, ClientError.badRequest("smoke_detector telemetry: field 'battery' is required"));
            complete(acks, 2, ServerError.unavailable("database down: connection refused to 10.0.0.5", null));
            complete(acks, 3, new PublishPipeline.RefusedMessage(Refusal.NOT_AUTHORIZED,
                    "dev-1@acme may not publish for tenant other"));
            complete(acks, 4, ClientError.forbidden("dev-1@acme is not registered as a gateway of dev-9"));
            acks.complete(pending(acks, 5), STORED);
        });
        assertThat(device.pubacks).containsExactly(
                "puback 1 PAYLOAD_FORMAT_INVALID smoke_detector telemetry: field 'battery' is required",
                "puback 2 UNSPECIFIED_ERROR not stored, try again later",
                "puback 3 NOT_AUTHORIZED dev-1@acme may not publish for tenant other",
                "puback 4 NOT_AUTHORIZED dev-1@acme is not registered as a gateway of dev-9",
                "puback 5");
        assertThat(connectionsFailed).hasValue(0);
    }

    @Test
    void mqtt311FailureClosesTheConnectionAndAcknowledgesNothingAfter(Vertx vertx) throws Exception {
        OrderedAcks acks = acks(vertx, false, AN_HOUR);
        connection.run(() -> {
            OrderedAcks.Pending first = pending(acks, 1);
            OrderedAcks.Pending second = pending(acks, 2);
            OrderedAcks.Pending third = pending(acks, 3);
            acks.complete(first, STORED);
            acks.complete(third, STORED);
            acks.complete(second, Future.failedFuture(ServerError.unavailable("database down", null)));
            assertThat(device.pubacks).as("3.1.1 has no negative PUBACK: the device sends 2 and 3 again")
                    .containsExactly("puback 1");
            assertThat(connectionsFailed).hasValue(1);
            acks.complete(pending(acks, 4), STORED);
        });
        assertThat(device.pubacks).containsExactly("puback 1");
        assertThat(connectionsFailed).hasValue(1);
    }

    @Test
    void aMessageNotStoredInTimeIsRefusedAndItsLateOutcomeIgnored(Vertx vertx) throws Exception {
        OrderedAcks acks = acks(vertx, true, TIMEOUT);
        OrderedAcks.Pending[] pending = new OrderedAcks.Pending[2];
        connection.run(() -> {
            pending[0] = acks.add(1, System.nanoTime() - LONG_AGO);
            pending[1] = acks.add(2, System.nanoTime() + AN_HOUR);
        });
        assertThat(device.next()).as("the timer acted on the overdue message only")
                .isEqualTo("puback 1 UNSPECIFIED_ERROR not stored, try again later");
        connection.run(() -> {
            acks.complete(pending[0], STORED);
            assertThat(device.pubacks).as("already answered").isEmpty();
            acks.complete(pending[1], STORED);
            assertThat(device.pubacks).containsExactly("puback 2");
        });
    }

    @Test
    void mqtt311TimeoutClosesTheConnection(Vertx vertx, VertxTestContext test) throws Exception {
        Runnable failConnection = () -> test.verify(() -> {
            assertThat(device.pubacks).as("3.1.1 has no negative PUBACK").isEmpty();
            test.completeNow();
        });
        OrderedAcks acks = new OrderedAcks(vertx, connection.context(), device.endpoint, false, failConnection, TIMEOUT);
        connection.run(() -> acks.add(1, System.nanoTime() - LONG_AGO));
    }

    @Test
    void aClosedConnectionSendsNoPuback(Vertx vertx) throws Exception {
        OrderedAcks acks = acks(vertx, true, AN_HOUR);
        connection.run(() -> {
            OrderedAcks.Pending first = pending(acks, 1);
            pending(acks, 2);
            acks.close();
            acks.complete(first, STORED);
            assertThat(device.pubacks).isEmpty();
            assertThat(connectionsFailed).hasValue(0);
        });
    }

    @Test
    void aReasonStringIsCutAt512Characters() {
        String reason = OrderedAcks.reason(ClientError.badRequest("x".repeat(600)))
                .getProperty(MqttProperties.MqttPropertyType.REASON_STRING.value())
                .value().toString();
        assertThat(reason).hasSize(512);
    }

    private OrderedAcks acks(Vertx vertx, boolean mqtt5, long timeoutNanos) {
        return new OrderedAcks(vertx, connection.context(), device.endpoint, mqtt5, connectionsFailed::incrementAndGet,
                timeoutNanos);
    }

    /** Queues a message received now. */
    private static OrderedAcks.Pending pending(OrderedAcks acks, int messageId) {
        return acks.add(messageId, System.nanoTime());
    }

    private static void complete(OrderedAcks acks, int messageId, Throwable failure) {
        acks.complete(pending(acks, messageId), Future.failedFuture(failure));
    }
}
