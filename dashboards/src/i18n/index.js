// One message catalogue per language; zh-CN is the default, the choice is remembered in
// localStorage. Every app (console, board, resident) installs the same i18n instance shape.
// The catalogues come from the app (src/i18n/messages.js), or are fetched one language at a time
// (the console's src/i18n/console.js), so that this module does not pull them into every bundle.
import { resolveValue } from '@intlify/core-base';
import { createI18n, registerMessageResolver } from 'vue-i18n';

// The apps get petite-vue-i18n (vite.config.js), which by itself resolves only flat keys
// ('signIn.title' as one key); the catalogues are nested, so it resolves paths like vue-i18n.
registerMessageResolver(resolveValue);

export const LOCALES = Object.freeze(['zh-CN', 'en']);
export const DEFAULT_LOCALE = 'zh-CN';
const STORAGE_KEY = 'anju.locale';

/** Returns the remembered language, or the default when none (or an unknown one) is stored. */
export function savedLocale(storage = globalThis.localStorage) {
  let stored = null;
  try {
    stored = storage?.getItem(STORAGE_KEY) ?? null;
  } catch {
    // Storage may be disabled (private mode); the default applies.
  }
  return LOCALES.includes(stored) ? stored : DEFAULT_LOCALE;
}

/** Creates the Composition-API i18n instance in the remembered language, with `messages`. */
export function createAppI18n(messages) {
  const locale = savedLocale();
  setDocumentLang(locale);
  const i18n = createI18n({ legacy: false, locale, fallbackLocale: DEFAULT_LOCALE, messages });
  addTe(i18n.global);
  return i18n;
}

/**
 * petite-vue-i18n has no `te` (is `key` in the catalogue?), which the labels ask before falling
 * back to a code as sent (src/labels.js): vue-i18n's own, for the current language by default.
 */
function addTe(composer) {
  composer.te ??= (key, locale = composer.locale.value) => {
    const message = resolveValue(composer.getLocaleMessage(locale), key);
    return message !== null && message !== undefined;
  };
}

// The catalogue loader of an instance whose catalogues come one language at a time, by composer.
const LOADERS = new WeakMap();

/**
 * Creates the i18n instance of an app that fetches its catalogues (the console:
 * src/i18n/console.js) and resolves once the remembered language's catalogue is in.
 */
export async function createLoadingI18n(load) {
  const i18n = createAppI18n({});
  LOADERS.set(i18n.global, load);
  try {
    await ensureCatalogue(i18n.global, i18n.global.locale.value);
  } catch (e) {
    // The app still starts (its labels read as keys) rather than staying on "Loading…".
    console.warn('[i18n] the catalogue did not load', e);
  }
  return i18n;
}

async function ensureCatalogue(composer, locale) {
  const load = LOADERS.get(composer);
  if (load && Object.keys(composer.getLocaleMessage(locale)).length === 0) composer.setLocaleMessage(locale, await load(locale));
}

/**
 * Switches the language of `i18n`, remembers it and sets `<html lang>`. For an app that fetches
 * its catalogues, the switch happens once the language's catalogue is in (the promise returned);
 * a failed fetch keeps the current language.
 */
export function switchLocale(i18n, locale, storage = globalThis.localStorage) {
  if (!LOCALES.includes(locale)) throw new RangeError(`unknown locale ${locale}`);
  if (LOADERS.has(i18n.global) && Object.keys(i18n.global.getLocaleMessage(locale)).length === 0) {
    return ensureCatalogue(i18n.global, locale).then(() => switchLocale(i18n, locale, storage),
      (e) => console.warn(`[i18n] the ${locale} catalogue did not load; the language stays`, e));
  }
  i18n.global.locale.value = locale;
  try {
    storage?.setItem(STORAGE_KEY, locale);
  } catch {
    // Not remembered, but switched.
  }
  setDocumentLang(locale);
}

function setDocumentLang(locale) {
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
}
