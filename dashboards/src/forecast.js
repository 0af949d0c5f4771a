// The evidence of a maintenance forecast (docs/maintenance.md "Forecasts") as chart data: the
// Theil–Sen trend line through the last level, the band between the slope's confidence bounds,
// the limit, and the day the trend is expected to reach it. Pure: the API computed every figure.

const DAY_MS = 86_400_000;

/** The instant a local day starts in Asia/Shanghai (UTC+8, no daylight saving), in ms. */
export const dayMs = (day) => Date.parse(`${day}T00:00:00+08:00`);

/**
 * Chart data of a forecast `{expectedOn, earliestOn, latestOn, evidence: {...}}` (or its bare
 * evidence): `{line, low, high, limit, expected}` as `[ms, value]` pairs, or null without evidence.
 * The line runs from the first day of the series to the expected day; the band from the last day
 * to the latest (slow slope) and earliest (fast slope) days.
 */
export function forecastLines(forecast) {
  const ev = forecast?.evidence ?? forecast;
  if (!ev || !Number.isFinite(ev.slopePerDay) || !ev.lastDay) return null;
  const last = dayMs(ev.lastDay);
  const at = (slope, ms) => ev.level + (slope * (ms - last)) / DAY_MS;
  const end = forecast?.latestOn ?? forecast?.expectedOn;
  const endMs = end ? dayMs(end) : last + 30 * DAY_MS;
  const first = ev.firstDay ? dayMs(ev.firstDay) : last;
  const expectedMs = forecast?.expectedOn ? dayMs(forecast.expectedOn) : null;
  return {
    line: [[first, at(ev.slopePerDay, first)], [expectedMs ?? endMs, at(ev.slopePerDay, expectedMs ?? endMs)]],
    low: [[last, at(ev.slopeLow, last)], [endMs, at(ev.slopeLow, endMs)]],
    high: [[last, at(ev.slopeHigh, last)], [endMs, at(ev.slopeHigh, endMs)]],
    limit: Number.isFinite(ev.limit) ? [[first, ev.limit], [endMs, ev.limit]] : [],
    expected: expectedMs === null ? [] : [[expectedMs, at(ev.slopePerDay, expectedMs)]],
  };
}
