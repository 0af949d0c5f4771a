import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { filterDevices } from '../src/devices.js';
import { choose, devices, patchDevice, stop, structure, typeCounts } from '../src/console/live.js';

// The console's live device state (src/console/live.js) with its real DeviceStream and api.js; the
// browser's EventSource, fetch, animation frames and storage are the doubles, driven by the test.
const LIST = '/api/v1/communities/elm-court/devices?limit=2000';
const T = '2026-12-06T08:00:00Z';
const camera = (over = {}) => ({ id: 'cam-1', type: 'camera', communityId: 'elm-court', online: true, enabled: true, lastSeen: T, latest: { fps: 25 }, ...over });

let sources;
let lists;
let frames;

/** An EventSource the test opens and feeds. */
class FakeEventSource {
  static CLOSED = 2;
  constructor(url) {
    this.url = url;
    this.listeners = {};
    sources.push(this);
  }
  addEventListener(type, fn) {
    (this.listeners[type] ??= []).push(fn);
  }
  emit(type, data) {
    for (const fn of this.listeners[type] ?? []) fn({ data: JSON.stringify(data) });
  }
  close() {
    this.readyState = FakeEventSource.CLOSED;
  }
}

/** The list request in flight: `answer(rows)` sends the platform's page. */
function pendingList() {
  let answer;
  const response = new Promise((resolve) => (answer = resolve));
  return { response, answer: (rows) => answer(new Response(JSON.stringify({ devices: rows }), { status: 200 })) };
}

const stream = () => sources.at(-1);
const push = (device) => stream().emit('device', device);
/** Runs the animation frames asked for (live.js publishes its changes once per frame). */
const flushFrames = () => frames.splice(0).forEach((fn) => fn());
/** Answers list request `n` with `rows` and lets the answer be applied. */
async function answerList(n, rows) {
  flushFrames();
  lists[n].answer(rows);
  await vi.waitFor(() => expect(frames.length).toBeGreaterThan(0));
  flushFrames();
}

beforeEach(() => {
  sources = [];
  lists = [];
  frames = [];
  const stored = new Map();
  vi.stubGlobal('EventSource', FakeEventSource);
  vi.stubGlobal('localStorage', { getItem: (k) => stored.get(k) ?? null, setItem: (k, v) => stored.set(k, v) });
  vi.stubGlobal('requestAnimationFrame', (fn) => frames.push(fn));
  vi.stubGlobal('fetch', async (path) => {
    expect(path).toBe(LIST);
    const list = pendingList();
    lists.push(list);
    return list.response;
  });
  choose('elm-court');
  stream().emit('open');
  // the frame `choose` asked for (it forgets the previous community's devices)
  flushFrames();
});

afterEach(() => {
  stop();
  flushFrames();
  vi.unstubAllGlobals();
});

describe('the live device list', () => {
  it('keeps a switch pushed while a list request was in flight, though the list row predates it', async () => {
    await answerList(0, [camera()]);
    // the stream drops and comes back: the console reloads the list to catch up
    stream().emit('open');
    expect(lists).toHaveLength(2);
    // the switch is pushed while that request is in flight; the list answers with the row it read
    // before the switch, with the same lastSeen (a switch does not move it)
    push(camera({ enabled: false, latest: {} }));
    await answerList(1, [camera()]);

    expect(devices.get('cam-1').enabled).toBe(false);
    expect(devices.get('cam-1').latest).toEqual({ fps: 25 });
    expect(typeCounts.value).toEqual([{ type: 'camera', online: 0, offline: 0, disabled: 1 }]);
  });

  it('keeps the console\'s own switch made while a list request was in flight', async () => {
    await answerList(0, [camera()]);
    stream().emit('open');
    patchDevice('cam-1', { enabled: false });
    await answerList(1, [camera()]);

    expect(devices.get('cam-1').enabled).toBe(false);
  });

  it('takes the list\'s newer state over a change pushed before the request started', async () => {
    await answerList(0, [camera()]);
    push(camera({ enabled: false }));
    flushFrames();
    // put back while the stream was away: only the reload brings it
    stream().emit('open');
    await answerList(1, [camera({ enabled: true, lastSeen: '2026-12-06T08:00:05Z' })]);

    expect(devices.get('cam-1').enabled).toBe(true);
  });

  it('moves a switched device between the status filters as the stream or the console switches it', async () => {
    await answerList(0, [camera(), camera({ id: 'cam-2', online: false })]);
    const ids = (presence) => filterDevices(devices.values(), { presence }).map((d) => d.id);
    expect(ids('offline')).toEqual(['cam-2']);
    const before = structure.value;

    push(camera({ id: 'cam-2', online: false, enabled: false }));
    flushFrames();
    // a change of service is structural: filtered lists are rebuilt, not only re-rendered
    expect(structure.value).toBe(before + 1);
    expect(ids('offline')).toEqual([]);
    expect(ids('disabled')).toEqual(['cam-2']);

    patchDevice('cam-1', { enabled: false });
    flushFrames();
    expect(structure.value).toBe(before + 2);
    expect(ids('disabled')).toEqual(['cam-1', 'cam-2']);
    expect(ids('online')).toEqual([]);

    patchDevice('not-held', { enabled: false });
    expect(devices.has('not-held')).toBe(false);
    expect(frames).toHaveLength(0);
  });
});
