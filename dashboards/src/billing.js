// Pure helpers of the billing screens (no DOM, no clock of their own): what an invoice's status
// reads, the month a billing run is for, and the shares of an owners' vote. The rules themselves
// live in the API (docs/billing.md); these only present what it answers.
import { DEFAULT_TIME_ZONE } from './format.js';

/** The local date (YYYY-MM-DD) of `nowMs` in `timeZone`. */
export function localDate(nowMs, timeZone = DEFAULT_TIME_ZONE) {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(nowMs));
}

/** The month (YYYY-MM) before the one of `nowMs` in `timeZone`: the month a run usually bills. */
export function previousMonth(nowMs, timeZone = DEFAULT_TIME_ZONE) {
  const [y, m] = localDate(nowMs, timeZone).split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/** An invoice's billed month as YYYY-MM (the API gives its first day). */
export const invoiceMonth = (invoice) => String(invoice?.period ?? '').slice(0, 7);

/**
 * The status of an invoice: the API's own `status` when it sends one (paid, partly paid, credited;
 * overdue when it says `overdue`); otherwise by its due date as the API's status filter reads it (open until the due day
 * has passed in Asia/Shanghai, then overdue).
 */
export function invoiceStatus(invoice, nowMs, timeZone = DEFAULT_TIME_ZONE) {
  if (invoice?.status) return invoice.overdue === true ? 'overdue' : invoice.status;
  if (!invoice?.dueOn) return 'open';
  return invoice.dueOn < localDate(nowMs, timeZone) ? 'overdue' : 'open';
}

/** Sum of a list's `amountFen` (integer fen). */
export const sumFen = (rows, key = 'amountFen') => (rows ?? []).reduce((sum, r) => sum + (r?.[key] ?? 0), 0);

/**
 * The shares of a vote's tally as percentages of the whole electorate, by area and by head:
 * `{area: {yes, no, abstain, participating}, owners: {...}}`, each rounded to one decimal.
 */
export function tallyShares(tally) {
  if (!tally) return null;
  const pct = (part, whole) => (whole > 0 ? Math.round((part / whole) * 1000) / 10 : 0);
  const side = (suffix, total) => ({
    yes: pct(tally[`yes${suffix}`], total),
    no: pct(tally[`no${suffix}`], total),
    abstain: pct(tally[`abstain${suffix}`], total),
    participating: pct(tally[`participating${suffix}`], total),
  });
  return { area: side('AreaM2', tally.totalAreaM2), owners: side('Owners', tally.totalOwners) };
}

/** Energy in Wh shown as kWh with up to three decimals. */
export const kwh = (wh) => (wh === null || wh === undefined ? null : Math.round(wh) / 1000);

/** The tariff kinds of the API, in the order the console lists them. */
export const TARIFF_KINDS = Object.freeze(['property_fee', 'space_rent', 'visitor_parking', 'ev_tou', 'parcel_overdue', 'late_fee']);

/**
 * A tariff's prices as one line of text: every number under a field whose name ends in `Fen`
 * (or holds `FenPer`) as money through `money`, other numbers as sent, nested objects as
 * `name(...)`; arrays (the 48 half-hour slots of a time-of-use tariff) are left out, the tiers
 * carry the prices.
 */
export function tariffSummary(body, money) {
  const isMoney = (name) => /Fen($|Per)/.test(name);
  const entries = (obj, inMoney) => Object.entries(obj).map(([k, v]) => part(k, v, inMoney || isMoney(k))).filter(Boolean).join(', ');
  const part = (name, value, inMoney) => {
    if (Array.isArray(value)) return null;
    if (value && typeof value === 'object') return `${name}(${entries(value, inMoney)})`;
    return `${name} ${inMoney && Number.isSafeInteger(value) ? money(value) : value}`;
  };
  return body && typeof body === 'object' ? entries(body, false) : '';
}

/** The ISO instant `days` days before `nowMs`: the `from` of a records query (the API's default is 7 days). */
export const daysBefore = (nowMs, days) => new Date(nowMs - days * 86_400_000).toISOString();

/** How far back the usage lists (visits, charging sessions) look unless told otherwise. */
export const RESIDENT_RECORD_DAYS = 90;
export const STAFF_RECORD_DAYS = 30;

/** The local day (YYYY-MM-DD, Asia/Shanghai) `days` days before `nowMs`: a date filter's default. */
export const dayBefore = (nowMs, days) => localDate(nowMs - days * 86_400_000);

/** The instant a local day starts in Asia/Shanghai (UTC+8 all year, no daylight saving), or null. */
export const dayStart = (day) => (day ? new Date(`${day}T00:00:00+08:00`).toISOString() : null);

/** The revenue streams in the order their bars stack (docs/billing.md "Billable items"). */
export const STREAMS = Object.freeze(['property_fee', 'rent', 'visitor_parking', 'charging', 'parcel', 'late_fee']);

/** The `n` months (YYYY-MM) up to and including the one of `nowMs`: `{from, to}` for the revenue routes. */
export function lastMonths(nowMs, n, timeZone = DEFAULT_TIME_ZONE) {
  const [y, m] = localDate(nowMs, timeZone).split('-').map(Number);
  const first = y * 12 + (m - 1) - (n - 1);
  const month = (i) => `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
  return { from: month(first), to: `${y}-${String(m).padStart(2, '0')}` };
}

/**
 * The revenue rows of the API (`{month, stream, netFen}`) as one bar per month, oldest first:
 * `[{month, totalFen, parts: [{stream, fen}]}]`, parts in STREAMS order (an unknown stream last)
 * and only the streams with revenue that month. A month with only credits can total below zero.
 */
export function revenueByMonth(items) {
  const months = new Map();
  for (const row of items ?? []) {
    const streams = months.get(row.month) ?? new Map();
    streams.set(row.stream, (streams.get(row.stream) ?? 0) + (row.netFen ?? 0));
    months.set(row.month, streams);
  }
  const rank = (s) => (STREAMS.includes(s) ? STREAMS.indexOf(s) : STREAMS.length);
  return [...months.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([month, streams]) => {
    const parts = [...streams.entries()].filter(([, fen]) => fen !== 0).sort(([a], [b]) => rank(a) - rank(b)).map(([stream, fen]) => ({ stream, fen }));
    return { month, totalFen: parts.reduce((sum, p) => sum + p.fen, 0), parts };
  });
}
