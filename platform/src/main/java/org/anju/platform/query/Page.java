package org.anju.platform.query;

import java.util.List;

/**
 * One page of a list.
 *
 * @param nextCursor where the next page starts (pass it as {@code cursor}); null on the last page
 */
public record Page<T>(List<T> items, String nextCursor) {

    public Page {
        items = List.copyOf(items);
    }
}
