// Gzipped JavaScript per app of the built webroot: from each app's index.html, every chunk it
// imports statically or lazily (a route's screen), counted once. Prints one JSON line
// {"apps": {"console": {"files": n, "gzipBytes": b}, ...}, "maxGzipKb": k}; exits 1 when an app
// exceeds --budget-kb (default 250).
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
  const gzipBytes = [...files].reduce((sum, f) => sum + zlib.gzipSync(fs.readFileSync(f), { level: 9 }).length, 0);
  apps[app] = { files: files.size, gzipBytes };
}
const maxGzipKb = Math.max(...Object.values(apps).map((a) => a.gzipBytes)) / 1024;
console.log(JSON.stringify({ apps, maxGzipKb: Number(maxGzipKb.toFixed(1)) }));
process.exitCode = maxGzipKb > Number(values['budget-kb']) ? 1 : 0;
