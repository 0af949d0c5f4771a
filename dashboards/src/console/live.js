// The console's shared community state: the communities the user sees, the chosen one, and its
// devices kept live from the list plus the SSE stream. Devices are plain (non-reactive) objects
// merged in place; `version` counts changes so views re-render the rows in view once per frame,
// which keeps 10,000 devices cheap.
import { markRaw, reactive, ref, shallowRef } from 'vue';
import * as api from '../api.js';
import { countByType, mergeDevice } from '../devices.js';
import { MessageRate } from '../rate.js';
import { DeviceStream } from '../stream.js';
import { exposeForTests } from '../testHooks.js';

const STORAGE_KEY = 'anju.community';

export const live = reactive({
  communities: [],
  communityId: null,
  streamState: 'stopped',
  error: null,
  // false for a user whose screens show no devices (a maintenance contractor): the community is
  // chosen, but its device list and stream, which the API would refuse, are not opened.
  withDevices: true,
});

/** Every device of the chosen community, by id (not reactive: see `version`). */
export const devices = new Map();
/** Bumped (at most once per frame) when a device changed; `structure` when one was added. */
export const version = ref(0);
export const structure = ref(0);
export const rate = new MessageRate();
export const typeCounts = shallowRef([]);

// Counts stream events, and the devices they named, for the browser tests and `anju bench ui`
// (window.__anjuStats, only with the test-only flag: src/testHooks.js).
const stats = { deviceEvents: 0, deviceIds: new Set(), devicesLoadedMs: null };
exposeForTests('__anjuStats', stats);

let stream = null;
let frame = 0;
let structural = false;
// List requests in flight, and what the stream (or the console itself: patchDevice) brought since
// the first of them started. A list row can predate such a change and still carry the same
// `lastSeen` (a switch does not move it), so mergeDevice cannot tell it is older: the changes are
// applied again after the rows, and the newer state wins. Kept merged per device (at most one entry
// each, however long a request hangs) until no list request is in flight.
let loading = 0;
let sinceLoad = new Map();

let early = null;

/**
 * Asks for the communities beside the session check, so that a signed-in cold load does not wait
 * for one round trip after the other; `start` takes the answer once (without a session it is a
 * 401, ignored: `start` then asks again after sign-in).
 */
export function prefetchCommunities() {
  early = api.communities().catch(() => null);
}

/** Loads the user's communities and opens the remembered (or first) one. */
export async function start(wanted) {
  live.error = null;
  const prefetched = early;
  early = null;
  live.communities = (prefetched && (await prefetched)) ?? (await api.communities());
  const remembered = wanted ?? localStorage.getItem(STORAGE_KEY);
  const first = live.communities.find((c) => c.id === remembered) ?? live.communities[0];
  if (first) choose(first.id);
}

/** Switches to community `id`: the stream and the list start together; mergeDevice drops the older snapshot. */
export function choose(id) {
  if (id === live.communityId) return;
  stop();
  live.communityId = id;
  localStorage.setItem(STORAGE_KEY, id);
  if (!live.withDevices) return;
  stream = new DeviceStream(id, {
    onDevice: (device) => received(id, device),
    onState: (s) => (live.streamState = s),
    onResync: () => load(id),
    onUnauthorized: () => stop(),
  });
  stream.start();
  load(id);
}

/** Stops the stream and forgets the devices (sign-out, community switch). */
export function stop() {
  stream?.stop();
  stream = null;
  live.communityId = null;
  devices.clear();
  sinceLoad = new Map();
  rate.clear();
  changed(true);
}

async function load(id) {
  loading += 1;
  try {
    const body = await api.devices(id);
    if (live.communityId !== id) return;
    for (const d of body.devices ?? []) apply(d);
    for (const d of sinceLoad.values()) apply(d);
    changed(true);
    stats.devicesLoadedMs ??= performance.now();
  } catch (e) {
    if (live.communityId === id) live.error = e;
  } finally {
    loading -= 1;
    if (loading === 0) sinceLoad = new Map();
  }
}

/**
 * Applies what the console itself changed and the API confirmed (`fields` of device `id`, e.g.
 * `{enabled: false}`) at once, before the stream brings the same; a device not held is ignored.
 */
export function patchDevice(id, fields) {
  if (!devices.has(id)) return;
  const change = applyLive({ ...fields, id });
  if (change !== 'stale') changed(change === 'moved');
}

function received(id, device) {
  if (live.communityId !== id) return;
  stats.deviceEvents += 1;
  stats.deviceIds.add(device.id);
  rate.record(Date.now());
  const change = applyLive(device);
  if (change !== 'stale') changed(change === 'added' || change === 'moved');
}

/** Applies a change that is newer than any list request in flight, and keeps it for after its answer. */
function applyLive(incoming) {
  if (loading > 0) sinceLoad.set(incoming.id, mergeDevice(sinceLoad.get(incoming.id), incoming).device);
  return apply(incoming);
}

function apply(incoming) {
  const held = devices.get(incoming.id);
  const { device, change } = mergeDevice(held, incoming);
  if (change === 'stale') return change;
  if (!held) {
    devices.set(device.id, markRaw(device));
    return 'added';
  }
  // Merged in place so that lists holding the object see the new values; a change of place,
  // presence or service can move the device in a sorted or filtered list.
  const moved = held.online !== device.online || held.enabled !== device.enabled || held.building !== device.building
    || held.floor !== device.floor || held.name !== device.name;
  Object.assign(held, device);
  return moved ? 'moved' : 'updated';
}

function changed(isStructural) {
  structural ||= isStructural;
  frame ||= requestAnimationFrame(flush);
}

function flush() {
  frame = 0;
  version.value += 1;
  if (structural) {
    structural = false;
    structure.value += 1;
    typeCounts.value = countByType(devices.values());
  }
}
