// Pure, locale-aware formatting: no DOM, no clock of its own, so tests pin every case. Numbers,
// money and dates follow the UI language; dates are shown in Asia/Shanghai unless told otherwise.

/** Device types the platform knows, in the order the console lists them. */
export const DEVICE_TYPES = Object.freeze(['elevator', 'camera', 'parcel_locker', 'ev_charger', 'smoke_detector', 'fire_panel']);

/** The time zone dates are shown in by default (the platform's rollup.dayZone default). */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/** Orders known types as in DEVICE_TYPES, unknown ones after them alphabetically. */
export function compareTypes(a, b) {
  return typeRank(a) - typeRank(b) || String(a).localeCompare(String(b));
}

function typeRank(type) {
  const i = DEVICE_TYPES.indexOf(type);
  return i < 0 ? DEVICE_TYPES.length : i;
}

const cache = new Map();
function cached(kind, locale, options, make) {
  const key = `${kind}|${locale}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) cache.set(key, (f = make()));
  return f;
}
const numberFormat = (locale, options) => cached('n', locale, options, () => new Intl.NumberFormat(locale, options));
const dateFormat = (locale, options) => cached('d', locale, options, () => new Intl.DateTimeFormat(locale, options));

/** Formats a number with the locale's grouping, at most `maxFractionDigits` decimals. */
export function formatNumber(n, locale, maxFractionDigits = 2) {
  if (n === null || n === undefined || n === '') return '—';
  if (!Number.isFinite(n)) return String(n);
  return numberFormat(locale, { maximumFractionDigits: maxFractionDigits }).format(n);
}

/**
 * Formats one telemetry value for a compact chip: integers grouped, fractions rounded to what a
 * person reads at a glance, tiny and huge magnitudes in exponent form, text truncated.
 */
export function formatValue(value, locale) {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (typeof value !== 'number') {
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    return text.length > 24 ? `${text.slice(0, 23)}…` : text;
  }
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  if (abs !== 0 && (abs < 0.001 || abs >= 1e12)) return value.toExponential(2);
  if (Number.isInteger(value)) return formatNumber(value, locale, 0);
  if (abs >= 100) return formatNumber(value, locale, 1);
  if (abs >= 1) return formatNumber(value, locale, 2);
  return numberFormat(locale, { maximumSignificantDigits: 3 }).format(value);
}

/**
 * Formats an amount in fen (分, the API's integer unit of money) as yuan with the ¥ sign and two
 * decimals in the locale's style: 123456 → "¥1,234.56". Integer arithmetic keeps the cents exact.
 */
export function formatMoney(fen, locale) {
  if (fen === null || fen === undefined) return '—';
  if (!Number.isSafeInteger(fen)) throw new RangeError(`money must be an integer number of fen, got ${fen}`);
  const negative = fen < 0;
  const abs = Math.abs(fen);
  const yuan = numberFormat(locale, { maximumFractionDigits: 0 }).format(Math.floor(abs / 100));
  const decimal = numberFormat(locale, {}).formatToParts(1.5).find((p) => p.type === 'decimal')?.value ?? '.';
  return `${negative ? '-' : ''}¥${yuan}${decimal}${String(abs % 100).padStart(2, '0')}`;
}

/** Formats an ISO timestamp as date and time in `timeZone` (Asia/Shanghai by default). */
export function formatDateTime(iso, locale, timeZone = DEFAULT_TIME_ZONE) {
  if (!iso) return '—';
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return String(iso);
  return dateFormat(locale, {
    timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
  }).format(at);
}

/** Formats an ISO timestamp as a time of day (HH:mm:ss) in `timeZone`. */
export function formatTime(iso, locale, timeZone = DEFAULT_TIME_ZONE) {
  if (!iso) return '—';
  return dateFormat(locale, { timeZone, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
}

/**
 * Describes how long ago `iso` was as an i18n key and count: `{key: 'common.minutesAgo', n: 5}`.
 * A timestamp slightly ahead of the browser's clock (skew) reads "just now".
 */
export function relativeParts(iso, nowMs) {
  if (!iso) return { key: 'common.never', n: 0 };
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return { key: 'common.never', n: 0 };
  const seconds = Math.floor((nowMs - at) / 1000);
  if (seconds < 1) return { key: 'common.justNow', n: 0 };
  if (seconds < 60) return { key: 'common.secondsAgo', n: seconds };
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return { key: 'common.minutesAgo', n: minutes };
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return { key: 'common.hoursAgo', n: hours };
  return { key: 'common.daysAgo', n: Math.floor(hours / 24) };
}

/** Formats a duration as H:MM:SS (or M:SS under an hour), for clocks such as the rescue SLA. */
export function formatDuration(ms) {
  const total = Math.floor(Math.abs(ms) / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** Formats a byte count in binary units (KiB, MiB, GiB) with the locale's decimals. */
export function formatBytes(bytes, locale) {
  if (bytes === null || bytes === undefined) return '—';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${formatNumber(value, locale, unit === 0 ? 0 : 1)} ${units[unit]}`;
}

/** The i18n key and count of a floor as Chinese buildings sign it: 5F above ground, B1 below. */
export function floorParts(floor) {
  return floor < 0 ? { key: 'format.floorBelow', n: -floor } : { key: 'format.floorAbove', n: floor };
}

/** Splits an alert type into its catalogued base and the rest: "elevator_fault.04" → ["elevator_fault", "04"]. */
export function alertTypeParts(type) {
  const text = String(type ?? '');
  const dot = text.indexOf('.');
  return dot < 0 ? [text, ''] : [text.slice(0, dot), text.slice(dot + 1)];
}

/** Returns `[name, value]` pairs of a device's latest values, sorted by name. */
export function latestEntries(latest) {
  if (!latest || typeof latest !== 'object') return [];
  return Object.keys(latest).sort((a, b) => a.localeCompare(b)).map((name) => [name, latest[name]]);
}

/**
 * Parses an amount typed in yuan ("12", "12.5", "1,234.56", "¥8") into integer fen without
 * floating point: 12.5 → 1250. Returns null for anything that is not a non-negative amount with
 * at most two decimals.
 */
export function parseMoney(text) {
  const clean = String(text ?? '').trim().replace(/^¥/, '').replaceAll(',', '');
  const match = /^(\d{1,13})(?:\.(\d{1,2}))?$/.exec(clean);
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}
