package org.anju.platform.query;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;

import org.anju.error.ClientError;

/**
 * Where the next page of a list starts: the sort key of the last row of the page before (its
 * timestamp and id, or its id, or its name and id), and the time range of the first page, so that
 * every page of one listing covers the same range even when the range was the default one ("the
 * last 24 hours" moves on between two requests). Clients see it as an opaque string.
 *
 * @param key   the sort key's parts, each a {@link Long} or a {@link String}
 * @param range the range of the listing; null for lists without one
 */
public record PageCursor(List<Object> key, TimeRange range) {

    private static final String VERSION = "p1";

    public PageCursor {
        key = List.copyOf(key);
        for (Object part : key) {
            if (!(part instanceof Long) && !(part instanceof String)) {
                throw new IllegalArgumentException("cursor key parts are numbers or text: " + part);
            }
        }
    }

    /** Returns a cursor after the row with this key; instants become microseconds since the epoch. */
    public static PageCursor after(TimeRange range, Object... key) {
        List<Object> parts = new ArrayList<>(key.length);
        for (Object part : key) {
            parts.add(part instanceof Instant t ? micros(t) : part instanceof Integer i ? Long.valueOf(i) : part);
        }
        return new PageCursor(parts, range);
    }

    /** Returns the key part at {@code index} as a number. */
    public long number(int index) {
        return (Long) key.get(index);
    }

    /** Returns the key part at {@code index} as text. */
    public String text(int index) {
        return (String) key.get(index);
    }

    /** Returns the key part at {@code index} as an instant. */
    public Instant instant(int index) {
        return Instant.EPOCH.plus(number(index), ChronoUnit.MICROS);
    }

    /** Returns the opaque form. */
    public String encode() {
        JsonArray json = new JsonArray().add(VERSION)
                .add(range == null ? null : micros(range.from()))
                .add(range == null ? null : micros(range.to()));
        key.forEach(json::add);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.encode().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads an opaque cursor whose key has the given kinds of parts ({@code Long.class} or
     * {@code String.class}, in order).
     *
     * @throws ClientError 400 when it is not one this list issued
     */
    public static PageCursor parse(String encoded, Class<?>... parts) {
        try {
            JsonArray json = new JsonArray(new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8));
            if (json.size() == parts.length + 3 && VERSION.equals(json.getValue(0))) {
                TimeRange range = readRange(json.getValue(1), json.getValue(2));
                List<Object> key = new ArrayList<>(parts.length);
                for (int i = 0; i < parts.length; i++) {
                    Object part = json.getValue(i + 3);
                    Object typed = parts[i] == Long.class && part instanceof Number n && !(part instanceof Double)
                            ? (Object) n.longValue() : parts[i] == String.class && part instanceof String s ? s : null;
                    if (typed == null) {
                        throw new IllegalArgumentException("cursor part " + i + " is not a " + parts[i].getSimpleName());
                    }
                    key.add(typed);
                }
                return new PageCursor(key, range);
            }
        } catch (IllegalArgumentException | DecodeException | ArithmeticException | java.time.DateTimeException e) {
            // answered below
        }
        throw ClientError.badRequest("parameter 'cursor' is not a cursor returned by this list");
    }

    private static TimeRange readRange(Object from, Object to) {
        if (from == null && to == null) {
            return null;
        }
        if (from instanceof Number f && to instanceof Number t) {
            return new TimeRange(Instant.EPOCH.plus(f.longValue(), ChronoUnit.MICROS),
                    Instant.EPOCH.plus(t.longValue(), ChronoUnit.MICROS));
        }
        throw new IllegalArgumentException("cursor range is not two instants");
    }

    private static long micros(Instant t) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, t);
    }
}
