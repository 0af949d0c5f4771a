import { describe, expect, it } from 'vitest';
import { addDays, calendarDays, dueWork, checklistAnswers, forecastOrder, localDay, planOrder, ruleOf } from '../src/maintenance.js';

describe('maintenance screens', () => {
  it('finds the rule an API refusal names, also behind a field', () => {
    expect(ruleOf('rule elevator.max_15_days: every 16 is more than 15 days')).toBe('elevator.max_15_days');
    expect(ruleOf('assets[0].mode: rule mode.on_demand_elevators_only: on_demand is for elevators')).toBe('mode.on_demand_elevators_only');
    expect(ruleOf('no device elev-2x')).toBeNull();
    expect(ruleOf(undefined)).toBeNull();
  });

  it('counts days in the platform zone, across a month end', () => {
    // 2027-01-31T17:00Z is already 1 February in Shanghai
    expect(localDay(Date.parse('2027-01-31T17:00:00Z'))).toBe('2027-02-01');
    expect(addDays('2027-02-27', 2)).toBe('2027-03-01');
  });

  it('groups occurrences by day with overdue plans first', () => {
    const days = calendarDays(
      [{ dueOn: '2027-03-05', deviceId: 'elev-1', planId: 1 }, { dueOn: '2027-03-02', deviceId: 'det-1', planId: 2 },
        { dueOn: '2027-03-05', deviceId: 'evc-1', planId: 3 }],
      [{ id: 4, deviceId: 'lock-1', kind: 'locker_inspection', nextDueOn: '2027-02-20' }, { id: 1, nextDueOn: '2027-03-05' }],
      '2027-03-01');
    expect(days.map((d) => [d.day, d.overdue, d.items.length])).toEqual([['2027-02-20', true, 1], ['2027-03-02', false, 1], ['2027-03-05', false, 2]]);
  });

  it('links an occurrence and a forecast to the work order they opened', () => {
    const orders = [{ id: 7, sourceRef: 'plan:1:2027-03-05' }, { id: 8, sourceRef: 'forecast:det-1/battery_depletion/battery/2027-02-01' },
      { id: 9, sourceRef: 'forecast:det-1/battery_depletion/battery/2027-03-01' }, { id: 10, sourceRef: 'forecast:det-10/battery_depletion/battery/2027-03-01' }];
    expect(planOrder(orders, 1, '2027-03-05').id).toBe(7);
    expect(planOrder(orders, 1, '2027-03-20')).toBeUndefined();
    expect(forecastOrder(orders, { deviceId: 'det-1', subject: 'battery_depletion', metric: 'battery' }).id).toBe(9);
  });

  it('ticks the checklist items the API holds as answered ok', () => {
    expect(checklistAnswers({ 'elevator.brake': { ok: true, note: null }, 'elevator.pit': { ok: false } })).toEqual({ 'elevator.brake': true, 'elevator.pit': false });
    expect(checklistAnswers(null)).toEqual({});
  });
});

describe('the overview\'s work orders due', () => {
  it('counts unfinished orders due today or earlier, the earlier ones overdue', () => {
    const orders = [
      { status: 'open', dueOn: '2027-03-01' }, { status: 'assigned', dueOn: '2027-03-05' },
      { status: 'in_progress', dueOn: '2027-02-20' }, { status: 'open', dueOn: '2027-03-06' },
      { status: 'done', dueOn: '2027-03-01' }, { status: 'verified', dueOn: '2027-03-01' },
      { status: 'cancelled', dueOn: '2027-03-01' }, { status: 'open', dueOn: null },
    ];
    expect(dueWork(orders, '2027-03-05')).toEqual({ due: 3, overdue: 2 });
    expect(dueWork(orders, '2027-02-19')).toEqual({ due: 0, overdue: 0 });
    expect(dueWork(undefined, '2027-03-05')).toEqual({ due: 0, overdue: 0 });
  });
});
