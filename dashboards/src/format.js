// Pure formatting helpers: no DOM, no clock of their own, so tests can pin every case.

/** Device types the platform knows, in the order the console lists them. */
export const DEVICE_TYPES = Object.freeze({
  elevator: { en: 'Elevator', zh: '电梯' },
  camera: { en: 'Camera', zh: '摄像机' },
  parcel_locker: { en: 'Parcel locker', zh: '智能快件箱' },
  ev_charger: { en: 'EV charger', zh: '充电桩' },
  smoke_detector: { en: 'Smoke detector', zh: '烟感' },
  fire_panel: { en: 'Fire panel', zh: '消防主机' },
});

const TYPE_ORDER = Object.keys(DEVICE_TYPES);

/** Returns `{en, zh}` for a device type; an unknown type is shown as sent, never dropped. */
export function typeLabel(type) {
  return DEVICE_TYPES[type] ?? { en: String(type ?? 'unknown'), zh: '' };
}

/** Orders known types as in DEVICE_TYPES, unknown ones after them alphabetically. */
export function compareTypes(a, b) {
  return typeRank(a) - typeRank(b) || String(a).localeCompare(String(b));
}

function typeRank(type) {
  const i = TYPE_ORDER.indexOf(type);
  return i < 0 ? TYPE_ORDER.length : i;
}

const INTEGER = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const TWO_DECIMALS = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
const ONE_DECIMAL = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });
const SMALL = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 3 });
const MAX_TEXT = 24;

/**
 * Formats one telemetry value for a compact chip: integers grouped, fractions rounded to what
 * a person reads at a glance, tiny and huge magnitudes in exponent form, text truncated.
 */
export function formatValue(value) {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text;
}

function formatNumber(n) {
  if (!Number.isFinite(n)) return String(n);
  const abs = Math.abs(n);
  if (abs !== 0 && (abs < 0.001 || abs >= 1e12)) return n.toExponential(2);
  if (Number.isInteger(n)) return INTEGER.format(n);
  if (abs >= 100) return ONE_DECIMAL.format(n);
  if (abs >= 1) return TWO_DECIMALS.format(n);
  return SMALL.format(n);
}

/**
 * Describes how long ago `iso` was, relative to `nowMs`: "just now", "3 s ago", "5 min ago",
 * "2 h ago", "4 d ago"; "never" without a timestamp. A timestamp slightly ahead of the
 * browser's clock (skew) reads "just now" rather than a negative age.
 */
export function formatRelative(iso, nowMs) {
  if (!iso) return 'never';
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return 'unknown';
  const seconds = Math.floor((nowMs - at) / 1000);
  if (seconds < 1) return 'just now';
  if (seconds < 60) return `${seconds} s ago`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  return `${Math.floor(hours / 24)} d ago`;
}

/** Joins building, floor and location into one line, skipping what the device lacks. */
export function formatPlace(device) {
  const parts = [];
  if (device.building) parts.push(device.building);
  if (device.floor !== null && device.floor !== undefined) parts.push(formatFloor(device.floor));
  if (device.location) parts.push(device.location);
  return parts.length ? parts.join(' · ') : '—';
}

/** Names a floor the way Chinese buildings sign it: 5F above ground, B1 for the first basement. */
export function formatFloor(floor) {
  return floor < 0 ? `B${-floor}` : `${floor}F`;
}

/** Returns `[name, formatted]` pairs of a device's latest values, sorted by name. */
export function latestEntries(latest) {
  if (!latest || typeof latest !== 'object') return [];
  return Object.keys(latest)
    .sort((a, b) => a.localeCompare(b))
    .map((name) => [name, formatValue(latest[name])]);
}
