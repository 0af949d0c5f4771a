import { describe, expect, it } from 'vitest';
import { countByStatus, countByType, deviceStatus, filterDevices, inService, mergeDevice, pageDevice } from '../src/devices.js';

const device = (over = {}) => ({
  id: 'demo-elevator-1',
  tenantId: 't1',
  communityId: 'c1',
  type: 'elevator',
  name: 'Elevator 1',
  building: 'Building 1',
  floor: 5,
  location: null,
  lastSeen: '2026-11-29T07:10:03.123Z',
  online: true,
  latest: { load: 320, floor: 5 },
  ...over,
});

describe('mergeDevice', () => {
  it('adds a device it did not hold', () => {
    const d = device();
    expect(mergeDevice(undefined, d)).toEqual({ device: d, change: 'added' });
  });

  it('takes a newer snapshot and keeps metrics the snapshot does not carry', () => {
    const held = device();
    const incoming = device({ lastSeen: '2026-11-29T07:10:05.000Z', online: false, latest: { load: 0 } });
    const { device: merged, change } = mergeDevice(held, incoming);
    expect(change).toBe('updated');
    expect(merged.lastSeen).toBe('2026-11-29T07:10:05.000Z');
    expect(merged.online).toBe(false);
    expect(merged.latest).toEqual({ load: 0, floor: 5 });
    expect(held.latest).toEqual({ load: 320, floor: 5 }); // inputs untouched
  });

  it('ignores a snapshot older than the one held (list answered after a stream event)', () => {
    const held = device({ lastSeen: '2026-11-29T07:10:05.000Z' });
    const { device: merged, change } = mergeDevice(held, device({ lastSeen: '2026-11-29T07:10:04.999Z', online: false }));
    expect(change).toBe('stale');
    expect(merged).toBe(held);
  });

  it('compares instants, not strings, across timestamp precisions', () => {
    const held = device({ lastSeen: '2026-11-29T07:10:05Z' });
    expect(mergeDevice(held, device({ lastSeen: '2026-11-29T07:10:05.400Z' })).change).toBe('updated');
    expect(mergeDevice(held, device({ lastSeen: '2026-11-29T15:10:04.900+08:00' })).change).toBe('stale');
  });

  it('applies a snapshot with the same lastSeen (e.g. the device went offline)', () => {
    const held = device();
    const { device: merged, change } = mergeDevice(held, device({ online: false }));
    expect(change).toBe('updated');
    expect(merged.online).toBe(false);
  });

  it('applies snapshots when either side was never seen', () => {
    expect(mergeDevice(device({ lastSeen: null }), device()).change).toBe('updated');
    expect(mergeDevice(device(), device({ lastSeen: null, name: 'Renamed' })).device.name).toBe('Renamed');
  });
});

describe('filterDevices', () => {
  const all = [
    device({ id: 'cam-2', type: 'camera', name: 'Gate camera', building: null, floor: null, location: 'North gate' }),
    device({ id: 'el-10', name: 'Elevator 10', building: 'Building 2', floor: 1 }),
    device({ id: 'el-2', name: 'Elevator 2', building: 'Building 2', floor: 1 }),
    device({ id: 'el-1', name: 'Elevator 1', building: 'Building 10', floor: 1 }),
    device({ id: 'smoke-1', type: 'smoke_detector', name: 'Smoke 1F', building: 'Building 2', floor: 1 }),
  ];
  const ids = (list) => list.map((d) => d.id);

  it('orders by type, then building and name naturally', () => {
    expect(ids(filterDevices(all))).toEqual(['el-2', 'el-10', 'el-1', 'cam-2', 'smoke-1']);
  });

  it('matches free text case-insensitively on name, place, id and type in both languages', () => {
    expect(ids(filterDevices(all, { text: 'north GATE' }))).toEqual(['cam-2']);
    expect(ids(filterDevices(all, { text: '烟感' }))).toEqual(['smoke-1']);
    expect(ids(filterDevices(all, { text: 'building 10' }))).toEqual(['el-1']);
    expect(ids(filterDevices(all, { text: '  el-2 ' }))).toEqual(['el-2']);
  });

  it('filters by exact type and combines with text', () => {
    expect(ids(filterDevices(all, { type: 'camera' }))).toEqual(['cam-2']);
    expect(ids(filterDevices(all, { type: 'elevator', text: 'building 2' }))).toEqual(['el-2', 'el-10']);
    expect(filterDevices(all, { type: 'ev_charger' })).toEqual([]);
  });

  it('filters by presence', () => {
    const mixed = [device({ id: 'on' }), device({ id: 'off', online: false }), device({ id: 'never', online: undefined })];
    expect(ids(filterDevices(mixed, { presence: 'online' }))).toEqual(['on']);
    expect(ids(filterDevices(mixed, { presence: 'offline' }))).toEqual(['never', 'off']);
    expect(ids(filterDevices(mixed, {}))).toHaveLength(3);
  });

  it('puts a device out of service under "out of service" only, whatever its connection', () => {
    const mixed = [device({ id: 'on' }), device({ id: 'off', online: false }), device({ id: 'stolen', online: false, enabled: false }),
      device({ id: 'still-connected', online: true, enabled: false })];
    expect(ids(filterDevices(mixed, { presence: 'disabled' }))).toEqual(['still-connected', 'stolen']);
    expect(ids(filterDevices(mixed, { presence: 'online' }))).toEqual(['on']);
    expect(ids(filterDevices(mixed, { presence: 'offline' }))).toEqual(['off']);
    expect(ids(filterDevices(mixed, {}))).toHaveLength(4);
  });
});

describe('deviceStatus', () => {
  it('is out of service before online or offline, and in service when the view carries no flag', () => {
    expect(deviceStatus(device({ enabled: false }))).toBe('disabled');
    expect(deviceStatus(device({ enabled: true }))).toBe('online');
    expect(deviceStatus(device({ enabled: true, online: false }))).toBe('offline');
    expect(deviceStatus(device({ online: undefined }))).toBe('offline');
    expect(inService(device())).toBe(true);
    expect(inService(device({ enabled: false }))).toBe(false);
  });

  it('follows a switch merged from the stream, which keeps the device\'s last values', () => {
    const held = device({ enabled: true });
    const { device: merged, change } = mergeDevice(held, device({ enabled: false, latest: {} }));
    expect(change).toBe('updated');
    expect(deviceStatus(merged)).toBe('disabled');
    expect(merged.latest).toEqual({ load: 320, floor: 5 });
  });
});

describe('countByType', () => {
  it('counts online and offline per type in console order', () => {
    const counts = countByType([
      device({ id: 'a', type: 'camera', online: true }),
      device({ id: 'b', type: 'elevator', online: false }),
      device({ id: 'c', type: 'camera', online: false }),
      device({ id: 'd', type: 'camera', online: true }),
    ]);
    expect(counts).toEqual([
      { type: 'elevator', online: 0, offline: 1, disabled: 0 },
      { type: 'camera', online: 2, offline: 1, disabled: 0 },
    ]);
  });

  it('counts a device out of service as disabled, neither online nor offline, as the list filters it', () => {
    const counts = countByType([
      device({ id: 'a', type: 'camera', online: true }),
      device({ id: 'b', type: 'camera', online: true, enabled: false }),
      device({ id: 'c', type: 'camera', online: false, enabled: false }),
      device({ id: 'd', type: 'elevator', online: false, enabled: true }),
    ]);
    expect(counts).toEqual([
      { type: 'elevator', online: 0, offline: 1, disabled: 0 },
      { type: 'camera', online: 1, offline: 0, disabled: 2 },
    ]);
  });
});

describe('countByStatus', () => {
  it('gives the overview\'s totals, each device counted once under its list status', () => {
    const all = [
      device({ id: 'on' }),
      device({ id: 'off', online: false }),
      device({ id: 'never', online: undefined }),
      device({ id: 'stolen', online: false, enabled: false }),
      device({ id: 'still-connected', online: true, enabled: false }),
    ];
    expect(countByStatus(all)).toEqual({ total: 5, online: 1, offline: 2, disabled: 2 });
    for (const presence of ['online', 'offline', 'disabled']) {
      expect(countByStatus(all)[presence], presence).toBe(filterDevices(all, { presence }).length);
    }
    expect(countByStatus(new Map().values())).toEqual({ total: 0, online: 0, offline: 0, disabled: 0 });
  });
});

describe('pageDevice', () => {
  it('keeps the page\'s copy while nothing it shows changed, and copies when something did', () => {
    const held = device({ enabled: true });
    const first = pageDevice(held, undefined);
    expect(first).toEqual(held);
    expect(first).not.toBe(held);

    // new values of known metrics (and a newer lastSeen): the page shows neither, same copy
    Object.assign(held, { lastSeen: '2026-11-28T09:00:00Z', latest: { load: 400, floor: 6 } });
    expect(pageDevice(held, first)).toBe(first);

    Object.assign(held, { enabled: false });
    const switched = pageDevice(held, first);
    expect(switched).not.toBe(first);
    expect(deviceStatus(switched)).toBe('disabled');

    Object.assign(held, { online: false });
    expect(pageDevice(held, switched)).not.toBe(switched);
    const renamed = pageDevice(Object.assign(held, { name: 'Lift A' }), switched);
    expect(renamed.name).toBe('Lift A');
    // a new metric is a new entry in the page's metric picker
    const withMetric = pageDevice(Object.assign(held, { latest: { ...held.latest, door: 'open' } }), renamed);
    expect(withMetric).not.toBe(renamed);
    expect(pageDevice(undefined, withMetric)).toBeNull();
  });

  it('copies the latest values, so that merging the live device in place leaves the copy as it was', () => {
    const held = device();
    const copy = pageDevice(held, null);
    Object.assign(held.latest, { load: 999 });
    expect(copy.latest.load).toBe(320);
  });
});
