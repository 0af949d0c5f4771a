// The catalogue sections an app never shows, left out of its bundle (scripts/precompile-messages.mjs)
// to keep it under its JS budget. test/precompile.test.js fails when the app's code uses one.
export const UNUSED_SECTIONS = Object.freeze({
  // The board's and the resident portal's own labels, and what only the portal shows (paying,
  // household relations, space kinds, charging tiers, contract terms).
  console: Object.freeze(['board', 'resident', 'pay', 'payStatus', 'relation', 'spaceKind', 'tier', 'contractTerm']),
});
