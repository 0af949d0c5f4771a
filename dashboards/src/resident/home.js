// The resident's households (GET /api/v1/me/households), loaded once per session and shared by
// the portal's screens: the invoices, votes and fund are all asked per household or community.
import { reactive } from 'vue';
import * as api from '../api.js';

export const home = reactive({ households: [], loaded: false, error: null });
let loading = null;

/** Loads the households once; `force` reloads them. */
export function loadHouseholds(force = false) {
  if (loading && !force) return loading;
  loading = api.myHouseholds().then(
    (answer) => {
      home.households = answer?.households ?? [];
      home.error = null;
    },
    (e) => {
      home.error = e;
      loading = null;
    },
  ).finally(() => (home.loaded = true));
  return loading;
}

/** The communities of the households, each once, in household order. */
export const communitiesOf = (households) => [...new Set(households.map((h) => h.communityId))];

/** "Building 1 · Unit 2 · 301": how a resident names a household. */
export const householdName = (h) => [h.building ?? h.buildingId, h.unit, h.number].filter(Boolean).join(' · ');
