// The console's catalogues, one language at a time: each is fetched when the console shows that
// language. The build writes them as JSON files of precompiled messages (`&url` in
// scripts/precompile-messages.mjs) less the sections the console never shows (`?app=console`,
// src/i18n/sections.js); the dev server serves the JSON files themselves.
import enUrl from './en.json?app=console&url';
import zhCNUrl from './zh-CN.json?app=console&url';

const URLS = Object.freeze({ 'zh-CN': zhCNUrl, en: enUrl });

/** Resolves to the catalogue of `locale`; rejects when the server does not answer it. */
export async function loadCatalogue(locale) {
  const response = await fetch(URLS[locale]);
  if (!response.ok) throw new Error(`catalogue ${locale}: HTTP ${response.status}`);
  return response.json();
}
