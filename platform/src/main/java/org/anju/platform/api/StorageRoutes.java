package org.anju.platform.api;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import org.anju.platform.auth.Principal;
import org.anju.platform.registry.DeviceRegistry;
import org.anju.platform.storage.usage.StorageUsage;

/**
 * The storage a community uses per class of data, and the retention in effect: for its property
 * staff and platform administrators (not the fire brigade: storage is not fire data).
 */
final class StorageRoutes {

    private final Vertx vertx;
    private final DeviceRegistry registry;
    private final StorageUsage usage;

    StorageRoutes(Vertx vertx, DeviceRegistry registry, StorageUsage usage) {
        this.vertx = vertx;
        this.registry = registry;
        this.usage = usage;
    }

    void mount(Router router, Handler<RoutingContext> authenticated) {
        router.get("/api/v1/communities/:communityId/storage").handler(authenticated).handler(this::storage);
    }

    private void storage(RoutingContext ctx) {
        String communityId = ctx.pathParam("communityId");
        Principal user = AuthRoutes.principal(ctx);
        Responses.json(ctx, vertx.executeBlocking(() -> {
            CommunityAccess.requireStorageVisible(user, registry, communityId);
            return usage.of(communityId);
        }, false));
    }
}
