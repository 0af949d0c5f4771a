import { describe, expect, it } from 'vitest';
import { dayBefore, daysBefore, dayStart, invoiceMonth, invoiceStatus, kwh, lastMonths, localDate, previousMonth, revenueByMonth, sumFen, tallyShares, tariffSummary } from '../src/billing.js';
import { formatMoney, parseMoney } from '../src/format.js';

// 2026-12-31T16:30Z is already 2027-01-01 00:30 in Shanghai.
const NEW_YEAR_SHANGHAI = Date.parse('2026-12-31T16:30:00Z');

describe('billing helpers', () => {
  it('read dates and months in Asia/Shanghai', () => {
    expect(localDate(NEW_YEAR_SHANGHAI)).toBe('2027-01-01');
    expect(localDate(NEW_YEAR_SHANGHAI, 'UTC')).toBe('2026-12-31');
    expect(previousMonth(NEW_YEAR_SHANGHAI)).toBe('2026-12');
    expect(previousMonth(Date.parse('2027-03-15T00:00:00Z'))).toBe('2027-02');
    expect(invoiceMonth({ period: '2026-11-01' })).toBe('2026-11');
  });

  it('give an invoice the API status when it has one, else open until its due day has passed', () => {
    expect(invoiceStatus({ dueOn: '2026-12-31' }, NEW_YEAR_SHANGHAI)).toBe('overdue');
    expect(invoiceStatus({ dueOn: '2027-01-01' }, NEW_YEAR_SHANGHAI)).toBe('open');
    expect(invoiceStatus({ dueOn: '2026-12-31', status: 'paid' }, NEW_YEAR_SHANGHAI)).toBe('paid');
    expect(invoiceStatus({ dueOn: '2026-12-31', status: 'partly_paid', overdue: true }, NEW_YEAR_SHANGHAI)).toBe('overdue');
    expect(invoiceStatus({ dueOn: '2026-12-31', status: 'partly_paid', overdue: false }, NEW_YEAR_SHANGHAI)).toBe('partly_paid');
  });

  it('count a tally by area and by head as shares of the electorate', () => {
    const shares = tallyShares({
      totalAreaM2: 300, totalOwners: 3, participatingAreaM2: 200, participatingOwners: 2,
      yesAreaM2: 110.5, yesOwners: 1, noAreaM2: 89.5, noOwners: 1, abstainAreaM2: 0, abstainOwners: 0,
    });
    expect(shares.area).toEqual({ yes: 36.8, no: 29.8, abstain: 0, participating: 66.7 });
    expect(shares.owners).toEqual({ yes: 33.3, no: 33.3, abstain: 0, participating: 66.7 });
    expect(tallyShares(null)).toBeNull();
  });

  it('sum fen exactly and show energy in kWh', () => {
    expect(sumFen([{ amountFen: 10 }, { amountFen: 20 }, {}])).toBe(30);
    expect(kwh(12345)).toBe(12.345);
    expect(kwh(null)).toBeNull();
  });

  it('summarise a tariff with its money fields as yuan and without the 48 slots', () => {
    const money = (fen) => formatMoney(fen, 'en');
    expect(tariffSummary({ freeMinutes: 30, hourlyFen: 300, dailyCapFen: 3000 }, money)).toBe('freeMinutes 30, hourlyFen ¥3.00, dailyCapFen ¥30.00');
    expect(tariffSummary({ monthlyFen: { surface: 15000 } }, money)).toBe('monthlyFen(surface ¥150.00)');
    expect(tariffSummary({ tiers: { peak: { electricityFen: 98 } }, slots: ['peak'] }, money)).toBe('tiers(peak(electricityFen ¥0.98))');
  });
});

describe('parseMoney', () => {
  it('reads yuan into integer fen without floating point', () => {
    expect(parseMoney('12')).toBe(1200);
    expect(parseMoney('12.5')).toBe(1250);
    expect(parseMoney('¥1,234.56')).toBe(123456);
    expect(parseMoney('0.07')).toBe(7);
    expect(parseMoney(' 19.99 ')).toBe(1999);
  });

  it('refuses what is not an amount', () => {
    for (const bad of ['', '-1', '1.234', 'abc', '1e3', null]) expect(parseMoney(bad)).toBeNull();
  });
});

describe('record ranges', () => {
  it('start a local day at midnight in Shanghai and count days back from there', () => {
    expect(dayStart('2026-12-01')).toBe('2026-11-30T16:00:00.000Z');
    expect(dayStart('')).toBeNull();
    expect(dayBefore(NEW_YEAR_SHANGHAI, 31)).toBe('2026-12-01');
    expect(daysBefore(Date.parse('2026-12-06T00:00:00Z'), 90)).toBe('2026-09-07T00:00:00.000Z');
  });
});

describe('arrears and revenue helpers', () => {
  it('give the last n months in Asia/Shanghai, across a year boundary', () => {
    expect(lastMonths(NEW_YEAR_SHANGHAI, 6)).toEqual({ from: '2026-08', to: '2027-01' });
    expect(lastMonths(NEW_YEAR_SHANGHAI, 1, 'UTC')).toEqual({ from: '2026-12', to: '2026-12' });
    expect(lastMonths(NEW_YEAR_SHANGHAI, 13)).toEqual({ from: '2026-01', to: '2027-01' });
  });

  it('stack revenue per month in stream order, dropping empty streams', () => {
    const items = [
      { month: '2027-02', stream: 'charging', netFen: 500 },
      { month: '2027-01', stream: 'late_fee', netFen: 30 },
      { month: '2027-01', stream: 'property_fee', netFen: 10000 },
      { month: '2027-01', stream: 'rent', netFen: 0 },
      { month: '2027-02', stream: 'future_stream', netFen: 7 },
      { month: '2027-02', stream: 'property_fee', netFen: -200 },
    ];
    expect(revenueByMonth(items)).toEqual([
      { month: '2027-01', totalFen: 10030, parts: [{ stream: 'property_fee', fen: 10000 }, { stream: 'late_fee', fen: 30 }] },
      { month: '2027-02', totalFen: 307, parts: [{ stream: 'property_fee', fen: -200 }, { stream: 'charging', fen: 500 }, { stream: 'future_stream', fen: 7 }] },
    ]);
    expect(revenueByMonth(undefined)).toEqual([]);
  });
});
