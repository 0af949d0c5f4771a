// Pure device-list logic shared by the table and the charts.
import { compareTypes } from './format.js';
// Named imports: the bundle keeps only the device types of each catalogue, as plain text.
import { deviceType as enTypes } from './i18n/en.json';
import { deviceType as zhTypes } from './i18n/zh-CN.json';

/**
 * Merges one device snapshot (from the list or from the stream) into what the console holds.
 * The list request and the stream run concurrently, so a snapshot can arrive after a newer
 * one: a snapshot whose `lastSeen` is older than the held one is ignored ("stale"). Latest
 * values are merged by metric so a snapshot that carries only some metrics drops none.
 *
 * @returns {{device: object, change: 'added' | 'updated' | 'stale'}}
 */
export function mergeDevice(current, incoming) {
  if (!current) return { device: incoming, change: 'added' };
  if (isOlder(incoming.lastSeen, current.lastSeen)) return { device: current, change: 'stale' };
  const latest = { ...(current.latest ?? {}), ...(incoming.latest ?? {}) };
  return { device: { ...current, ...incoming, latest }, change: 'updated' };
}

function isOlder(a, b) {
  if (!a || !b) return false;
  return Date.parse(a) < Date.parse(b);
}

/** Orders devices by type, then building, floor and name, so rows stay put while updating. */
export function compareDevices(a, b) {
  return (
    compareTypes(a.type, b.type) ||
    (a.building ?? '').localeCompare(b.building ?? '', undefined, { numeric: true }) ||
    (a.floor ?? -Infinity) - (b.floor ?? -Infinity) ||
    (a.name ?? a.id).localeCompare(b.name ?? b.id, undefined, { numeric: true }) ||
    a.id.localeCompare(b.id)
  );
}

/** Whether a device is in service: the API's `enabled`, true when a device view does not carry it. */
export const inService = (d) => d.enabled !== false;

/**
 * A device's status as the list shows and filters it: 'disabled' (out of service, whatever its
 * connection; the gateway refuses it within a minute), else 'online' or 'offline'.
 */
export const deviceStatus = (d) => (!inService(d) ? 'disabled' : d.online === true ? 'online' : 'offline');

// What a device's page shows of it: heading, place, status and switch, and the names of its metrics.
const PAGE_FIELDS = Object.freeze(['id', 'name', 'type', 'communityId', 'building', 'buildingId', 'floor', 'location', 'online', 'enabled']);
const metricNames = (d) => Object.keys(d.latest ?? {}).sort().join('\n');

/**
 * The copy of `held` (a live device, merged in place) that a device page renders: `previous` again
 * while none of the fields the page shows changed, so that the community's other devices, and this
 * one's new values, do not re-render the page; a new copy when one did; null without a device.
 */
export function pageDevice(held, previous) {
  if (!held) return null;
  if (previous && PAGE_FIELDS.every((k) => previous[k] === held[k]) && metricNames(previous) === metricNames(held)) return previous;
  return { ...held, latest: { ...held.latest } };
}

/** The pill class of each `deviceStatus` (styles.css). */
export const STATUS_PILL = Object.freeze({ online: 'pill-ok', offline: 'pill-bad', disabled: 'pill-off' });

/**
 * Returns the devices that match a free-text query (id, name, place, type in either language;
 * case-insensitive), an optional exact type and an optional status ('online' / 'offline' /
 * 'disabled', as `deviceStatus`), in display order.
 */
export function filterDevices(devices, { text = '', type = '', presence = '' } = {}) {
  const needle = text.trim().toLowerCase();
  return [...devices]
    .filter((d) => !type || d.type === type)
    .filter((d) => !presence || deviceStatus(d) === presence)
    .filter((d) => !needle || searchText(d).includes(needle))
    .sort(compareDevices);
}

function searchText(d) {
  return [d.id, d.name, d.building, d.floor, d.location, d.type, enTypes[d.type], zhTypes[d.type]]
    .filter((v) => v !== null && v !== undefined)
    .join(' ')
    .toLowerCase();
}

/** An empty count of each `deviceStatus`. */
const noDevices = () => ({ online: 0, offline: 0, disabled: 0 });

/**
 * Counts the devices of each `deviceStatus`, as the list filters them: online and offline are
 * devices in service only, a device out of service counts as `disabled` whatever its connection.
 *
 * @returns {{total: number, online: number, offline: number, disabled: number}}
 */
export function countByStatus(devices) {
  const counts = noDevices();
  let total = 0;
  for (const d of devices) {
    counts[deviceStatus(d)] += 1;
    total += 1;
  }
  return { total, ...counts };
}

/** Counts the devices of each `deviceStatus` per type (as `countByStatus`), in display order of the types. */
export function countByType(devices) {
  const counts = new Map();
  for (const d of devices) {
    const c = counts.get(d.type) ?? { type: d.type, ...noDevices() };
    c[deviceStatus(d)] += 1;
    counts.set(d.type, c);
  }
  return [...counts.values()].sort((a, b) => compareTypes(a.type, b.type));
}
