import { describe, expect, it } from 'vitest';
import { alertActions, sortAlerts } from '../src/alerts.js';

describe('sortAlerts', () => {
  it('puts the most severe first, then the most recently seen', () => {
    const sorted = sortAlerts([
      { id: 1, severity: 'minor', lastSeen: '2026-11-29T08:00:00Z' },
      { id: 2, severity: 'critical', lastSeen: '2026-11-29T07:00:00Z' },
      { id: 3, severity: 'minor', lastSeen: '2026-11-29T09:00:00Z' },
      { id: 4, severity: 'major', lastSeen: '2026-11-29T06:00:00Z' },
    ]);
    expect(sorted.map((a) => a.id)).toEqual([2, 4, 3, 1]);
  });
});

describe('alertActions', () => {
  it('offers acknowledge and resolve on open alerts, resolve on acknowledged ones', () => {
    expect(alertActions({ status: 'open' })).toEqual(['acknowledge', 'resolve']);
    expect(alertActions({ status: 'acknowledged' })).toEqual(['resolve']);
    expect(alertActions({ status: 'resolved' })).toEqual([]);
  });

  it('offers nothing on fire alarms: they follow the fire workflow', () => {
    expect(alertActions({ status: 'open', fireCaseId: 7 })).toEqual([]);
  });
});
