import { describe, expect, it } from 'vitest';
import { compareTypes, formatFloor, formatPlace, formatRelative, formatValue, latestEntries, typeLabel } from '../src/format.js';

describe('formatValue', () => {
  it('groups integers and keeps them exact', () => {
    expect(formatValue(0)).toBe('0');
    expect(formatValue(42)).toBe('42');
    expect(formatValue(-1234567)).toBe('-1,234,567');
  });

  it('rounds fractions to what a glance needs, by magnitude', () => {
    expect(formatValue(12.5)).toBe('12.5');
    expect(formatValue(12.3456)).toBe('12.35');
    expect(formatValue(230.47)).toBe('230.5');
    expect(formatValue(1234.56)).toBe('1,234.6');
    expect(formatValue(0.12345)).toBe('0.123');
    expect(formatValue(2.0000001)).toBe('2');
  });

  it('switches to exponent form for tiny and huge magnitudes', () => {
    expect(formatValue(0.000123)).toBe('1.23e-4');
    expect(formatValue(3.5e13)).toBe('3.50e+13');
  });

  it('shows non-finite numbers, booleans, null and missing values readably', () => {
    expect(formatValue(NaN)).toBe('NaN');
    expect(formatValue(Infinity)).toBe('Infinity');
    expect(formatValue(true)).toBe('true');
    expect(formatValue(false)).toBe('false');
    expect(formatValue(null)).toBe('—');
    expect(formatValue(undefined)).toBe('—');
  });

  it('truncates long text and serialises objects', () => {
    expect(formatValue('idle')).toBe('idle');
    expect(formatValue('x'.repeat(30))).toBe(`${'x'.repeat(23)}…`);
    expect(formatValue({ a: 1 })).toBe('{"a":1}');
    expect(formatValue([1, 2])).toBe('[1,2]');
  });
});

describe('formatRelative', () => {
  const now = Date.parse('2026-11-29T07:10:03.123Z');
  const ago = (ms) => new Date(now - ms).toISOString();

  it('says "never" without a timestamp and "unknown" for garbage', () => {
    expect(formatRelative(null, now)).toBe('never');
    expect(formatRelative('', now)).toBe('never');
    expect(formatRelative('not a date', now)).toBe('unknown');
  });

  it('counts whole seconds, minutes, hours and days', () => {
    expect(formatRelative(ago(3_400), now)).toBe('3 s ago');
    expect(formatRelative(ago(59_999), now)).toBe('59 s ago');
    expect(formatRelative(ago(60_000), now)).toBe('1 min ago');
    expect(formatRelative(ago(59 * 60_000 + 59_000), now)).toBe('59 min ago');
    expect(formatRelative(ago(2 * 3_600_000 + 5_000), now)).toBe('2 h ago');
    expect(formatRelative(ago(3 * 86_400_000), now)).toBe('3 d ago');
  });

  it('reads "just now" under a second and for a timestamp ahead of the local clock', () => {
    expect(formatRelative(ago(999), now)).toBe('just now');
    expect(formatRelative(ago(-4_000), now)).toBe('just now');
  });
});

describe('type labels', () => {
  it('names every platform type in English and Chinese', () => {
    expect(typeLabel('elevator')).toEqual({ en: 'Elevator', zh: '电梯' });
    expect(typeLabel('parcel_locker')).toEqual({ en: 'Parcel locker', zh: '智能快件箱' });
    expect(typeLabel('fire_panel')).toEqual({ en: 'Fire panel', zh: '消防主机' });
  });

  it('shows an unknown type as sent', () => {
    expect(typeLabel('water_meter')).toEqual({ en: 'water_meter', zh: '' });
  });

  it('orders known types first, in console order, then unknown ones alphabetically', () => {
    const sorted = ['zeta', 'fire_panel', 'alpha', 'elevator', 'camera'].sort(compareTypes);
    expect(sorted).toEqual(['elevator', 'camera', 'fire_panel', 'alpha', 'zeta']);
  });
});

describe('formatPlace and latestEntries', () => {
  it('joins what the device has and keeps floor 0', () => {
    expect(formatPlace({ building: 'Building 1', floor: 5, location: 'Lobby' })).toBe('Building 1 · 5F · Lobby');
    expect(formatPlace({ building: 'Building 2', floor: 0, location: null })).toBe('Building 2 · 0F');
    expect(formatPlace({ building: null, floor: null, location: null })).toBe('—');
  });

  it('signs basement floors as B1, B2', () => {
    expect(formatFloor(12)).toBe('12F');
    expect(formatFloor(-1)).toBe('B1');
    expect(formatPlace({ building: 'Building 2', floor: -2, location: 'Garage' })).toBe('Building 2 · B2 · Garage');
  });

  it('sorts metrics by name and formats their values', () => {
    expect(latestEntries({ temperature: 21.456, doorOpen: false, load: 3 })).toEqual([
      ['doorOpen', 'false'],
      ['load', '3'],
      ['temperature', '21.46'],
    ]);
    expect(latestEntries(null)).toEqual([]);
  });
});
