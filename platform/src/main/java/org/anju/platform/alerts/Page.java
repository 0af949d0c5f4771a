package org.anju.platform.alerts;

import java.util.List;

/**
 * One page of a newest-first list.
 *
 * @param nextCursor where the next page starts; null on the last page
 */
public record Page<T>(List<T> items, String nextCursor) {

    /** Cuts a page from rows fetched with one more than {@code limit}, each with its id. */
    public static <T> Page<T> of(List<T> rows, int limit, java.util.function.ToLongFunction<T> id) {
        if (rows.size() <= limit) {
            return new Page<>(rows, null);
        }
        List<T> items = rows.subList(0, limit);
        return new Page<>(List.copyOf(items), new IdCursor(id.applyAsLong(items.getLast())).encode());
    }
}
