package org.anju.platform.api;

import java.util.Set;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import org.anju.error.ClientError;
import org.anju.platform.audit.AuditEntry;
import org.anju.platform.auth.Actor;
import org.anju.platform.auth.Principal;
import org.anju.platform.auth.Role;
import org.anju.platform.auth.Sessions;
import org.anju.platform.auth.UserAccounts;
import org.anju.platform.provisioning.CommunityProvisioning;
import org.anju.platform.provisioning.DeviceSwitches;
import org.anju.platform.provisioning.ItemError;
import org.anju.platform.provisioning.ProvisioningRejected;
import org.anju.platform.provisioning.ProvisioningRequests;
import org.anju.platform.provisioning.ProvisioningResult;
import org.anju.platform.provisioning.TrustedCaProvisioning;

/**
 * Bulk, idempotent provisioning of tenants, communities with buildings, devices with
 * credentials (what the community generator calls), and the CAs a tenant trusts for its devices'
 * client certificates. Platform admins provision any tenant;
 * property admins their own tenant's communities. A rejected request answers
 * {@code {"error": {"code", "message", "items": [{"index", "field", "path", "message"}]}}}.
 */
final class ProvisioningRoutes {

    /** Bodies of up to {@value ProvisioningRequests#MAX_DEVICES_PER_REQUEST} devices fit. */
    static final long MAX_BODY_BYTES = 4L * 1024 * 1024;
    static final String PREFIX = "/api/v1/provisioning/";

    private final Vertx vertx;
    private final CommunityProvisioning provisioning;
    private final Sessions sessions;
    private final LiveDeviceUpdates deviceUpdates;

    ProvisioningRoutes(Vertx vertx, CommunityProvisioning provisioning, Sessions sessions,
            LiveDeviceUpdates deviceUpdates) {
        this.vertx = vertx;
        this.provisioning = provisioning;
        this.sessions = sessions;
        this.deviceUpdates = deviceUpdates;
    }

    /** The body handler of the provisioning routes, whose bodies may be larger than the API's others. */
    static BodyHandler bodyHandler() {
        return BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES);
    }

    void mount(Router router, Handler<RoutingContext> authenticated) {
        router.put(PREFIX + "tenants/:tenantId").handler(authenticated).handler(this::tenant)
                .failureHandler(ProvisioningRoutes::rejected);
        router.put(PREFIX + "tenants/:tenantId/communities/:communityId").handler(authenticated)
                .handler(this::community).failureHandler(ProvisioningRoutes::rejected);
        router.post(PREFIX + "tenants/:tenantId/communities/:communityId/devices").handler(authenticated)
                .handler(this::devices).failureHandler(ProvisioningRoutes::rejected);
        router.put(PREFIX + "tenants/:tenantId/trusted-cas").handler(authenticated).handler(this::trustedCas)
                .failureHandler(ProvisioningRoutes::rejected);
        router.put(PREFIX + "devices/:deviceId/enabled").handler(authenticated).handler(this::deviceEnabled);
    }

    private void tenant(RoutingContext ctx) {
        String tenantId = slug(ctx, "tenantId");
        Principal user = AuthRoutes.principal(ctx);
        if (!user.has(Role.PLATFORM_ADMIN)) {
            throw ClientError.forbidden(user.username() + " may not create tenants (platform_admin only)");
        }
        String name = ProvisioningRequests.tenantName(ctx.body().asString());
        Responses.json(ctx, vertx.executeBlocking(() -> provisioning.tenant(tenantId, name), false));
    }

    /** A property administrator who creates a community is given it at once (platform admins see all anyway). */
    private void community(RoutingContext ctx) {
        String tenantId = slug(ctx, "tenantId");
        String communityId = slug(ctx, "communityId");
        Principal user = AuthRoutes.principal(ctx);
        requireProvisioner(user, tenantId);
        String body = ctx.body().asString();
        Actor actor = AuthRoutes.actor(ctx);
        boolean platformAdmin = user.has(Role.PLATFORM_ADMIN);
        CommunityProvisioning.OnCreated giveToCreator = platformAdmin ? (tx, id) -> { }
                : (tx, id) -> UserAccounts.grantCreatedCommunity(tx, actor, id);
        CommunityProvisioning.MayChangeExisting mayChange = platformAdmin ? CommunityProvisioning.MayChangeExisting.ANY
                : id -> requireOwnCommunity(user, id);
        Responses.json(ctx, vertx.executeBlocking(() -> {
            ProvisioningResult result = provisioning.community(tenantId, communityId,
                    ProvisioningRequests.community(body), giveToCreator, mayChange);
            sessions.userChanged(user.username());
            return result;
        }, false));
    }

    private void devices(RoutingContext ctx) {
        String tenantId = slug(ctx, "tenantId");
        String communityId = slug(ctx, "communityId");
        Principal user = AuthRoutes.principal(ctx);
        requireProvisioner(user, tenantId);
        if (!user.has(Role.PLATFORM_ADMIN)) {
            requireOwnCommunity(user, communityId);
        }
        String body = ctx.body().asString();
        // parsing 5,000 devices is work too: off the event loop with the rest
        Responses.json(ctx, vertx.executeBlocking(
                () -> provisioning.devices(tenantId, communityId, ProvisioningRequests.devices(body)), false));
    }

    private void trustedCas(RoutingContext ctx) {
        String tenantId = slug(ctx, "tenantId");
        requireProvisioner(AuthRoutes.principal(ctx), tenantId);
        String body = ctx.body().asString();
        Responses.json(ctx, vertx.executeBlocking(
                () -> provisioning.trustedCas().replace(tenantId, TrustedCaProvisioning.read(body)), false));
    }

    /**
     * Takes a device out of service or back: platform admins any device, property admins those of
     * the communities they were given; anyone else learns nothing of whether the device exists. A
     * change goes out on the community's live device stream, so every console watching it shows it.
     */
    private void deviceEnabled(RoutingContext ctx) {
        String deviceId = ctx.pathParam("deviceId");
        Principal user = AuthRoutes.principal(ctx);
        boolean platformAdmin = user.has(Role.PLATFORM_ADMIN);
        DeviceSwitches.Authorization authorization = placement -> {
            if (placement.isEmpty() && !platformAdmin) {
                throw ClientError.forbidden(user.username() + " may not change device '" + deviceId + "'");
            }
            placement.filter(p -> !platformAdmin).ifPresent(p -> {
                requireProvisioner(user, p.tenantId());
                requireOwnCommunity(user, p.communityId());
            });
        };
        boolean enabled = ProvisioningRequests.enabled(ctx.body().asString());
        AuditEntry audit = AuthRoutes.audit(ctx, "device.enabled", "device:" + deviceId);
        Responses.json(ctx, vertx.executeBlocking(
                () -> provisioning.deviceSwitches().setEnabled(deviceId, enabled, authorization, audit), false)
                .onSuccess(switched -> {
                    if (switched.changed()) {
                        deviceUpdates.committed(Set.of(deviceId));
                    }
                }));
    }

    /** Platform admins provision any tenant, property admins their own. */
    static void requireProvisioner(Principal user, String tenantId) {
        if (user.has(Role.PLATFORM_ADMIN)) {
            return;
        }
        if (!user.has(Role.PROPERTY_ADMIN)) {
            throw ClientError.forbidden(user.username() + " may not provision (platform_admin or property_admin only)");
        }
        if (!tenantId.equals(user.tenantId())) {
            throw ClientError.forbidden(user.username() + " may not provision tenant '" + tenantId + "'");
        }
    }

    /**
     * A property administrator provisions the communities they were given (or created) only: a
     * new community of their tenant becomes theirs, another existing one is not theirs to change.
     */
    static void requireOwnCommunity(Principal user, String communityId) {
        if (!user.isStaffOf(communityId)) {
            throw ClientError.forbidden(user.username() + " may not provision community '" + communityId
                    + "' (not one of theirs)");
        }
    }

    static String slug(RoutingContext ctx, String param) {
        String value = ctx.pathParam(param);
        if (!ProvisioningRequests.isSlug(value)) {
            throw ClientError.badRequest(param + " '" + value
                    + "' is not valid: lower-case letters, digits, _ and - (at most 63), starting with a letter or digit");
        }
        return value;
    }

    /** Answers a request refused because of its items with the list of what is wrong; other failures go on. */
    static void rejected(RoutingContext ctx) {
        if (!(ctx.failure() instanceof ProvisioningRejected rejected) || ctx.response().headWritten()) {
            ctx.next();
            return;
        }
        JsonArray items = new JsonArray();
        for (ItemError e : rejected.items()) {
            items.add(new JsonObject().put("list", e.list()).put("index", e.index()).put("field", e.field())
                    .put("path", e.path()).put("message", e.message()));
        }
        Responses.json(ctx, rejected.status(), new JsonObject().put("error", new JsonObject()
                .put("code", rejected.status()).put("message", rejected.getMessage()).put("items", items)));
    }
}
