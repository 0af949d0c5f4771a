#!/usr/bin/env node
// End-to-end check of the console against a running platform, in headless Chromium:
// a wrong password is refused with a message, the right one shows the device table, the
// stream goes live, and a row's last-seen changes without a reload (live updates over SSE).
//
//   node e2e/live-devices.mjs --url http://127.0.0.1:8080/ --user U --password P \
//        --min-devices N --screenshot out.png [--timeout-ms 30000]
//
// Prints exactly one JSON line on stdout ({"ok": true, ...} or {"ok": false, "error": ...})
// and exits 0 or 1. Diagnostics go to stderr. Chromium: $ANJU_CHROMIUM or /usr/bin/chromium.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function options() {
  const { values } = parseArgs({
    options: {
      url: { type: 'string' },
      user: { type: 'string' },
      password: { type: 'string' },
      'min-devices': { type: 'string', default: '1' },
      screenshot: { type: 'string' },
      'timeout-ms': { type: 'string', default: '30000' },
    },
  });
  for (const key of ['url', 'user', 'password', 'screenshot']) {
    if (!values[key]) throw new Error(`missing --${key}`);
  }
  const minDevices = Number(values['min-devices']);
  const timeoutMs = Number(values['timeout-ms']);
  if (!Number.isInteger(minDevices) || minDevices < 1) throw new Error(`--min-devices must be a positive integer, got ${values['min-devices']}`);
  if (!(timeoutMs > 0)) throw new Error(`--timeout-ms must be positive, got ${values['timeout-ms']}`);
  return { ...values, minDevices, timeoutMs, screenshot: path.resolve(values.screenshot) };
}

/** One overall deadline; each step waits at most for what is left of it. */
function deadline(timeoutMs) {
  const end = Date.now() + timeoutMs;
  return () => Math.max(1, end - Date.now());
}

async function run(opts, context, report) {
  const left = deadline(opts.timeoutMs);
  const page = context.pages()[0] ?? (await context.newPage());
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && console.error(`[page] ${m.text()}`));
  let mainFrameNavigations = 0;
  page.on('framenavigated', (f) => f === page.mainFrame() && (mainFrameNavigations += 1));

  report.step = 'open';
  await page.goto(opts.url, { waitUntil: 'domcontentloaded', timeout: left() });

  report.step = 'wrong password';
  const form = page.locator('#login-form');
  await form.waitFor({ state: 'visible', timeout: left() });
  await form.locator('input[name="username"]').fill(opts.user);
  await form.locator('input[name="password"]').fill(`${opts.password}-wrong`);
  await form.locator('button[type="submit"]').click();
  const loginError = page.locator('[data-testid="login-error"]');
  await loginError.waitFor({ state: 'visible', timeout: left() });
  report.loginError = (await loginError.textContent())?.trim();
  report.loginStatus = Number(await loginError.getAttribute('data-status'));
  if (!report.loginError) throw new Error('login error is visible but has no message');

  report.step = 'login';
  await form.locator('input[name="password"]').fill(opts.password);
  await form.locator('button[type="submit"]').click();

  report.step = 'open the device list';
  await page.locator('[data-testid="stream-status"]').waitFor({ timeout: left() });
  await page.goto(new URL('#/devices', opts.url).href, { timeout: left() });

  report.step = `wait for ${opts.minDevices} device rows`;
  await page.waitForFunction(
    (min) => document.querySelectorAll('tr[data-device-id]').length >= min,
    opts.minDevices,
    { timeout: left(), polling: 200 },
  );
  // A marker that only survives if the page is never reloaded.
  await page.evaluate(() => (window.__anjuE2eMarker = true));
  const navigationsAfterLogin = mainFrameNavigations;

  report.step = 'wait for stream live';
  const status = page.locator('[data-testid="stream-status"]');
  await page.waitForFunction(
    () => document.querySelector('[data-testid="stream-status"]')?.dataset.state === 'live',
    null,
    { timeout: left(), polling: 100 },
  );
  report.streamStatus = (await status.textContent())?.trim();

  report.step = 'wait for a live row update';
  const before = await page.$$eval('tr[data-device-id]', (rows) => Object.fromEntries(rows.map((r) => [r.dataset.deviceId, r.dataset.lastSeen])));
  const changed = await page.waitForFunction(
    (prev) => {
      for (const row of document.querySelectorAll('tr[data-device-id]')) {
        const id = row.dataset.deviceId;
        if (id in prev && row.dataset.lastSeen && row.dataset.lastSeen !== prev[id]) {
          return { id, lastSeen: row.dataset.lastSeen, online: row.dataset.online };
        }
      }
      return null;
    },
    before,
    { timeout: left(), polling: 100 },
  );
  const update = await changed.jsonValue();
  if (!(await page.evaluate(() => window.__anjuE2eMarker === true)) || mainFrameNavigations !== navigationsAfterLogin) {
    throw new Error('the page reloaded while waiting for a live update');
  }
  if (pageErrors.length) throw new Error(`uncaught page errors: ${pageErrors.join(' | ')}`);

  // The charts draw with the trimmed ECharts of the build (scripts/echarts-trim.mjs): the
  // device's history and the overview's message rate, each a canvas with painted pixels.
  report.step = 'charts';
  report.chartPixels = {
    device: await chartPixels(page, `#/devices/${encodeURIComponent(update.id)}`, left()),
    overview: await chartPixels(page, '#/overview', left()),
  };
  if (pageErrors.length) throw new Error(`uncaught page errors: ${pageErrors.join(' | ')}`);
  await page.evaluate(() => (location.hash = '#/devices'));
  await page.locator('tr[data-device-id]').first().waitFor({ timeout: left() });

  report.step = 'screenshot';
  report.devices = await page.locator('tr[data-device-id]').count();
  report.deviceCountShown = Number(await page.locator('[data-testid="device-count"]').textContent());
  report.lang = await page.evaluate(() => document.documentElement.lang);
  report.updatedDeviceId = update.id;
  report.previousLastSeen = before[update.id] || null;
  report.lastSeen = update.lastSeen;
  await screenshot(page, opts.screenshot);
  report.screenshot = opts.screenshot;
}

/** Opens `hash` in the page (no reload) and waits for its chart's canvas to have painted pixels; returns how many. */
async function chartPixels(page, hash, timeout) {
  await page.evaluate((h) => (location.hash = h), hash);
  const painted = await page.waitForFunction(() => {
    const canvas = document.querySelector('.chart canvas');
    if (!canvas || canvas.width === 0) return 0;
    const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
    let n = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) n += 1;
    return n;
  }, null, { timeout, polling: 200 });
  return painted.jsonValue();
}

async function screenshot(page, file) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await page.screenshot({ path: file, fullPage: true, timeout: 10_000 });
}

async function main() {
  const started = Date.now();
  const report = { ok: false };
  let opts;
  let context;
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'anju-e2e-chromium-'));
  // Runs even when Playwright's own signal handlers end the process.
  process.on('exit', () => fs.rmSync(userDataDir, { recursive: true, force: true }));
  try {
    opts = options();
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: process.env.ANJU_CHROMIUM || '/usr/bin/chromium',
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1440, height: 900 },
      timeout: opts.timeoutMs,
    });
    await run(opts, context, report);
    report.ok = true;
    delete report.step;
  } catch (e) {
    report.error = `${report.step ? `${report.step}: ` : ''}${e.message.split('\n')[0]}`;
    console.error(e);
    // A picture of the failure helps more than the stack trace; best effort only.
    const page = context?.pages()[0];
    if (page && opts?.screenshot) {
      await screenshot(page, opts.screenshot).then(
        () => (report.screenshot = opts.screenshot),
        () => {},
      );
    }
  } finally {
    await context?.close().catch((e) => console.error('closing Chromium failed', e));
  }
  report.elapsedMs = Date.now() - started;
  process.stdout.write(`${JSON.stringify(report)}\n`);
  process.exitCode = report.ok ? 0 : 1;
}

await main();
