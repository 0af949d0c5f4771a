import { describe, expect, it } from 'vitest';
import { freeLeft, lockerPlace, parcelBadge } from '../src/resident/parcels.js';

const NOW = Date.parse('2026-12-01T10:00:00Z');

describe('parcel notices', () => {
  it('counts the free period down in whole minutes, rounding up', () => {
    expect(freeLeft('2026-12-02T10:00:00Z', NOW)).toEqual({ h: 24, m: 0 });
    expect(freeLeft('2026-12-01T11:30:01Z', NOW)).toEqual({ h: 1, m: 31 });
    expect(freeLeft('2026-12-01T10:00:00Z', NOW)).toBeNull();
    expect(freeLeft('2026-12-01T09:00:00Z', NOW)).toBeNull();
  });

  it('badges a parcel past its free period or reported overdue as overdue, and a collected one as picked up', () => {
    const waiting = { state: 'waiting', overdue: false, freeUntil: '2026-12-02T10:00:00Z' };
    expect(parcelBadge(waiting, NOW)).toBe('waiting');
    expect(parcelBadge(waiting, Date.parse('2026-12-02T10:00:01Z'))).toBe('overdue');
    expect(parcelBadge({ ...waiting, state: 'overdue' }, NOW)).toBe('overdue');
    expect(parcelBadge({ ...waiting, state: 'picked_up' }, Date.parse('2026-12-05T00:00:00Z'))).toBe('pickedUp');
  });

  it('names the locker by its location, building and address', () => {
    expect(lockerPlace({ location: 'Lobby', building: 'Building 1', floor: 1, address: '1 Elm Road' }))
      .toBe('Lobby · Building 1 · 1 Elm Road');
    expect(lockerPlace({ location: null, building: 'Building 1', address: null })).toBe('Building 1');
    expect(lockerPlace(null)).toBe('');
  });
});
