// Pure helpers of the parking-space and contract screens (no DOM, no clock of their own): the
// API's contract refusals in words, a contract's periods and state, a household's label. The
// rules live in the API (docs/billing.md "Rental contracts"); these only present what it answers.

const TERM_MONTHS = Object.freeze({ monthly: 1, quarterly: 3, yearly: 12 });
export const TERMS = Object.freeze(Object.keys(TERM_MONTHS));
/** The request fields of the contract routes, as a 400 names them (api.ContractFields). */
const FIELDS = 'spaceId|householdId|term|periods|startsOn|resolutionId|terminatedOn';

// The API's refusals of the contract routes (billing.ContractStore, api.ContractFields) by their
// message: it sends no reason code, so a message it rewords falls back to the plain error text.
const REFUSALS = [
  [409, 'taken', /^space (?<space>.+) is taken by contract (?<contract>\d+) from (?<from>\S+) until (?<until>\S+)$/],
  [409, 'takenRace', /^space (?<space>\S+) is taken by another contract/],
  [409, 'ownerWaiting', /^owner household (?<household>\d+) of community .+ waits for a space/],
  [409, 'nonOwnerCap', /^a lease to a non-owner household is at most (?<max>\d+) months .*asked for (?<asked>\d+)$/],
  [400, 'resolutionMissing', /^resolutionId is required: space (?<space>.+) is common-area/],
  [409, 'resolutionRefused', /^resolution (?<resolution>\d+) does not allow/],
  [409, 'privateSpace', /^space (?<space>.+) is privately owned by household (?<household>\d+)$/],
  [409, 'noTariff', /^community .+ has no space_rent tariff in force on (?<date>\S+)$/],
  [409, 'renewTerminated', /^contract (?<contract>\d+) was terminated on (?<date>\S+) and cannot be renewed$/],
  [409, 'alreadyTerminated', /^contract (?<contract>\d+) was already terminated on (?<date>\S+)$/],
  [400, 'terminateRange', /^terminatedOn must be after (?<from>\S+) and before (?<until>\S+), was/],
  [409, 'notOwner', /^household (?<household>\d+) has no owner/],
  [404, 'noHousehold', /^no household (?<household>\d+) in community/],
  [404, 'noSpace', /^no space (?<space>\d+) in community/],
  [400, 'field', new RegExp(`^field '(?<field>${FIELDS})' (?<detail>.+)$`)],
];

/**
 * The refusal of a contract call as `{key, params}` (a `contractError.<key>` message and its
 * named values; `params.contract` is the contract holding a taken space), or null for any other
 * error, which the caller shows as the plain error text.
 */
export function contractRefusal(error) {
  for (const [status, key, pattern] of REFUSALS) {
    const match = error?.status === status ? pattern.exec(error.message ?? '') : null;
    if (match) return { key, params: { ...match.groups } };
  }
  return null;
}

/** `day` (YYYY-MM-DD) plus `months`, on the last day of the month when it has fewer days (Java's plusMonths). */
export function addMonths(day, months) {
  const [y, m, d] = day.split('-').map(Number);
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/**
 * What a termination's proration (the terminate answer) did to the household's money, as
 * `{key, params}` of a `contracts.<key>` message: the credit note the termination issued (all of the
 * unused rent, or the rest a line credited before had), none when the line was credited in full
 * before, or, when the period was not billed, the used days its month's run bills. `money` formats fen.
 */
export function terminationSettlement(p, money) {
  if (!p.periodBilled) return { key: 'chargeBilled', params: { amount: money(p.chargeFen) } };
  if (p.creditNoteId == null) return { key: 'creditedBefore', params: { owed: money(p.creditFen) } };
  return {
    key: p.creditNoteFen < p.creditFen ? 'creditNotePartial' : 'creditNoteIssued',
    params: { id: p.creditNoteId, amount: money(p.creditNoteFen), invoice: p.creditedInvoiceId, owed: money(p.creditFen) },
  };
}

/** The last day a contract covers, exclusive: its termination day, else its end. */
export const coveredUntil = (c) => c.terminatedOn ?? c.endsOn;

/**
 * A contract's periods, counted from its first day as the API counts them (`Proration.periodStart`:
 * 31 Jan + 1 month = 28 Feb, + 2 months = 31 Mar): `{index, start, end, cut}` with `end` exclusive;
 * `cut` is 'short' for the period a termination falls in, 'dropped' for those after it.
 */
export function contractPeriods(c) {
  const months = TERM_MONTHS[c?.term];
  if (!months || !c.startsOn || !c.endsOn) return [];
  const out = [];
  for (let index = 0; index < 1200; index++) {
    const start = addMonths(c.startsOn, months * index);
    if (start >= c.endsOn) break;
    const end = addMonths(c.startsOn, months * (index + 1));
    const until = c.terminatedOn;
    const cut = !until || until >= end ? null : until > start ? 'short' : 'dropped';
    out.push({ index, start, end: end < c.endsOn ? end : c.endsOn, cut });
  }
  return out;
}

/** 'upcoming', 'active' or 'ended' on `today` (YYYY-MM-DD), as the list's `active=true` reads it. */
export function contractState(c, today) {
  if (c.startsOn > today) return 'upcoming';
  return coveredUntil(c) > today ? 'active' : 'ended';
}

/** A household as staff name it: its number and building, then its id (`301 · elm-b1 (#1)`). */
export const householdLabel = (h, id) => (h ? `${h.number} · ${h.buildingId} (#${h.id})` : `#${id}`);

/** The index of a rent line's contract period when its source is contract `id` (`contract:{id}:{index}`), else null. */
export function rentPeriodIndex(line, id) {
  const match = /^contract:(\d+):(\d+)$/.exec(line?.sourceId ?? '');
  return line?.stream === 'rent' && match && Number(match[1]) === Number(id) ? Number(match[2]) : null;
}

/** How many distinct spaces the contracts `inForce` (the list's `active=true`) hold: a space counts once. */
export const spacesTaken = (inForce) => new Set((inForce ?? []).map((c) => c.spaceId)).size;
