// The build ships the catalogues as vue-i18n message ASTs (scripts/precompile-messages.mjs): each
// message must read the same as when vue-i18n compiles the JSON string at run time.
import { describe, expect, it } from 'vitest';
import { createI18n } from 'vue-i18n';
import { compileCatalogue } from '../scripts/precompile-messages.mjs';
import { MESSAGES } from '../src/i18n/index.js';

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
