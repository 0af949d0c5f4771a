// Gzipped JavaScript per app of the built webroot: from each app's index.html, every chunk it
// imports statically or lazily (a route's screen), counted once. The message catalogues an app
// fetches as JSON, one language at a time (the console's: src/i18n/console.js), are data, not
// code: reported beside the JavaScript per language, not in its budget. Prints one JSON line
// {"apps": {"console": {"files": n, "gzipBytes": b, "catalogueGzipBytes": {"zh-CN": c, ...}}, ...},
//  "maxGzipKb": k, "maxCatalogueGzipKb": l}; exits 1 when an app's JavaScript exceeds --budget-kb
// (default 250).
//
//   node scripts/js-size.mjs [--webroot target/classes/webroot] [--budget-kb 250]
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import zlib from 'node:zlib';

const { values } = parseArgs({ options: { webroot: { type: 'string', default: 'target/classes/webroot' }, 'budget-kb': { type: 'string', default: '250' } } });
const root = path.resolve(values.webroot);
const APPS = { console: 'index.html', board: 'board/index.html', resident: 'resident/index.html' };
const IMPORT = /(?:import\(\s*|from\s*|import\s*)["'`]([^"'`]+\.js)["'`]/g;
// A fetched catalogue: new URL(`catalogue-APP-LOCALE-HASH.json`, import.meta.url).
const CATALOGUE = /["'`]((?:\.{0,2}\/)?(?:[\w.-]+\/)*catalogue-[\w]+-([\w-]+)-[\w-]{8}\.json)["'`]/g;
const gzipSize = (file) => zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;

/** Every JS file reachable from `file` (absolute), following relative imports. */
function closure(file, seen = new Set()) {
  if (seen.has(file)) return seen;
  seen.add(file);
  const text = fs.readFileSync(file, 'utf8');
  for (const m of text.matchAll(IMPORT)) {
    if (m[1].startsWith('.')) closure(path.resolve(path.dirname(file), m[1]), seen);
  }
  return seen;
}

const apps = {};
for (const [app, html] of Object.entries(APPS)) {
  const page = path.join(root, html);
  const text = fs.readFileSync(page, 'utf8');
  const entries = [...text.matchAll(/<script[^>]+src="([^"]+\.js)"/g), ...text.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+\.js)"/g)];
  const files = new Set();
  for (const [, src] of entries) closure(path.resolve(path.dirname(page), src), files);
  const gzipBytes = [...files].reduce((sum, f) => sum + gzipSize(f), 0);
  const catalogueGzipBytes = {};
  for (const f of files) {
    for (const [, href, locale] of fs.readFileSync(f, 'utf8').matchAll(CATALOGUE)) {
      catalogueGzipBytes[locale] = gzipSize(path.resolve(path.dirname(f), href));
    }
  }
  apps[app] = { files: files.size, gzipBytes, catalogueGzipBytes };
}
const kb = (bytes) => Number((bytes / 1024).toFixed(1));
const maxGzipKb = kb(Math.max(...Object.values(apps).map((a) => a.gzipBytes)));
const maxCatalogueGzipKb = kb(Math.max(0, ...Object.values(apps).flatMap((a) => Object.values(a.catalogueGzipBytes))));
console.log(JSON.stringify({ apps, maxGzipKb, maxCatalogueGzipKb }));
process.exitCode = maxGzipKb > Number(values['budget-kb']) ? 1 : 0;
