package org.anju.platform.query;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * What a request for one page of a list asks for, checked against its {@link ListLimits}.
 *
 * @param range    the time range; null for lists that have none
 * @param pageSize how many rows the page holds at most
 * @param after    where the page starts; null for the first page
 */
public record ListRequest(TimeRange range, int pageSize, PageCursor after) {

    /** Returns how many rows to fetch: one more than the page, to learn whether another page follows. */
    public int fetchSize() {
        return pageSize + 1;
    }

    /** Returns the range's start ({@code null} without a range), for a query parameter. */
    public Instant from() {
        return range == null ? null : range.from();
    }

    /** Returns the range's end ({@code null} without a range), for a query parameter. */
    public Instant to() {
        return range == null ? null : range.to();
    }

    /**
     * Returns the id the page starts below, for lists newest first by id: the cursor's id, or
     * {@link Long#MAX_VALUE} on the first page.
     */
    public long afterId() {
        return after == null ? Long.MAX_VALUE : after.number(0);
    }

    /**
     * Cuts the page from rows fetched with {@link #fetchSize()}, in list order.
     *
     * @param key the sort key of a row (instants, numbers, text), which the next page's cursor holds
     */
    public <T> Page<T> page(List<T> rows, Function<T, Object[]> key) {
        if (rows.size() <= pageSize) {
            return new Page<>(rows, null);
        }
        List<T> items = rows.subList(0, pageSize);
        return new Page<>(items, PageCursor.after(range, key.apply(items.getLast())).encode());
    }
}
