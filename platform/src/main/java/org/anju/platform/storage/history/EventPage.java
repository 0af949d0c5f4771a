package org.anju.platform.storage.history;

import java.util.List;

/**
 * One page of events, newest first.
 *
 * @param nextCursor pass as {@code cursor} for the next page; null when this is the last one
 */
public record EventPage(List<EventRecord> events, String nextCursor) {

    public EventPage {
        events = List.copyOf(events);
    }
}
