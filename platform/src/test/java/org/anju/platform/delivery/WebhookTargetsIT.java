package org.anju.platform.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.TrustOptions;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import org.anju.platform.audit.AuditEntry;
import org.anju.platform.auth.Principal;
import org.anju.platform.auth.Role;
import org.anju.platform.config.AnjuConfig;
import org.anju.platform.delivery.DispatcherRig.Dispatcher;
import org.anju.platform.testing.Fixtures;
import org.anju.platform.testing.Receiver;
import org.anju.platform.testing.TestCertificates;
import org.anju.platform.testing.TestClock;
import org.anju.platform.testing.TestSql;

/**
 * Where the dispatcher connects: to the one address its check resolved and approved, never to
 * what a second lookup of the name would answer (DNS rebinding), with the name kept in the Host
 * header, TLS SNI and certificate verification. Names are resolved by a resolver the test
 * controls; receivers are real HTTP and HTTPS servers on loopback.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class WebhookTargetsIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Principal ROOT = new Principal("root", "Root", null, Set.of(Role.PLATFORM_ADMIN), Set.of());
    private static final String RECEIVER_NAME = "hooks.example.test";
    /** A public address: the sandbox need not reach it, only never reach the loopback receiver instead. */
    private static final String PUBLIC = "8.8.8.8";

    @TempDir
    static Path certificateDir;
    private static TestCertificates.Certificate receiverCertificate;
    private static TestCertificates.Certificate otherCertificate;

    private final TestClock clock = new TestClock(Instant.parse("2026-03-01T08:00:00Z"));
    private DispatcherRig rig;

    @BeforeAll
    static void certificates() throws Exception {
        receiverCertificate = TestCertificates.selfSigned(certificateDir, RECEIVER_NAME);
        otherCertificate = TestCertificates.selfSigned(certificateDir, "other.example.test");
    }

    @BeforeEach
    void setUp() throws Exception {
        rig = DispatcherRig.open(clock);
    }

    @AfterEach
    void tearDown() throws Exception {
        rig.close();
    }

    @Test
    void aNameThatRebindsToLoopbackAfterItsCheckIsNeverConnectedTo() throws Exception {
        // GIVEN a name whose every other lookup answers loopback, as a rebinding DNS server does;
        // "localhost" so that any lookup outside the policy's resolver also lands on the receiver
        AtomicInteger lookups = new AtomicInteger();
        TargetPolicy.HostResolver rebinding = host -> new InetAddress[] {
                InetAddress.getByName(lookups.incrementAndGet() % 2 == 1 ? PUBLIC : "127.0.0.1")};
        Receiver receiver = receiver(Receiver.start());
        Dispatcher d = dispatcher(new TargetPolicy(false, rebinding), null);
        subscribe(d, "http://localhost:" + receiver.port() + "/hooks/anju");
        assertThat(lookups).as("the subscription's check saw the public address").hasValue(1);

        // WHEN two attempts run: the first check sees loopback, the second the public address
        append(d);
        awaitAttempts(1);
        clock.advance(Duration.ofMinutes(1));
        d.dispatcher().wake();
        awaitAttempts(2);

        // THEN one lookup per attempt, and neither attempt reached the loopback receiver
        assertThat(lookups).hasValue(3);
        assertThat(receiver.requests()).isEmpty();
        List<String> errors = TestSql.rows(rig.dataSource(), "SELECT error FROM webhook_attempts ORDER BY attempt");
        assertThat(errors.get(0)).isEqualTo("host 'localhost' resolves to a loopback (127.0.0.0/8) address; "
                + "such receivers need webhooks.allowPrivateTargets");
        assertThat(errors.get(1)).as("the second attempt went to the address it checked").contains(PUBLIC);
        assertThat(status()).isEqualTo("pending");
    }

    @Test
    void anHttpsReceiverIsReachedAtTheCheckedAddressWithItsNameInHostAndSni() throws Exception {
        Receiver receiver = receiver(Receiver.startTls(receiverCertificate.keyCert()));
        // the system's resolver does not know the name: only a connection to the checked address arrives
        Dispatcher d = dispatcher(new TargetPolicy(true, WebhookTargetsIT::receiverOnLoopback),
                receiverCertificate.trust());
        subscribe(d, "https://" + RECEIVER_NAME + ":" + receiver.port() + "/hooks/anju?source=anju");

        append(d);
        Awaitility.await().atMost(WAIT).until(() -> status().equals("delivered"));

        Receiver.Request request = receiver.requests().get(0);
        assertThat(request.serverName()).isEqualTo(RECEIVER_NAME);
        assertThat(request.headers().get("Host")).isEqualTo(RECEIVER_NAME + ":" + receiver.port());
        assertThat(new JsonObject(request.body()).getString("topic")).isEqualTo("alert.opened");
    }

    @Test
    void aReceiverWhoseCertificateNamesAnotherHostIsRefused() throws Exception {
        Receiver receiver = receiver(Receiver.startTls(otherCertificate.keyCert()));
        PemTrustOptions bothTrusted = receiverCertificate.trust().addCertPath(otherCertificate.pem().toString());
        Dispatcher d = dispatcher(new TargetPolicy(true, WebhookTargetsIT::receiverOnLoopback), bothTrusted);
        subscribe(d, "https://" + RECEIVER_NAME + ":" + receiver.port() + "/hooks/anju");

        append(d);
        awaitAttempts(1);

        assertThat(receiver.requests()).isEmpty();
        assertThat(TestSql.rows(rig.dataSource(), "SELECT error FROM webhook_attempts")).singleElement()
                .asString().contains("No subject alternative DNS name matching " + RECEIVER_NAME);
    }

    private static InetAddress[] receiverOnLoopback(String host) throws UnknownHostException {
        if (!host.equals(RECEIVER_NAME)) {
            throw new UnknownHostException(host);
        }
        return new InetAddress[] {InetAddress.getByName("127.0.0.1")};
    }

    private Dispatcher dispatcher(TargetPolicy targets, TrustOptions trust) {
        AnjuConfig.Webhooks settings = new AnjuConfig.Webhooks(Duration.ofHours(1), Duration.ofSeconds(1),
                Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofMinutes(1), 4, 8, false, "");
        return rig.dispatcher(settings, targets, trust, new SimpleMeterRegistry());
    }

    private Receiver receiver(Receiver receiver) {
        return rig.closeAtEnd(receiver);
    }

    private static void subscribe(Dispatcher d, String url) {
        d.service().create(ROOT, new JsonObject().put("name", "119 center").put("url", url)
                .put("topics", List.of("alert.*")), AuditEntry.of("webhook.created", "root", null, "127.0.0.1", null));
    }

    private void append(Dispatcher d) {
        Notifications.append(rig.dataSource(), d.outbox(),
                List.of(Notifications.of("alert.opened", Fixtures.TENANT, Fixtures.COMMUNITY, false, "lift stuck")));
    }

    private void awaitAttempts(int n) {
        Awaitility.await().atMost(WAIT).until(() -> attempts() >= n);
        assertThat(attempts()).isEqualTo(n);
    }

    private int attempts() {
        List<String> rows = TestSql.rows(rig.dataSource(), "SELECT attempts FROM webhook_deliveries");
        return rows.isEmpty() ? 0 : Integer.parseInt(rows.get(0));
    }

    private String status() {
        List<String> rows = TestSql.rows(rig.dataSource(), "SELECT status FROM webhook_deliveries");
        return rows.isEmpty() ? "none" : rows.get(0);
    }
}
