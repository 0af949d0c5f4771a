package org.anju.platform.provisioning;

import java.util.List;
import java.util.stream.Collectors;

import org.anju.error.ClientError;

/**
 * A provisioning request refused as a whole because of some of its items: 400 when items are
 * invalid, 409 when they conflict with what is stored. Nothing of the request was written.
 */
public final class ProvisioningRejected extends RuntimeException {

    /** At most this many item errors are named in the message (all are in {@link #items()}). */
    private static final int ITEMS_IN_MESSAGE = 5;

    private final int status;
    private final List<ItemError> items;

    public ProvisioningRejected(int status, List<ItemError> items) {
        super(summary(status, items));
        this.status = status;
        this.items = List.copyOf(items);
    }

    /** Returns 400 (invalid) or 409 (conflict). */
    public int status() {
        return status;
    }

    public List<ItemError> items() {
        return items;
    }

    static ProvisioningRejected invalid(List<ItemError> items) {
        return new ProvisioningRejected(ClientError.BAD_REQUEST, items);
    }

    static ProvisioningRejected conflict(List<ItemError> items) {
        return new ProvisioningRejected(ClientError.CONFLICT, items);
    }

    private static String summary(int status, List<ItemError> items) {
        String what = status == ClientError.CONFLICT ? "conflicting with what is stored" : "invalid";
        String named = items.stream().limit(ITEMS_IN_MESSAGE).map(ItemError::toString).collect(Collectors.joining("; "));
        String more = items.size() > ITEMS_IN_MESSAGE ? "; and " + (items.size() - ITEMS_IN_MESSAGE) + " more" : "";
        return items.size() + (items.size() == 1 ? " item " : " items ") + what + ", nothing written: " + named + more;
    }
}
