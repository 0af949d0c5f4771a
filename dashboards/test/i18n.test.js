// The catalogues must agree, and every key the code uses must be in both: a label missing in
// one language would show as its raw key.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import en from '../src/i18n/en.json';
import zhCN from '../src/i18n/zh-CN.json';
import { DEVICE_TYPES } from '../src/format.js';
import { CONSOLE_NAV, ROLES } from '../src/roles.js';

const CATALOGUES = { en, 'zh-CN': zhCN };

function flatten(tree, prefix = '') {
  return Object.entries(tree).flatMap(([k, v]) => (v && typeof v === 'object' ? flatten(v, `${prefix}${k}.`) : [[`${prefix}${k}`, v]]));
}

function sources(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return /\.(vue|js)$/.test(e.name) ? [p] : [];
  });
}

/** Every literal key the code passes to t(), $t(), te() or i18n-t keypath, and the prefixes of computed keys. */
function usedKeys() {
  const literal = new Set();
  const prefixes = new Set();
  for (const file of sources(path.resolve(__dirname, '../src'))) {
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\b(?:\$?t|te|tOr\(i18n,)\(\s*'([a-zA-Z0-9_.]+)'/g)) literal.add(m[1]);
    for (const m of text.matchAll(/\blabel: '([a-zA-Z]+\.[a-zA-Z0-9_.]+)'/g)) literal.add(m[1]);
    for (const m of text.matchAll(/keypath="([a-zA-Z0-9_.]+)"/g)) literal.add(m[1]);
    for (const m of text.matchAll(/\b(?:\$?t|te)\(\s*`([a-zA-Z0-9_]+)\.\$\{/g)) prefixes.add(m[1]);
  }
  return { literal, prefixes };
}

describe('message catalogues', () => {
  const keys = Object.fromEntries(Object.entries(CATALOGUES).map(([lang, c]) => [lang, new Map(flatten(c))]));

  it('have the same keys in every language', () => {
    const all = new Set(Object.values(keys).flatMap((m) => [...m.keys()]));
    for (const [lang, map] of Object.entries(keys)) {
      expect([...all].filter((k) => !map.has(k)), `missing in ${lang}`).toEqual([]);
    }
  });

  it('have no empty message', () => {
    for (const [lang, map] of Object.entries(keys)) {
      expect([...map].filter(([, v]) => typeof v !== 'string' || !v.trim()).map(([k]) => k), lang).toEqual([]);
    }
  });

  it('have every key the code uses', () => {
    const { literal, prefixes } = usedKeys();
    expect(literal.size).toBeGreaterThan(100);
    for (const [lang, map] of Object.entries(keys)) {
      expect([...literal].filter((k) => !map.has(k)), `used but missing in ${lang}`).toEqual([]);
      const groups = new Set([...map.keys()].map((k) => k.split('.')[0]));
      expect([...prefixes].filter((p) => !groups.has(p)), `computed key groups missing in ${lang}`).toEqual([]);
    }
  });

  it('name every device type, role and menu entry of the API', () => {
    for (const [lang, map] of Object.entries(keys)) {
      const wanted = [
        ...DEVICE_TYPES.map((t) => `deviceType.${t}`),
        ...ROLES.map((r) => `role.${r}`),
        ...CONSOLE_NAV.map((n) => n.label),
        ...['received', 'acknowledged', 'verifying', 'confirmed_fire', 'forwarded_119', 'false_alarm', 'test', 'closed'].map((s) => `fireState.${s}`),
        ...['cooking_fumes', 'smoking', 'dust', 'steam', 'insects', 'device_fault', 'maintenance_work', 'malicious', 'other'].map((c) => `fireCause.${c}`),
      ];
      expect(wanted.filter((k) => !map.has(k)), lang).toEqual([]);
    }
  });

  it('are translated: a Chinese label is not the English one', () => {
    const same = flatten(en).filter(([k, v]) => zhCN && new Map(flatten(zhCN)).get(k) === v && /[a-z]{3}/i.test(v));
    expect(same.map(([k]) => k)).toEqual([]);
  });
});
