// Small shared pieces of view state: a ticking clock, paged lists and translated labels.
import { onBeforeUnmount, ref, shallowRef, watch } from 'vue';
import { useI18n } from 'vue-i18n';
import * as api from './api.js';
import { formatDateTime, formatMoney, formatNumber } from './format.js';
import { alertTypeLabel, deviceTypeLabel, floorLabel, placeLabel, relativeLabel } from './labels.js';

const now = ref(Date.now());
let clockUsers = 0;
let clockTimer = null;

/** A shared clock ref updated every second while some component uses it. */
export function useNow() {
  if (clockUsers++ === 0) clockTimer = setInterval(() => (now.value = Date.now()), 1000);
  onBeforeUnmount(() => {
    if (--clockUsers === 0) clearInterval(clockTimer);
  });
  return now;
}

/** Translated label helpers bound to the current language. */
export function useLabels() {
  const i18n = useI18n();
  return {
    t: i18n.t,
    i18n,
    date: (iso) => formatDateTime(iso, i18n.locale.value),
    money: (fen) => formatMoney(fen, i18n.locale.value),
    number: (n, digits) => formatNumber(n, i18n.locale.value, digits),
    ago: (iso, nowMs) => relativeLabel(i18n, iso, nowMs),
    deviceType: (type) => deviceTypeLabel(i18n, type),
    alertType: (type) => alertTypeLabel(i18n, type),
    floor: (floor) => floorLabel(i18n, floor),
    place: (d) => placeLabel(i18n, d),
    error: (e) => api.errorText(i18n.t, e),
  };
}

/**
 * One record fetched by `fetch(key)` now and whenever `key()` changes (a route's id, the chosen
 * community): `record` is null while it loads, `error` the ApiError of a refusal (404 included).
 */
export function useRecord(key, fetch) {
  const record = shallowRef(null);
  const error = ref(null);
  async function reload() {
    const k = key();
    if (k === null || k === undefined) return;
    error.value = null;
    try {
      record.value = await fetch(k);
    } catch (e) {
      record.value = null;
      error.value = e;
    }
  }
  watch(key, () => {
    record.value = null;
    reload();
  }, { immediate: true });
  return { record, error, reload };
}

/**
 * A cursor-paged list: `fetchPage(cursor)` resolves to a page; `pick(page)` gives its rows.
 * `load()` starts over, `more()` appends the next page.
 */
export function usePaged(fetchPage, pick = (page) => page.items) {
  const rows = shallowRef([]);
  const cursor = ref(null);
  const loading = ref(false);
  const error = ref(null);
  let generation = 0;

  async function fetchInto(reset) {
    const mine = reset ? ++generation : generation;
    loading.value = true;
    error.value = null;
    try {
      const page = await fetchPage(reset ? null : cursor.value);
      if (mine !== generation) return;
      rows.value = reset ? pick(page) ?? [] : [...rows.value, ...(pick(page) ?? [])];
      cursor.value = page?.nextCursor ?? null;
    } catch (e) {
      if (mine === generation) error.value = e;
    } finally {
      if (mine === generation) loading.value = false;
    }
  }

  return { rows, cursor, loading, error, load: () => fetchInto(true), more: () => fetchInto(false) };
}

/** Acknowledge and resolve of alerts: `act(action, id)` then `after()`; a refusal lands in `actionError`. */
export function useAlertActions(after) {
  const i18n = useI18n();
  const actionError = ref(null);
  async function act(action, id) {
    actionError.value = null;
    try {
      await (action === 'acknowledge' ? api.acknowledgeAlert(id) : api.resolveAlert(id));
    } catch (e) {
      actionError.value = api.errorText(i18n.t, e);
    }
    after();
  }
  return { act, actionError };
}
