// The notification feed (GET /api/v1/feed, docs/delivery.md) with resumption: the browser's
// EventSource resends Last-Event-ID when it reconnects by itself; when it gives up (an HTTP
// error, e.g. the platform restarting) a new one is opened with ?after=<last id>, so no
// notification is missed across a dropped connection. Duplicates (a replay overlapping what was
// seen) are dropped by id.
import * as api from './api.js';

const RETRY_MIN_MS = 1_000;
const RETRY_MAX_MS = 15_000;

/** States: connecting → live ⇄ reconnecting; stopped after stop(). */
export class NotificationFeed {
  constructor({ onNotification, onState = () => {}, onOpen = () => {}, onUnauthorized = () => {} }) {
    this.handlers = { onNotification, onState, onOpen, onUnauthorized };
    this.lastId = null;
    this.source = null;
    this.state = 'stopped';
    this.retryMs = RETRY_MIN_MS;
    this.timer = null;
    this.received = 0;
  }

  start() {
    if (this.source) return;
    this.setState(this.lastId === null ? 'connecting' : 'reconnecting');
    const source = new EventSource(api.feedUrl(this.lastId));
    source.addEventListener('open', () => {
      this.retryMs = RETRY_MIN_MS;
      this.setState('live');
      // A stream opened without a position (nothing received yet) may have missed something:
      // the owner reloads its lists, as the feed's documentation asks.
      this.handlers.onOpen({ resumed: this.lastId !== null });
    });
    source.addEventListener('notification', (e) => this.receive(e));
    // The first block of a fresh stream is an id line without data: it sets the resume position.
    source.addEventListener('message', (e) => this.remember(e.lastEventId));
    source.addEventListener('error', () => this.failed(source));
    this.source = source;
  }

  stop() {
    clearTimeout(this.timer);
    this.source?.close();
    this.source = null;
    this.setState('stopped');
  }

  /** Closes the connection as a network drop would, and reopens it after `ms` (tests, diagnostics). */
  drop(ms = RETRY_MIN_MS) {
    this.source?.close();
    this.source = null;
    this.setState('reconnecting');
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.start(), ms);
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
    this.remember(event.lastEventId);
    this.received += 1;
    this.handlers.onNotification(notification);
  }

  remember(lastEventId) {
    const id = Number(lastEventId);
    if (lastEventId !== '' && Number.isSafeInteger(id) && (this.lastId === null || id > this.lastId)) this.lastId = id;
  }

  async failed(source) {
    if (source !== this.source) return;
    this.setState('reconnecting');
    if (source.readyState !== EventSource.CLOSED) return;
    source.close();
    this.source = null;
    try {
      await api.me();
    } catch (e) {
      if (e.unauthorized) {
        this.stop();
        this.handlers.onUnauthorized();
        return;
      }
    }
    if (this.state === 'stopped') return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.start(), this.retryMs);
    this.retryMs = Math.min(this.retryMs * 2, RETRY_MAX_MS);
  }

  setState(state) {
    if (state === this.state) return;
    this.state = state;
    this.handlers.onState(state);
  }
}
