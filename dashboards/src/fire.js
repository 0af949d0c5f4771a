// Pure fire-case logic for the console's workflow screen and the fire-brigade board.
import { deviceStatus } from './devices.js';

export const FIRE_STATES = Object.freeze(['received', 'acknowledged', 'verifying', 'confirmed_fire', 'forwarded_119', 'false_alarm', 'test', 'closed']);
export const FALSE_ALARM_CAUSES = Object.freeze(['cooking_fumes', 'smoking', 'dust', 'steam', 'insects', 'device_fault', 'maintenance_work', 'malicious', 'other']);

/** Whether a case still needs someone (not closed). */
export const isOpen = (fireCase) => fireCase.state !== 'closed';

/**
 * Merges a case from the feed or a list into the held map by id; an older snapshot (by
 * updatedAt) never replaces a newer one. Returns whether the case is new to the map.
 */
export function upsertCase(cases, incoming) {
  const held = cases.get(incoming.id);
  if (held && Date.parse(held.updatedAt) > Date.parse(incoming.updatedAt)) return false;
  // Lists carry no trail; keep one a detailed answer brought.
  cases.set(incoming.id, { ...held, ...incoming, transitions: incoming.transitions ?? held?.transitions ?? null });
  return !held;
}

/** Orders the board: open before closed, escalated first, then the longest waiting first. */
export function boardOrder(a, b) {
  return (
    Number(isOpen(b)) - Number(isOpen(a)) ||
    (b.escalationLevel ?? 0) - (a.escalationLevel ?? 0) ||
    Date.parse(a.receivedAt) - Date.parse(b.receivedAt) ||
    a.id - b.id
  );
}

/**
 * The request body for moving a case to `to`: a false alarm takes its cause, and a note when the
 * cause is "other"; the API checks the same and answers 400 otherwise.
 */
export function transitionBody(to, cause, note) {
  const body = { to };
  if (to === 'false_alarm') body.cause = cause;
  if (note && note.trim()) body.note = note.trim();
  return body;
}

/** Whether the form may be sent: a false alarm needs a cause, and "other" also a note. */
export function transitionReady(to, cause, note) {
  if (to !== 'false_alarm') return true;
  if (!FALSE_ALARM_CAUSES.includes(cause)) return false;
  return cause !== 'other' || Boolean(note && note.trim());
}

/**
 * The building schematic of the building `deviceId` is in: floors (highest first) × the fire
 * facilities on each, with those that have an open case marked. `devices` are the community's
 * devices (their `building` is the building's name), `alarmed` a set of device ids. Each detector's
 * `state` is 'alarm' for an open case, else its `deviceStatus` (online, offline or disabled, as the
 * console's device list shows it).
 */
export function schematic(devices, deviceId, alarmed) {
  const building = devices.find((d) => d.id === deviceId)?.building;
  if (building === undefined) return [];
  const floors = new Map();
  for (const d of devices) {
    if (d.building !== building || !['smoke_detector', 'fire_panel'].includes(d.type)) continue;
    const floor = d.floor ?? 0;
    if (!floors.has(floor)) floors.set(floor, []);
    floors.get(floor).push({ id: d.id, name: d.name || d.id, alarm: alarmed.has(d.id),
      state: alarmed.has(d.id) ? 'alarm' : deviceStatus(d) });
  }
  return [...floors.entries()]
    .sort(([a], [b]) => b - a)
    .map(([floor, detectors]) => ({ floor, detectors: detectors.sort((x, y) => x.id.localeCompare(y.id, undefined, { numeric: true })) }));
}
