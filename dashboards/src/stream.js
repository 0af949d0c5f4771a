// Server-sent event streams with an explicit connection state, shared by the device stream and
// the notification feed.
import * as api from './api.js';

const RETRY_MIN_MS = 1_000;
const RETRY_MAX_MS = 15_000;
const SESSION_CHECK_MIN_INTERVAL_MS = 5_000;

/**
 * An EventSource that comes back. States: `connecting` → `live` ⇄ `reconnecting`; `stopped`
 * after stop(). EventSource retries by itself after network errors, but gives up for good on an
 * HTTP error status (e.g. 401 when the session expired): then the session is checked and either
 * `onUnauthorized` is called or a new EventSource is opened with backoff. Subclasses give the
 * URL (`url()`) and their event listeners (`listen(source)`); `onOpen` is called at each open.
 */
export class ReconnectingSource {
  constructor({ onState, onOpen, onUnauthorized }) {
    this.handlers = { onState, onOpen, onUnauthorized };
    this.source = null;
    this.state = 'stopped';
    this.everOpened = false;
    this.retryMs = RETRY_MIN_MS;
    this.retryTimer = null;
    this.lastSessionCheck = 0;
  }

  start() {
    if (this.source) return;
    this.setState(this.everOpened ? 'reconnecting' : 'connecting');
    const source = new EventSource(this.url());
    source.addEventListener('open', () => this.opened());
    source.addEventListener('error', () => this.failed(source));
    this.listen(source);
    this.source = source;
  }

  stop() {
    clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.source?.close();
    this.source = null;
    this.setState('stopped');
  }

  /** Closes the connection as a network drop would, and reopens it after `ms` (tests, diagnostics). */
  drop(ms = RETRY_MIN_MS) {
    this.source?.close();
    this.source = null;
    this.setState('reconnecting');
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => this.start(), ms);
  }

  opened() {
    this.retryMs = RETRY_MIN_MS;
    this.everOpened = true;
    this.setState('live');
    this.handlers.onOpen?.();
  }

  failed(source) {
    if (source !== this.source) return;
    this.setState('reconnecting');
    const closedForGood = source.readyState === EventSource.CLOSED;
    if (closedForGood) {
      source.close();
      this.source = null;
    }
    this.checkSession(closedForGood);
  }

  async checkSession(mustReopen) {
    const now = Date.now();
    const due = mustReopen || now - this.lastSessionCheck >= SESSION_CHECK_MIN_INTERVAL_MS;
    if (!due) return;
    this.lastSessionCheck = now;
    try {
      await api.me();
    } catch (e) {
      if (e.unauthorized) {
        this.stop();
        this.handlers.onUnauthorized?.();
        return;
      }
    }
    if (mustReopen && this.state !== 'stopped') this.scheduleReopen();
  }

  scheduleReopen() {
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => this.start(), this.retryMs);
    this.retryMs = Math.min(this.retryMs * 2, RETRY_MAX_MS);
  }

  setState(state) {
    if (state === this.state) return;
    this.state = state;
    this.handlers.onState?.(state);
  }
}

/** One community's live device snapshots; after a reconnection the owner reloads the list (`onResync`). */
export class DeviceStream extends ReconnectingSource {
  constructor(communityId, { onDevice, onState, onResync, onUnauthorized }) {
    // Events sent while we were away are lost; the owner reloads the list to catch up.
    super({ onState, onUnauthorized, onOpen: () => this.reopened && onResync?.() });
    this.path = api.streamUrl(communityId);
    this.onDevice = onDevice;
    this.reopened = false;
  }

  url() {
    return this.path;
  }

  listen(source) {
    source.addEventListener('device', (e) => this.received(e));
  }

  opened() {
    this.reopened = this.everOpened;
    super.opened();
  }

  received(event) {
    let device;
    try {
      device = JSON.parse(event.data);
    } catch {
      console.warn('[stream] ignoring a device event that is not JSON', event.data);
      return;
    }
    if (device && typeof device.id === 'string') this.onDevice(device);
  }
}
