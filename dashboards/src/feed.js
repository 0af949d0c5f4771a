// The notification feed (GET /api/v1/feed, docs/delivery.md) with resumption: the browser's
// EventSource resends Last-Event-ID when it reconnects by itself; when it gives up (an HTTP
// error, e.g. the platform restarting) a new one is opened with ?after=<last id>, so no
// notification is missed across a dropped connection. Duplicates (a replay overlapping what was
// seen) are dropped by id. A stream opened before anything was received has no position, so the
// owner reloads its lists at each open (`onOpen`), as the feed's documentation asks.
import * as api from './api.js';
import { ReconnectingSource } from './stream.js';

export class NotificationFeed extends ReconnectingSource {
  constructor({ onNotification, onState, onOpen, onUnauthorized }) {
    super({ onState, onOpen, onUnauthorized });
    this.onNotification = onNotification;
    this.lastId = null;
    this.received = 0;
  }

  url() {
    return api.feedUrl(this.lastId);
  }

  listen(source) {
    source.addEventListener('notification', (e) => this.receive(e));
  }

  receive(event) {
    const id = Number(event.lastEventId);
    if (this.lastId !== null && id <= this.lastId) return;
    let notification;
    try {
      notification = JSON.parse(event.data);
    } catch {
      console.warn('[feed] ignoring a notification that is not JSON', event.data);
      return;
    }
    if (Number.isSafeInteger(id)) this.lastId = id;
    this.received += 1;
    this.onNotification(notification);
  }
}
