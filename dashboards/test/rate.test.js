import { describe, expect, it } from 'vitest';
import { MessageRate, bucketStart } from '../src/rate.js';

const T0 = Date.parse('2026-11-29T07:00:00.000Z');

describe('bucketStart', () => {
  it('aligns to wall-clock multiples of the bucket', () => {
    expect(bucketStart(T0)).toBe(T0);
    expect(bucketStart(T0 + 9_999)).toBe(T0);
    expect(bucketStart(T0 + 10_000)).toBe(T0 + 10_000);
    expect(bucketStart(T0 + 25_000, 5_000)).toBe(T0 + 25_000);
  });
});

describe('MessageRate', () => {
  it('reports 60 zero-filled 10 s buckets ending with the current one', () => {
    const rate = new MessageRate();
    const series = rate.series(T0 + 4_000);
    expect(series).toHaveLength(60);
    expect(series.at(-1)).toEqual([T0, 0]);
    expect(series[0]).toEqual([T0 - 590_000, 0]);
    expect(series.every(([, n]) => n === 0)).toBe(true);
  });

  it('counts each message in the bucket of its arrival time', () => {
    const rate = new MessageRate();
    rate.record(T0 + 1_000);
    rate.record(T0 + 9_999);
    rate.record(T0 + 10_000);
    rate.record(T0 + 25_000, 3);
    const series = new Map(rate.series(T0 + 29_000));
    expect(series.get(T0)).toBe(2);
    expect(series.get(T0 + 10_000)).toBe(1);
    expect(series.get(T0 + 20_000)).toBe(3);
    expect(series.get(T0 - 10_000)).toBe(0);
  });

  it('drops buckets that slid out of the 10-minute window', () => {
    const rate = new MessageRate();
    rate.record(T0, 5);
    rate.record(T0 + 30_000, 1);
    const later = T0 + 600_000; // T0's bucket is now exactly one window old
    const series = rate.series(later);
    expect(series[0]).toEqual([T0 + 10_000, 0]);
    expect(series.reduce((sum, [, n]) => sum + n, 0)).toBe(1);
    expect(rate.counts.has(T0)).toBe(false);
  });

  it('forgets everything on clear', () => {
    const rate = new MessageRate({ bucketMs: 1_000, windowMs: 5_000 });
    rate.record(T0);
    rate.clear();
    expect(rate.series(T0)).toEqual([
      [T0 - 4_000, 0],
      [T0 - 3_000, 0],
      [T0 - 2_000, 0],
      [T0 - 1_000, 0],
      [T0, 0],
    ]);
  });

  it('rejects a window that is not a multiple of the bucket', () => {
    expect(() => new MessageRate({ bucketMs: 10_000, windowMs: 15_000 })).toThrow(RangeError);
    expect(() => new MessageRate({ bucketMs: 0 })).toThrow(RangeError);
  });
});
