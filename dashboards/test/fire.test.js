import { describe, expect, it } from 'vitest';
import { boardOrder, schematic, transitionBody, transitionReady, upsertCase } from '../src/fire.js';

const fc = (over) => ({ id: 1, state: 'received', escalationLevel: 0, receivedAt: '2026-11-29T08:00:00Z', updatedAt: '2026-11-29T08:00:00Z', ...over });

describe('the fire workflow form', () => {
  it('asks a false alarm for its cause, and "other" also for a note', () => {
    expect(transitionReady('verifying', '', '')).toBe(true);
    expect(transitionReady('false_alarm', '', '')).toBe(false);
    expect(transitionReady('false_alarm', 'dust', '')).toBe(true);
    expect(transitionReady('false_alarm', 'other', '  ')).toBe(false);
    expect(transitionReady('false_alarm', 'other', 'kids')).toBe(true);
    expect(transitionReady('false_alarm', 'burnt toast', 'x')).toBe(false);
  });

  it('sends the cause only with a false alarm and a trimmed note only when given', () => {
    expect(transitionBody('verifying', 'dust', '')).toEqual({ to: 'verifying' });
    expect(transitionBody('false_alarm', 'other', ' kids ')).toEqual({ to: 'false_alarm', cause: 'other', note: 'kids' });
  });
});

describe('the board', () => {
  it('keeps the newest snapshot of a case and says when one is new', () => {
    const cases = new Map();
    expect(upsertCase(cases, fc({ transitions: [{ to: 'received' }] }))).toBe(true);
    expect(upsertCase(cases, fc({ state: 'acknowledged', updatedAt: '2026-11-29T08:01:00Z' }))).toBe(false);
    expect(upsertCase(cases, fc({ state: 'received', updatedAt: '2026-11-29T08:00:30Z' }))).toBe(false);
    expect(cases.get(1).state).toBe('acknowledged');
    expect(cases.get(1).transitions).toHaveLength(1);
  });

  it('puts open before closed, escalated first, then the longest waiting', () => {
    const list = [
      fc({ id: 1, state: 'closed', receivedAt: '2026-11-29T07:00:00Z' }),
      fc({ id: 2, receivedAt: '2026-11-29T08:05:00Z' }),
      fc({ id: 3, receivedAt: '2026-11-29T08:01:00Z' }),
      fc({ id: 4, escalationLevel: 1, receivedAt: '2026-11-29T08:09:00Z' }),
    ];
    expect(list.sort(boardOrder).map((c) => c.id)).toEqual([4, 3, 2, 1]);
  });

  it('draws the building as floors, highest first, with the fire facilities on each', () => {
    const devices = [
      { id: 'd-2', type: 'smoke_detector', building: 'B1', floor: 2, online: true },
      { id: 'd-10', type: 'smoke_detector', building: 'B1', floor: 2, online: false },
      { id: 'd-1', type: 'smoke_detector', building: 'B1', floor: -1, online: true },
      { id: 'd-3', type: 'smoke_detector', building: 'B1', floor: 2, online: true, enabled: false },
      { id: 'lift', type: 'elevator', building: 'B1', floor: 2, online: true },
      { id: 'other', type: 'smoke_detector', building: 'B2', floor: 2, online: true },
    ];
    const floors = schematic(devices, 'd-10', new Set(['d-10']));
    expect(floors.map((f) => f.floor)).toEqual([2, -1]);
    expect(floors[0].detectors.map((d) => [d.id, d.alarm])).toEqual([['d-2', false], ['d-3', false], ['d-10', true]]);
    // as the console's device list: a detector taken out of service is disabled, whatever its connection
    expect(floors.flatMap((f) => f.detectors).map((d) => [d.id, d.state]))
      .toEqual([['d-2', 'online'], ['d-3', 'disabled'], ['d-10', 'alarm'], ['d-1', 'online']]);
    expect(schematic(devices, 'unknown', new Set())).toEqual([]);
  });
});
