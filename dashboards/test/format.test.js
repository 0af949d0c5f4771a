import { describe, expect, it } from 'vitest';
import {
  alertTypeParts, compareTypes, floorParts, formatBytes, formatDateTime, formatDuration, formatMoney, formatNumber,
  formatValue, latestEntries, relativeParts,
} from '../src/format.js';

describe('formatMoney (fen → yuan)', () => {
  it('shows fen as yuan with the ¥ sign, grouping and two exact decimals', () => {
    expect(formatMoney(123456, 'zh-CN')).toBe('¥1,234.56');
    expect(formatMoney(123456, 'en')).toBe('¥1,234.56');
    expect(formatMoney(5, 'zh-CN')).toBe('¥0.05');
    expect(formatMoney(0, 'en')).toBe('¥0.00');
    expect(formatMoney(-1999, 'zh-CN')).toBe('-¥19.99');
  });

  it('keeps cents exact where floating point would not (0.1 + 0.2)', () => {
    expect(formatMoney(30, 'en')).toBe('¥0.30');
    expect(formatMoney(900719925474099, 'en')).toBe('¥9,007,199,254,740.99');
  });

  it('follows the locale decimal sign and refuses a fractional fen', () => {
    expect(formatMoney(123456, 'de')).toBe('¥1.234,56');
    expect(() => formatMoney(1.5, 'en')).toThrow(RangeError);
    expect(formatMoney(null, 'en')).toBe('—');
  });
});

describe('formatNumber and formatValue', () => {
  it('groups per locale', () => {
    expect(formatNumber(1234567.891, 'zh-CN')).toBe('1,234,567.89');
    expect(formatNumber(1234567.891, 'de')).toBe('1.234.567,89');
    expect(formatNumber(null, 'en')).toBe('—');
  });

  it('rounds telemetry to what a person reads at a glance', () => {
    expect(formatValue(12000, 'en')).toBe('12,000');
    expect(formatValue(231.456, 'en')).toBe('231.5');
    expect(formatValue(3.14159, 'en')).toBe('3.14');
    expect(formatValue(0.012345, 'en')).toBe('0.0123');
    expect(formatValue(0.00001, 'en')).toBe('1.00e-5');
    expect(formatValue(true, 'en')).toBe('1');
    expect(formatValue('a'.repeat(30), 'en')).toHaveLength(24);
    expect(formatValue(undefined, 'en')).toBe('—');
  });
});

describe('dates in Asia/Shanghai', () => {
  it('shows UTC instants in Beijing time by default, whatever the browser zone', () => {
    expect(formatDateTime('2026-11-29T16:30:05Z', 'zh-CN')).toBe('2026/11/30 00:30:05');
    expect(formatDateTime('2026-11-29T16:30:05Z', 'en')).toBe('11/30/2026, 00:30:05');
  });

  it('takes another zone when asked and passes bad input through', () => {
    expect(formatDateTime('2026-11-29T16:30:05Z', 'en', 'UTC')).toBe('11/29/2026, 16:30:05');
    expect(formatDateTime(null, 'en')).toBe('—');
    expect(formatDateTime('not a date', 'en')).toBe('not a date');
  });
});

describe('relativeParts', () => {
  const now = Date.parse('2026-11-29T08:00:00Z');
  it('names the unit and count', () => {
    expect(relativeParts('2026-11-29T07:59:57Z', now)).toEqual({ key: 'common.secondsAgo', n: 3 });
    expect(relativeParts('2026-11-29T07:55:00Z', now)).toEqual({ key: 'common.minutesAgo', n: 5 });
    expect(relativeParts('2026-11-29T05:00:00Z', now)).toEqual({ key: 'common.hoursAgo', n: 3 });
    expect(relativeParts('2026-11-25T08:00:00Z', now)).toEqual({ key: 'common.daysAgo', n: 4 });
  });

  it('reads clock skew as just now and a missing time as never', () => {
    expect(relativeParts('2026-11-29T08:00:02Z', now).key).toBe('common.justNow');
    expect(relativeParts(null, now).key).toBe('common.never');
  });
});

describe('small helpers', () => {
  it('formats durations, bytes and floors', () => {
    expect(formatDuration(65_000)).toBe('1:05');
    expect(formatDuration(-3_725_000)).toBe('1:02:05');
    expect(formatBytes(1536, 'en')).toBe('1.5 KiB');
    expect(formatBytes(12, 'en')).toBe('12 B');
    expect(floorParts(-2)).toEqual({ key: 'format.floorBelow', n: 2 });
    expect(floorParts(5)).toEqual({ key: 'format.floorAbove', n: 5 });
  });

  it('splits alert types into base and detail', () => {
    expect(alertTypeParts('elevator_fault.04')).toEqual(['elevator_fault', '04']);
    expect(alertTypeParts('charger_fault.1.ground_failure')).toEqual(['charger_fault', '1.ground_failure']);
    expect(alertTypeParts('fire_alarm')).toEqual(['fire_alarm', '']);
  });

  it('orders known device types first and sorts latest values by name', () => {
    expect(['zebra', 'camera', 'elevator'].sort(compareTypes)).toEqual(['elevator', 'camera', 'zebra']);
    expect(latestEntries({ b: 2, a: 1 })).toEqual([['a', 1], ['b', 2]]);
  });
});
