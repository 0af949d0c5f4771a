// Pure helpers of the maintenance screens (docs/maintenance.md): the rule a refusal names, the
// local day, the calendar grouped by day, and the work order an occurrence or forecast opened.
import { DEFAULT_TIME_ZONE } from './format.js';

/** Plan kinds in the API's order (openapi.yaml MaintenancePlanRequest.kind). */
export const PLAN_KINDS = Object.freeze(['elevator_half_monthly', 'elevator_quarterly', 'elevator_half_yearly', 'elevator_annual',
  'elevator_inspection_application', 'uitd_transmission_test', 'uitd_self_test', 'detector_test', 'detector_battery',
  'charger_inspection', 'locker_inspection', 'camera_inspection']);

/** Work-order statuses still in hand (the calendar links these, not settled ones). */
export const OPEN_WORK = Object.freeze(['open', 'assigned', 'in_progress', 'done']);

/** The rule an API refusal names (`rule elevator.max_15_days: ...`, `assets[0].mode: rule x: ...`), or null. */
export function ruleOf(message) {
  const match = /\brule ([a-z0-9_]+\.[a-z0-9_]+)\b/.exec(message ?? '');
  return match ? match[1] : null;
}

/** Today in the platform's zone (Asia/Shanghai) as `YYYY-MM-DD`, for `nowMs` (default now). */
export function localDay(nowMs = Date.now(), timeZone = DEFAULT_TIME_ZONE) {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(nowMs);
}

/** `day` (`YYYY-MM-DD`) plus `n` days. */
export function addDays(day, n) {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/**
 * Calendar rows grouped by day, soonest first: `[{day, overdue, items}]`. `occurrences` are the
 * calendar's; `overdue` the plans whose next occurrence is before `today` (shown first, as one
 * entry per plan on its due day).
 */
export function calendarDays(occurrences, overduePlans, today) {
  const byDay = new Map();
  const put = (day, item) => (byDay.get(day) ?? byDay.set(day, []).get(day)).push(item);
  for (const p of overduePlans ?? []) {
    if (p.nextDueOn && p.nextDueOn < today) put(p.nextDueOn, { dueOn: p.nextDueOn, deviceId: p.deviceId, planId: p.id, kind: p.kind, minCrew: p.minCrew });
  }
  for (const o of occurrences ?? []) put(o.dueOn, o);
  return [...byDay.keys()].sort().map((day) => ({ day, overdue: day < today, items: byDay.get(day) }));
}

/** The work order opened for a plan's occurrence (`plan:<planId>:<dueOn>`), from `orders`, or undefined. */
export function planOrder(orders, planId, dueOn) {
  const ref = `plan:${planId}:${dueOn}`;
  return orders.find((o) => o.sourceRef === ref);
}

/** The newest work order a forecast opened (`forecast:<device>/<subject>/<metric>/<day>`), or undefined. */
export function forecastOrder(orders, f) {
  const prefix = `forecast:${f.deviceId}/${f.subject}/${f.metric}/`;
  return orders.filter((o) => o.sourceRef?.startsWith(prefix)).sort((a, b) => b.id - a.id)[0];
}

/**
 * A work order's checklist answers as the checkboxes' state: the API keeps each answered item as
 * `{ok, note}`, so an item is ticked when it was answered ok.
 */
export function checklistAnswers(results) {
  return Object.fromEntries(Object.entries(results ?? {}).map(([item, r]) => [item, r === true || r?.ok === true]));
}

/** Work-order statuses still to be worked (the overview's "due"): not yet done, verified or cancelled. */
export const UNFINISHED_WORK = Object.freeze(['open', 'assigned', 'in_progress']);

/**
 * The overview's work figures from `orders`: `due` counts the unfinished ones due `today` or
 * earlier, `overdue` those of them due before `today` (days are `YYYY-MM-DD`, so they compare as text).
 */
export function dueWork(orders, today) {
  let due = 0;
  let overdue = 0;
  for (const o of orders ?? []) {
    if (!UNFINISHED_WORK.includes(o.status) || !o.dueOn || o.dueOn > today) continue;
    due += 1;
    if (o.dueOn < today) overdue += 1;
  }
  return { due, overdue };
}
