import { describe, expect, it } from 'vitest';
import { dayMs, forecastLines } from '../src/forecast.js';

const DAY = 86_400_000;
const forecast = {
  expectedOn: '2027-01-10', earliestOn: '2027-01-05', latestOn: '2027-01-20',
  evidence: { points: 30, firstDay: '2026-11-01', lastDay: '2026-12-01', slopePerDay: 0.5, slopeLow: 0.25, slopeHigh: 1, level: 60, limit: 80, rising: true },
};

describe('forecast evidence lines', () => {
  it('draw the trend through the last level to the expected day, on the limit there', () => {
    const lines = forecastLines(forecast);
    expect(lines.line[0]).toEqual([dayMs('2026-11-01'), 60 - 0.5 * 30]);
    expect(lines.line[1]).toEqual([dayMs('2027-01-10'), 60 + 0.5 * 40]);
    expect(lines.expected).toEqual([[dayMs('2027-01-10'), 80]]);
  });

  it('open the band from the last day at the slope bounds, to the latest day', () => {
    const lines = forecastLines(forecast);
    expect(lines.low).toEqual([[dayMs('2026-12-01'), 60], [dayMs('2027-01-20'), 60 + 0.25 * 50]]);
    expect(lines.high[1]).toEqual([dayMs('2027-01-20'), 60 + 1 * 50]);
    expect(lines.limit).toEqual([[dayMs('2026-11-01'), 80], [dayMs('2027-01-20'), 80]]);
    expect(dayMs('2026-12-02') - dayMs('2026-12-01')).toBe(DAY);
  });

  it('give nothing without evidence', () => {
    expect(forecastLines(null)).toBeNull();
    expect(forecastLines({ reason: 'alert' })).toBeNull();
  });
});
