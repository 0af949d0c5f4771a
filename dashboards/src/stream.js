// Live device snapshots over server-sent events, with an explicit connection state.
import * as api from './api.js';

const RETRY_MIN_MS = 1_000;
const RETRY_MAX_MS = 15_000;
const SESSION_CHECK_MIN_INTERVAL_MS = 5_000;

/**
 * One community's device stream. States: `connecting` → `live` ⇄ `reconnecting`; `stopped`
 * after stop(). EventSource retries by itself after network errors, but gives up for good on
 * an HTTP error status (e.g. 401 when the session expired): then the session is checked and
 * either `onUnauthorized` is called or a new EventSource is opened with backoff.
 */
export class DeviceStream {
  constructor(communityId, { onDevice, onState, onResync, onUnauthorized }) {
    this.url = api.streamUrl(communityId);
    this.handlers = { onDevice, onState, onResync, onUnauthorized };
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
    const source = new EventSource(this.url);
    source.addEventListener('open', () => this.opened());
    source.addEventListener('error', () => this.failed(source));
    source.addEventListener('device', (e) => this.received(e));
    this.source = source;
  }

  stop() {
    clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.source?.close();
    this.source = null;
    this.setState('stopped');
  }

  opened() {
    this.retryMs = RETRY_MIN_MS;
    // Events sent while we were away are lost; the owner reloads the list to catch up.
    if (this.everOpened) this.handlers.onResync?.();
    this.everOpened = true;
    this.setState('live');
  }

  received(event) {
    let device;
    try {
      device = JSON.parse(event.data);
    } catch {
      console.warn('Ignoring a device event that is not JSON', event.data);
      return;
    }
    if (device && typeof device.id === 'string') this.handlers.onDevice(device);
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
        this.handlers.onUnauthorized();
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
