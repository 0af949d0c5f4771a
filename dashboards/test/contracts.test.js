import { describe, expect, it } from 'vitest';
import { ApiError } from '../src/api.js';
import { addMonths, contractPeriods, contractRefusal, contractState, coveredUntil, householdLabel, rentPeriodIndex, spacesTaken, terminationSettlement } from '../src/contracts.js';

const refusal = (status, message) => contractRefusal(new ApiError(status, message));

describe('contract refusals in words', () => {
  // The messages exactly as billing.ContractStore and api.ContractFields word them.
  it('reads the taken space with the contract holding it', () => {
    expect(refusal(409, 'space B-011 is taken by contract 7 from 2027-01-01 until 2027-04-01')).toEqual({
      key: 'taken', params: { space: 'B-011', contract: '7', from: '2027-01-01', until: '2027-04-01' },
    });
  });

  it('reads the owners-first rule, the non-owner cap and the resolution', () => {
    expect(refusal(409, 'owner household 3 of community elm-court waits for a space: no space is leased to a non-owner household (Civil Code 276)'))
      .toEqual({ key: 'ownerWaiting', params: { household: '3' } });
    expect(refusal(409, 'a lease to a non-owner household is at most 6 months (billing.nonOwnerLeaseMaxMonths); asked for 12'))
      .toEqual({ key: 'nonOwnerCap', params: { max: '6', asked: '12' } });
    expect(refusal(400, "resolutionId is required: space C-1 is common-area and the household is not an owner's"))
      .toEqual({ key: 'resolutionMissing', params: { space: 'C-1' } });
    expect(refusal(409, 'resolution 101 does not allow leasing common-area spaces of elm-court'))
      .toEqual({ key: 'resolutionRefused', params: { resolution: '101' } });
  });

  it('reads renewal, termination and waiting-list refusals', () => {
    expect(refusal(409, 'contract 4 was terminated on 2027-02-01 and cannot be renewed').key).toBe('renewTerminated');
    expect(refusal(409, 'contract 4 was already terminated on 2027-02-01').params).toEqual({ contract: '4', date: '2027-02-01' });
    expect(refusal(400, 'terminatedOn must be after 2027-01-01 and before 2027-04-01, was 2026-12-01').key).toBe('terminateRange');
    expect(refusal(409, 'household 5 has no owner: only owner households wait for a space').params).toEqual({ household: '5' });
    expect(refusal(409, 'community elm-court has no space_rent tariff in force on 2027-01-01').params).toEqual({ date: '2027-01-01' });
  });

  it('names the field of a 400', () => {
    expect(refusal(400, "field 'term' must be one of monthly, quarterly, yearly, got weekly")).toEqual({
      key: 'field', params: { field: 'term', detail: 'must be one of monthly, quarterly, yearly, got weekly' },
    });
  });

  it('leaves any other error, or the same words under another status, to the plain error text', () => {
    expect(refusal(409, 'something new')).toBeNull();
    expect(refusal(500, 'space B-011 is taken by contract 7 from 2027-01-01 until 2027-04-01')).toBeNull();
    expect(refusal(400, "field 'other' is required")).toBeNull();
    expect(contractRefusal(null)).toBeNull();
  });
});

describe('contract periods', () => {
  it('adds months as Java does, on the last day of a shorter month', () => {
    expect(addMonths('2027-01-31', 1)).toBe('2027-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2027-11-30', 3)).toBe('2028-02-29');
    expect(addMonths('2027-05-15', 12)).toBe('2028-05-15');
  });

  it('counts periods from the first day so month ends do not drift', () => {
    const c = { term: 'monthly', startsOn: '2027-01-31', endsOn: '2027-04-30', terminatedOn: null };
    expect(contractPeriods(c).map((p) => [p.start, p.end])).toEqual([
      ['2027-01-31', '2027-02-28'], ['2027-02-28', '2027-03-31'], ['2027-03-31', '2027-04-30'],
    ]);
  });

  it('marks the period a termination cuts short and drops the later ones', () => {
    const c = { term: 'quarterly', startsOn: '2027-01-01', endsOn: '2028-01-01', terminatedOn: '2027-05-10' };
    expect(contractPeriods(c).map((p) => p.cut)).toEqual([null, 'short', 'dropped', 'dropped']);
    expect(coveredUntil(c)).toBe('2027-05-10');
  });

  it('reads the state as the list filter active=true does', () => {
    const c = { startsOn: '2027-01-01', endsOn: '2027-04-01', terminatedOn: null };
    expect(contractState(c, '2026-12-31')).toBe('upcoming');
    expect(contractState(c, '2027-01-01')).toBe('active');
    expect(contractState(c, '2027-04-01')).toBe('ended');
    expect(contractState({ ...c, terminatedOn: '2027-02-01' }, '2027-02-01')).toBe('ended');
  });

  it('finds the rent lines of one contract', () => {
    expect(rentPeriodIndex({ stream: 'rent', sourceId: 'contract:7:2' }, 7)).toBe(2);
    expect(rentPeriodIndex({ stream: 'rent', sourceId: 'contract:70:2' }, 7)).toBeNull();
    expect(rentPeriodIndex({ stream: 'property_fee', sourceId: 'property_fee:7:2027-01' }, 7)).toBeNull();
  });

  it('labels a household, or its bare id when unknown', () => {
    expect(householdLabel({ id: 1, number: '301', buildingId: 'elm-b1' })).toBe('301 · elm-b1 (#1)');
    expect(householdLabel(undefined, 9)).toBe('#9');
  });
});

describe('parking occupancy', () => {
  it('counts a space held by two contracts in force once', () => {
    expect(spacesTaken([{ spaceId: 12 }, { spaceId: 11 }, { spaceId: 12 }])).toBe(2);
    expect(spacesTaken([])).toBe(0);
    expect(spacesTaken(null)).toBe(0);
  });
});

describe('what a termination did to the money', () => {
  // The proration exactly as POST /contracts/{id}/terminate answers it (api.ContractRoutes).
  const money = (fen) => `¥${(fen / 100).toFixed(2)}`;
  const billed = { periodBilled: true, creditFen: 12419, chargeFen: 0 };

  it('names the credit note the termination issued and the invoice it credits', () => {
    expect(terminationSettlement({ ...billed, creditNoteId: 31, creditNoteFen: 12419, creditedInvoiceId: 7 }, money)).toEqual({
      key: 'creditNoteIssued', params: { id: 31, amount: '¥124.19', invoice: 7, owed: '¥124.19' },
    });
  });

  it('says when the line had less left than the unused days, or nothing', () => {
    expect(terminationSettlement({ ...billed, creditNoteId: 32, creditNoteFen: 5000, creditedInvoiceId: 8 }, money).key)
      .toBe('creditNotePartial');
    expect(terminationSettlement({ ...billed, creditNoteId: null, creditNoteFen: 0, creditedInvoiceId: null }, money))
      .toEqual({ key: 'creditedBefore', params: { owed: '¥124.19' } });
  });

  it('gives the charge of the used days when the period was not billed', () => {
    expect(terminationSettlement({ periodBilled: false, creditFen: 0, chargeFen: 23333, creditNoteId: null, creditNoteFen: 0 }, money))
      .toEqual({ key: 'chargeBilled', params: { amount: '¥233.33' } });
  });
});
