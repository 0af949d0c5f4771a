// What the "My parcels" screen computes from a parcel of GET /api/v1/me/parcels (docs/parcels.md):
// the time left in the free storage period, and how the parcel's state reads. Pure.

/** The whole hours and minutes left until `freeUntil` (ISO) at `nowMs`; null once it has passed. */
export function freeLeft(freeUntil, nowMs) {
  const left = Date.parse(freeUntil) - nowMs;
  if (!(left > 0)) return null;
  const minutes = Math.ceil(left / 60_000);
  return { h: Math.floor(minutes / 60), m: minutes % 60 };
}

/** The parcel's badge: picked_up, overdue (the locker said so or the free period is over) or waiting. */
export function parcelBadge(parcel, nowMs) {
  if (parcel.state === 'picked_up') return 'pickedUp';
  if (parcel.overdue || parcel.state === 'overdue' || freeLeft(parcel.freeUntil, nowMs) === null) return 'overdue';
  return 'waiting';
}

/** Where the locker is, most specific first: "Corridor · Building 1 · 1 Elm Road". */
export const lockerPlace = (location) =>
  location ? [location.location, location.building, location.address].filter(Boolean).join(' · ') : '';
