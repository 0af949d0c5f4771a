// Translated labels of the API's codes (device types, alert types, states, floors, places),
// built on the i18n `t` so that an unknown code is shown as sent, never dropped.
import { alertTypeParts, floorParts, relativeParts } from './format.js';

/** Translates `key` if the catalogue has it, else returns `fallback`. */
export function tOr(i18n, key, fallback) {
  return i18n.te(key) ? i18n.t(key) : fallback;
}

/** The label of a device type. */
export const deviceTypeLabel = (i18n, type) => tOr(i18n, `deviceType.${type}`, String(type ?? i18n.t('deviceType.unknown')));

/** The label of an alert type: the catalogued base plus its detail ("Elevator fault 04"). */
export function alertTypeLabel(i18n, type) {
  const [base, rest] = alertTypeParts(type);
  const label = tOr(i18n, `alertType.${base}`, base);
  return rest ? `${label} · ${rest.replaceAll('.', ' · ')}` : label;
}

/** A floor as signed in the UI language. */
export function floorLabel(i18n, floor) {
  if (floor === null || floor === undefined) return '';
  const { key, n } = floorParts(floor);
  return i18n.t(key, { n });
}

/** Building, floor and location of a device joined into one line. */
export function placeLabel(i18n, d) {
  const parts = [d.building ?? d.buildingId, floorLabel(i18n, d.floor), d.location].filter((p) => p !== null && p !== undefined && p !== '');
  return parts.length ? parts.join(' · ') : '—';
}

/** "3 min ago" in the UI language. */
export function relativeLabel(i18n, iso, nowMs) {
  const { key, n } = relativeParts(iso, nowMs);
  return i18n.t(key, { n });
}
