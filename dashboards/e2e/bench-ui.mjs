#!/usr/bin/env node
// `anju bench ui`, browser side (driven by bench's UiBench, which owns the platform and the
// devices): gzipped JS per app, the first meaningful screen in headless Chromium (cold cache,
// signed in: the console overview with its device count), and the device list of a 10,000-device
// community scrolled while live updates arrive. When it starts scrolling it prints
// {"need": "updates"}; the driver publishes one telemetry message from each of a set of devices
// and answers "done <devices>"; the script keeps scrolling until the browser has seen them
// (or 30 s), then prints its report as one JSON line.
//
//   node e2e/bench-ui.mjs --url http://127.0.0.1:8080/ --user U --password P --devices 10000 [--runs 5]
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { hookedContext } from './browser.mjs';

const { values: opts } = parseArgs({ options: {
  url: { type: 'string' }, user: { type: 'string' }, password: { type: 'string' }, devices: { type: 'string' }, runs: { type: 'string', default: '5' },
} });
const base = opts.url.endsWith('/') ? opts.url : `${opts.url}/`;
const devices = Number(opts.devices);
const here = import.meta.dirname;
const report = {};
const lines = readline.createInterface({ input: process.stdin })[Symbol.asyncIterator]();
const log = (m) => console.error(`[bench ui] ${m}`);

const size = spawnSync(process.execPath, [path.join(here, '../scripts/js-size.mjs'), '--webroot', path.join(here, '../target/classes/webroot'), '--budget-kb', '1e9']);
report.js = JSON.parse(size.stdout.toString().trim());

/**
 * In the page: the document, its scripts, its catalogue and the API requests up to now, as
 * `{name, start, end}` in ms from navigation start, by start: which requests the first screen waited for.
 */
function profile() {
  const [nav] = performance.getEntriesByType('navigation');
  const entries = performance.getEntriesByType('resource').filter((r) => /\/api\/|\.js$|\.css$|\.json$/.test(r.name));
  const short = (url) => url.replace(location.origin, '').replace(/\?.*$/, '');
  return [{ name: 'document', start: 0, end: Math.round(nav.responseEnd) }, { name: 'DOMContentLoaded', start: Math.round(nav.domContentLoadedEventStart), end: Math.round(nav.domContentLoadedEventEnd) },
    ...entries.map((r) => ({ name: short(r.name), start: Math.round(r.startTime), end: Math.round(r.responseEnd) }))].sort((a, b) => a.start - b.start);
}

const browser = await chromium.launch({ executablePath: process.env.ANJU_CHROMIUM || '/usr/bin/chromium', headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
try {
  // First meaningful screen: a fresh context each run (cold HTTP cache), session cookie set by
  // the API; measured from navigation start to the overview with its community, menu and figures
  // (the open alerts, the first devices); then until all devices are loaded.
  const firstScreens = [];
  const allDevices = [];
  for (let run = 0; run < Number(opts.runs); run += 1) {
    const context = await hookedContext(browser, { viewport: { width: 1440, height: 900 } });
    const login = await context.request.post(`${base}api/v1/auth/login`, { data: { username: opts.user, password: opts.password } });
    if (!login.ok()) throw new Error(`login answered ${login.status()}`);
    const page = await context.newPage();
    await page.goto(`${base}#/overview`, { waitUntil: 'commit' });
    await page.waitForFunction(() => document.querySelector('#overview-title') && document.querySelector('.community-name')?.textContent
      && /\d/.test(document.querySelector('[data-testid="kpi-alerts"]')?.textContent ?? ''), null, { timeout: 60_000, polling: 'raf' });
    firstScreens.push(await page.evaluate(() => performance.now()));
    if (run === 0) report.firstScreenProfile = await page.evaluate(profile);
    await page.waitForFunction((n) => document.querySelector('[data-testid="kpi-total"]')?.textContent.replace(/\D/g, '') === String(n), devices, { timeout: 60_000, polling: 'raf' });
    allDevices.push(await page.evaluate(() => window.__anjuStats.devicesLoadedMs));
    await context.close();
  }
  const median = (list) => Math.round([...list].sort((a, b) => a - b)[Math.floor(list.length / 2)]);
  report.firstScreenMs = { runs: firstScreens.map(Math.round), median: median(firstScreens) };
  report.allDevicesMs = { runs: allDevices.map(Math.round), median: median(allDevices) };
  log(`first meaningful screen: ${report.firstScreenMs.runs.join(', ')} ms; all ${devices} devices: ${report.allDevicesMs.runs.join(', ')} ms`);
  log(`first run's waterfall (ms from navigation start: start-end name): ${report.firstScreenProfile.map((r) => `${r.start}-${r.end} ${r.name}`).join('; ')}`);

  // Scrolling 10,000 rows while live updates arrive.
  const context = await hookedContext(browser, { viewport: { width: 1440, height: 900 } });
  await context.request.post(`${base}api/v1/auth/login`, { data: { username: opts.user, password: opts.password } });
  const page = await context.newPage();
  await page.goto(`${base}#/devices`);
  await page.waitForFunction((n) => document.querySelector('[data-testid="device-count"]')?.textContent === String(n), devices, { timeout: 60_000 });
  await page.locator('[data-testid="stream-status"][data-state="live"]').waitFor({ timeout: 120_000 });
  report.rowsInDom = await page.locator('tr[data-device-id]').count();
  await page.evaluate(() => {
    window.__anjuStats.deviceIds.clear();
    window.__frames = 0;
    const count = () => {
      window.__frames += 1;
      window.__frameLoop = requestAnimationFrame(count);
    };
    count();
  });
  process.stdout.write(`${JSON.stringify({ need: 'updates' })}\n`);
  const answer = lines.next();
  let published = null;
  answer.then(({ value }) => (published = Number(String(value).split(' ')[1])));
  const started = Date.now();
  await page.locator('.vscroll').hover({ timeout: 60_000 });
  let direction = 1;
  let scrolls = 0;
  const seen = () => page.evaluate(() => window.__anjuStats.deviceIds.size);
  while (Date.now() - started < 300_000) {
    await page.mouse.wheel(0, direction * 1200);
    scrolls += 1;
    if (scrolls % 40 === 0) direction = -direction;
    if (published !== null && ((await seen()) >= published || Date.now() - started > 60_000)) break;
  }
  const elapsed = (Date.now() - started) / 1000;
  const frames = await page.evaluate(() => {
    cancelAnimationFrame(window.__frameLoop);
    return window.__frames;
  });
  report.scroll = {
    published, received: await seen(), scrolls, seconds: Number(elapsed.toFixed(1)), fps: Math.round(frames / elapsed),
    rowsInDomWhileScrolling: await page.locator('tr[data-device-id]').count(),
  };
  log(`scroll: ${JSON.stringify(report.scroll)}`);
  await context.close();
  report.ok = true;
} catch (e) {
  report.ok = false;
  report.error = e.message.split('\n')[0];
  console.error(e);
} finally {
  await browser.close();
}
process.stdout.write(`${JSON.stringify(report)}\n`);
process.exit(report.ok ? 0 : 1);
