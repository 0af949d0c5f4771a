package org.anju.platform.delivery;

import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.vertx.core.json.JsonObject;

import org.anju.error.ClientError;
import org.anju.platform.audit.AuditEntry;
import org.anju.platform.auth.Principal;
import org.anju.platform.auth.Role;
import org.anju.platform.query.ListRequest;
import org.anju.platform.query.Page;

/**
 * Managing subscriptions and reading their delivery log, with authorization: platform
 * administrators manage every subscription, including platform-wide ones (the 119 center);
 * property administrators manage their company's subscriptions whose communities were all given
 * to them (a delivery log shows what happened in those communities); nobody else manages any. A
 * subscription the user may not manage is reported as missing.
 * <p>
 * Blocks on JDBC and name resolution: call it from a worker.
 */
public final class WebhookService {

    /** A new subscription and its signing secret, which is shown this once. */
    public record Created(Subscription subscription, String secret) {
    }

    private static final Set<String> STATUSES = Set.of("pending", "delivered", "dead");

    private final SubscriptionStore subscriptions;
    private final DeliveryStore deliveries;
    private final Channels channels;
    private final TargetPolicy targets;
    private final SecretBox secrets;
    private final Clock clock;
    private final Runnable wakeDispatcher;

    public WebhookService(SubscriptionStore subscriptions, DeliveryStore deliveries, Channels channels,
            TargetPolicy targets, SecretBox secrets, Clock clock, Runnable wakeDispatcher) {
        this.wakeDispatcher = wakeDispatcher;
        this.subscriptions = subscriptions;
        this.deliveries = deliveries;
        this.channels = channels;
        this.targets = targets;
        this.secrets = secrets;
        this.clock = clock;
    }

    /**
     * Creates a subscription from a request body.
     *
     * @param audit written in the transaction that stores it, about the new subscription
     * @throws ClientError 403 when the user may not create it, 400 naming a bad field
     */
    public Created create(Principal user, JsonObject body, AuditEntry audit) {
        requireManager(user);
        SubscriptionSpec spec = SubscriptionSpec.parse(body, channels, targets);
        String tenantId = tenantOf(user, spec);
        checkCommunities(user, tenantId, spec.communityIds());
        targets.resolve(targets.checkUrl(spec.url()));
        String secret = SecretBox.newSecret();
        Subscription created = subscriptions.insert(spec, tenantId, user.username(), secrets.encrypt(secret),
                spec.authorization() == null ? null : secrets.encrypt(spec.authorization()), clock.instant(),
                audit.with("name", spec.name()).with("channel", spec.channel()).with("url", withoutSecrets(spec.url())));
        return new Created(created, secret);
    }

    /** Returns a page of the subscriptions the user manages, newest first. */
    public Page<Subscription> list(Principal user, ListRequest page) {
        requireManager(user);
        // property administrators: their company's subscriptions within their communities (as mayManage says)
        return subscriptions.list(user.has(Role.PLATFORM_ADMIN) ? null : user.tenantId(),
                user.has(Role.PLATFORM_ADMIN) ? null : user.communityIds(), page);
    }

    /** @throws ClientError 404 when there is no such subscription the user may manage */
    public Subscription get(Principal user, long id) {
        requireManager(user);
        return subscriptions.find(id).filter(s -> mayManage(user, s))
                .orElseThrow(() -> ClientError.notFound("no webhook subscription " + id));
    }

    /** Enables or disables a subscription; {@code audit} is written with the change. */
    public Subscription setEnabled(Principal user, long id, boolean enabled, AuditEntry audit) {
        Subscription s = get(user, id);
        subscriptions.setEnabled(id, enabled, audit.forTenant(s.tenantId()).with("enabled", enabled));
        return get(user, id);
    }

    /** Deletes a subscription; {@code audit} is written with the change. */
    public void delete(Principal user, long id, AuditEntry audit) {
        Subscription s = get(user, id);
        subscriptions.delete(id, audit.forTenant(s.tenantId()).with("name", s.name()).with("url", withoutSecrets(s.url())));
    }

    /**
     * Returns a page of the subscription's deliveries under way at some time in the page's range,
     * newest first, each with its attempts.
     */
    public Page<JsonObject> deliveries(Principal user, long id, String status, ListRequest page) {
        get(user, id);
        if (status != null && !STATUSES.contains(status)) {
            throw ClientError.badRequest("'status' must be one of pending, delivered, dead");
        }
        return deliveries.log(id, status, page);
    }

    /**
     * Sends a dead delivery again (after its receiver was fixed): due now, with a new round of
     * attempts and the same idempotency key.
     *
     * @throws ClientError 404 when there is no such delivery of a subscription the user manages, 409
     *                     when the delivery is not dead
     */
    public void retry(Principal user, long subscriptionId, long deliveryId, AuditEntry audit) {
        Subscription s = get(user, subscriptionId);
        switch (deliveries.retryDead(subscriptionId, deliveryId, clock.instant(),
                audit.forTenant(s.tenantId()).with("deliveryId", deliveryId))) {
            case NOT_FOUND -> throw ClientError.notFound("no delivery " + deliveryId + " of webhook subscription "
                    + subscriptionId);
            case NOT_DEAD -> throw new ClientError(ClientError.CONFLICT, "delivery " + deliveryId
                    + " is not dead: only dead deliveries are sent again");
            case RETRIED -> wakeDispatcher.run();
        }
    }

    /** Returns the URL without user info, query and fragment, which may carry credentials: for the audit log. */
    private static String withoutSecrets(String url) {
        try {
            java.net.URI uri = java.net.URI.create(url);
            return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                    + (uri.getRawPath() == null ? "" : uri.getRawPath());
        } catch (IllegalArgumentException e) {
            return "(not a URL)";
        }
    }

    private static void requireManager(Principal user) {
        if (!user.has(Role.PLATFORM_ADMIN) && !(user.has(Role.PROPERTY_ADMIN) && user.tenantId() != null)) {
            throw ClientError.forbidden(user.username()
                    + " may not manage webhooks: platform and property administrators do");
        }
    }

    private static boolean mayManage(Principal user, Subscription s) {
        return user.has(Role.PLATFORM_ADMIN) || (s.tenantId() != null && s.tenantId().equals(user.tenantId())
                && user.has(Role.PROPERTY_ADMIN) && s.communityIds() != null
                && user.communityIds().containsAll(s.communityIds()));
    }

    /** Returns the subscription's tenant: null (platform-wide) only for platform administrators. */
    private String tenantOf(Principal user, SubscriptionSpec spec) {
        if (user.has(Role.PLATFORM_ADMIN)) {
            if (spec.tenantId() != null && !subscriptions.tenantExists(spec.tenantId())) {
                throw ClientError.badRequest("'tenantId': no tenant '" + spec.tenantId() + "'");
            }
            return spec.tenantId();
        }
        if (spec.tenantId() != null && !spec.tenantId().equals(user.tenantId())) {
            throw ClientError.forbidden(user.username() + " may not create subscriptions for tenant '"
                    + spec.tenantId() + "'");
        }
        if (spec.communityIds() == null) {
            throw ClientError.badRequest("'communityIds' is required: property administrators subscribe to "
                    + "communities they were given");
        }
        return user.tenantId();
    }

    private void checkCommunities(Principal user, String tenantId, List<String> communityIds) {
        if (communityIds == null) {
            return;
        }
        if (!user.has(Role.PLATFORM_ADMIN)) {
            Set<String> notGiven = new HashSet<>(communityIds);
            notGiven.removeAll(user.communityIds());
            if (!notGiven.isEmpty()) {
                throw ClientError.forbidden(user.username() + " may not subscribe to communities "
                        + notGiven.stream().sorted().toList());
            }
        }
        Map<String, String> tenants = subscriptions.communityTenants(communityIds);
        for (String community : communityIds) {
            if (!tenants.containsKey(community)) {
                throw ClientError.badRequest("'communityIds': no community '" + community + "'");
            }
            if (tenantId != null && !tenantId.equals(tenants.get(community))) {
                throw ClientError.badRequest("'communityIds': community '" + community + "' is not tenant '"
                        + tenantId + "''s");
            }
        }
    }
}
