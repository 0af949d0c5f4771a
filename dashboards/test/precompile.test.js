// The build ships the catalogues as vue-i18n message ASTs (scripts/precompile-messages.mjs): each
// message must read the same as when vue-i18n compiles the JSON string at run time.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createI18n } from 'vue-i18n';
import { compileCatalogue } from '../scripts/precompile-messages.mjs';
// Registers the nested-key resolver the apps use with petite-vue-i18n.
import '../src/i18n/index.js';
import { MESSAGES } from '../src/i18n/messages.js';
import { UNUSED_SECTIONS } from '../src/i18n/sections.js';

function flatKeys(tree, prefix = '') {
  return Object.entries(tree).flatMap(([k, v]) => (v && typeof v === 'object' ? flatKeys(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

/** Every named placeholder of `catalogue`, each reading as its own name. */
function placeholders(catalogue) {
  const names = JSON.stringify(catalogue).matchAll(/\{\s*([a-zA-Z_]\w*)\s*\}/g);
  return Object.fromEntries([...names].map(([, name]) => [name, `<${name}>`]));
}

describe('precompiled catalogues', () => {
  for (const [locale, catalogue] of Object.entries(MESSAGES)) {
    it(`${locale}: every message reads as the runtime-compiled one`, () => {
      const options = { legacy: false, locale, missingWarn: false, fallbackWarn: false };
      const plain = createI18n({ ...options, messages: { [locale]: catalogue } }).global;
      const compiled = createI18n({ ...options, messages: { [locale]: compileCatalogue(catalogue) } }).global;
      const keys = flatKeys(catalogue);
      const named = placeholders(catalogue);
      expect(keys.length).toBeGreaterThan(100);
      expect(Object.keys(named)).toContain('seconds');
      for (const key of keys) expect([key, compiled.t(key, named)]).toEqual([key, plain.t(key, named)]);
      expect(compiled.t('signIn.throttled', named)).toContain('<seconds>');
    });
  }

  it('refuses a message that does not compile, naming its key', () => {
    expect(() => compileCatalogue({ a: { b: 'unclosed {brace' } })).toThrow(/a\.b/);
  });
});

/** The source files of `app`: its own folder and everything shared (not another app's folder). */
function appSources(app, dir = path.resolve(__dirname, '../src')) {
  const others = ['console', 'board', 'resident'].filter((a) => a !== app);
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return dir.endsWith('src') && others.includes(e.name) ? [] : appSources(app, p);
    return /\.(vue|js)$/.test(e.name) && !p.includes(`${path.sep}i18n${path.sep}`) ? [p] : [];
  });
}

describe('sections left out of an app', () => {
  for (const [app, sections] of Object.entries(UNUSED_SECTIONS)) {
    it(`${app} names none of ${sections.join(', ')}`, () => {
      const files = appSources(app);
      expect(files.some((f) => f.endsWith('App.vue'))).toBe(true);
      for (const file of files) {
        const text = fs.readFileSync(file, 'utf8');
        for (const section of sections) {
          // A key of the section, literal ('pay.title') or built (`pay.${x}`).
          expect(text, `${path.relative(process.cwd(), file)} uses ${section}.`).not.toMatch(new RegExp(`['"\`]${section}\\.`));
        }
      }
    });
  }
});

