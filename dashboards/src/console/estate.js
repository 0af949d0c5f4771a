// The chosen community's parking spaces and households, which the contract screens name by
// number: loaded whole (pages of 2,000) once per community and shared by those screens, since
// signing a contract changes neither.
import { computed, shallowRef, watch } from 'vue';
import * as api from '../api.js';
import { householdLabel } from '../contracts.js';
import { live } from './live.js';

const PAGE = 2000;
const loaded = new Map();

function load(communityId) {
  if (!loaded.has(communityId)) {
    const all = Promise.all([
      api.allPages((cursor) => api.parkingSpaces(communityId, { limit: PAGE, cursor }), (p) => p.parkingSpaces),
      api.allPages((cursor) => api.communityHouseholds(communityId, { limit: PAGE, cursor }), (p) => p.households),
    ]).then(([spaces, households]) => ({ spaces, households }));
    // A refusal is not kept: the next screen asks again.
    all.catch(() => loaded.delete(communityId));
    loaded.set(communityId, all);
  }
  return loaded.get(communityId);
}

/**
 * The chosen community's `spaces` and `households` (empty until loaded, `error` on a refusal),
 * with `space(id)` and `household(id)` labels for tables.
 */
export function useEstate() {
  const estate = shallowRef({ spaces: [], households: [] });
  const error = shallowRef(null);
  watch(() => live.communityId, (id) => {
    if (!id) return;
    error.value = null;
    load(id).then((e) => id === live.communityId && (estate.value = e), (e) => (error.value = e));
  }, { immediate: true });
  const spaceById = computed(() => new Map(estate.value.spaces.map((s) => [s.id, s])));
  const householdById = computed(() => new Map(estate.value.households.map((h) => [h.id, h])));
  return {
    spaces: computed(() => estate.value.spaces),
    households: computed(() => estate.value.households),
    error,
    space: (id) => spaceById.value.get(id)?.number ?? `#${id}`,
    household: (id) => householdLabel(householdById.value.get(id), id),
  };
}
