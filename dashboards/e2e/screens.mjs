#!/usr/bin/env node
// End-to-end check of every app in headless Chromium against a running platform (driven by
// system-tests' ScreensBrowserIT, which owns the platform and the MQTT devices):
//   sign-in per role and what each role must not see; language switching; axe-core on each main
//   screen; a fire alarm (published by the driver) on the board and the console without reload,
//   with the siren started; the operator's verification walk; the board catching up on what it
//   missed while its connection was down; logout and session expiry; the 429 throttle message.
//
//   node e2e/screens.mjs --url http://127.0.0.1:8080/ --users users.json --out dir [--timeout-ms 240000]
//
// users.json: {"operator": ["name", "password"], "property_admin": [...], "technician": [...],
// "fire_brigade": [...], "resident": [...], "throttled": [...]}. When the script needs an alarm it
// prints {"need": "alarm", "device": "det-1"} and waits for a line on stdin (the driver publishes
// it with a real MQTT device and answers once the platform has the case). The last line is the
// report: {"ok": true|false, ...}. Chromium: $ANJU_CHROMIUM or /usr/bin/chromium.
import fs from 'node:fs';
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import en from '../src/i18n/en.json' with { type: 'json' };
import zhCN from '../src/i18n/zh-CN.json' with { type: 'json' };
import { hookedContext, navOf, recorder, run, shown, shownRatherThan, signIn, stepper } from './browser.mjs';

const CJK = /[\u3400-\u9fff]/;

const { values: opts } = parseArgs({ options: { url: { type: 'string' }, users: { type: 'string' }, out: { type: 'string' }, 'timeout-ms': { type: 'string', default: '240000' } } });
const users = JSON.parse(fs.readFileSync(opts.users, 'utf8'));
const base = opts.url.endsWith('/') ? opts.url : `${opts.url}/`;
const timeout = Number(opts['timeout-ms']);
const report = { ok: false, roles: {}, axe: {}, screenshots: [] };
const lines = readline.createInterface({ input: process.stdin })[Symbol.asyncIterator]();
const step = stepper(report, 'e2e');
const { shot, axe } = recorder(report, opts.out);

/** Asks the driver for an alarm of `device` and waits until it says the platform has the case. */
async function needAlarm(device) {
  process.stdout.write(`${JSON.stringify({ need: 'alarm', device })}\n`);
  const { value, done } = await lines.next();
  if (done || !value.startsWith('done')) throw new Error(`driver did not publish ${device}: ${value}`);
}

const visibleText = (page) => page.evaluate(() => {
  const clone = document.body.cloneNode(true);
  clone.querySelectorAll('[data-testid="lang"], script, style').forEach((e) => e.remove());
  return clone.innerText;
});
const buttons = (page) => page.$$eval('[data-testid="fire-actions"] button[data-transition]', (bs) => bs.map((b) => b.dataset.transition));

async function roles(browser) {
  for (const role of ['operator', 'property_admin', 'technician']) {
    step(`sign in as ${role}`);
    const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await signIn(page, base, users[role]);
    await page.locator('nav.sidenav').waitFor();
    const nav = await navOf(page);
    await page.goto(`${base}#/users`);
    const usersNotFound = await shownRatherThan(page.locator('[data-testid="not-found"]'), page.locator('#users-title'));
    report.roles[role] = { nav, usersNotFound };
    await context.close();
  }
  for (const [role, landing] of [['fire_brigade', 'board/'], ['resident', 'resident/']]) {
    step(`sign in as ${role}`);
    const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await signIn(page, base, users[role]);
    // The resident portal adds its hash route (#/home): the app is what counts.
    await page.waitForURL((url) => url.href.startsWith(`${base}${landing}`));
    await page.locator(role === 'resident' ? '[data-testid="resident-home"]' : '[data-testid="feed-status"]').waitFor();
    // Neither may use the other's screen nor the console's.
    await page.goto(`${base}${role === 'resident' ? 'board/' : 'resident/'}`);
    const wrongRole = await shown(page.locator('[data-testid="wrong-role"]'));
    report.roles[role] = { landedOn: landing, otherAppRefused: wrongRole };
    if (role === 'resident') {
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(`${base}resident/`);
      await page.locator('[data-testid="resident-home"]').waitFor();
      await axe(page, 'resident');
    }
    await context.close();
  }
}

async function language(page) {
  step('language switch');
  const zhNav = await page.$$eval('nav.sidenav a', (as) => as.map((a) => a.textContent.trim()));
  await page.selectOption('[data-testid="lang"]', 'en');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  const enNav = await page.$$eval('nav.sidenav a', (as) => as.map((a) => a.textContent.trim()));
  const enText = await visibleText(page);
  await page.reload();
  await page.locator('nav.sidenav').waitFor();
  const remembered = await page.evaluate(() => document.documentElement.lang);
  report.language = {
    zhNav, enNav, remembered,
    enLeftovers: [...new Set(enText.split('\n').filter((l) => CJK.test(l)))].slice(0, 10),
    enNavMatches: enNav.every((label) => Object.values(en.nav).includes(label)),
    zhNavMatches: zhNav.every((label) => Object.values(zhCN.nav).includes(label)),
  };
  await page.selectOption('[data-testid="lang"]', 'zh-CN');
  await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
}

async function main(browser) {
  await roles(browser);

  step('console screens (property admin) with axe');
  const admin = await browser.newContext({ bypassCSP: true, viewport: { width: 1440, height: 900 } });
  const adminPage = await admin.newPage();
  await adminPage.goto(base);
  await adminPage.locator('#login-form').waitFor();
  await axe(adminPage, 'sign-in');
  await signIn(adminPage, base, users.property_admin);
  await adminPage.locator('[data-testid="stream-status"][data-state="live"]').waitFor();
  for (const screen of ['overview', 'devices', 'alerts', 'incidents', 'fire', 'rescues', 'users', 'webhooks', 'audit', 'storage']) {
    await adminPage.goto(`${base}#/${screen}`);
    await adminPage.locator(`#${screen}-title`).waitFor();
    await adminPage.waitForLoadState('networkidle').catch(() => {});
    await axe(adminPage, `console-${screen}`);
  }
  await language(adminPage);

  step('board and console open before the alarm');
  const board = await hookedContext(browser, { bypassCSP: true, viewport: { width: 1920, height: 1080 } });
  const boardPage = await board.newPage();
  await signIn(boardPage, `${base}board/`, users.fire_brigade);
  await boardPage.locator('[data-testid="feed-status"][data-state="live"]').waitFor();
  const operator = await browser.newContext({ bypassCSP: true, viewport: { width: 1440, height: 900 } });
  const opPage = await operator.newPage();
  await signIn(opPage, base, users.operator);
  await opPage.goto(`${base}#/fire`);
  await opPage.locator('#fire-title').waitFor();
  const navigations = { board: 0, op: 0 };
  boardPage.on('framenavigated', (f) => f === boardPage.mainFrame() && (navigations.board += 1));
  opPage.on('framenavigated', (f) => f === opPage.mainFrame() && (navigations.op += 1));

  step('fire alarm from det-1');
  await needAlarm('det-1');
  const boardRow = boardPage.locator('[data-testid="board-alarms"] tr[data-device-id="det-1"]');
  await boardRow.waitFor();
  await boardPage.waitForFunction(() => window.__anjuAlarm?.started > 0 && window.__anjuAlarm.state === 'running');
  report.sound = await boardPage.evaluate(() => ({ started: window.__anjuAlarm.started, state: window.__anjuAlarm.state }));
  const caseId = await boardRow.getAttribute('data-case-id');
  await opPage.locator(`tr[data-row-id="${caseId}"]`).waitFor();
  report.alarm = { caseId, boardReloaded: navigations.board > 0, consoleReloaded: navigations.op > 0 };
  await axe(boardPage, 'board');
  await shot(opPage, 'console-fire-alarm');

  step('operator walks the case through verification');
  await opPage.click(`button[data-open-case="${caseId}"]`);
  const state = () => opPage.locator('[data-testid="case-state"]').getAttribute('data-state');
  const walk = [];
  const waitState = (s) => opPage.locator(`[data-testid="case-state"][data-state="${s}"]`).waitFor();
  await waitState('received');
  walk.push({ state: await state(), offered: await buttons(opPage) });
  await axe(opPage, 'console-fire-case');
  await opPage.click('button[data-transition="acknowledged"]');
  await waitState('acknowledged');
  walk.push({ state: 'acknowledged', offered: await buttons(opPage) });
  await opPage.click('button[data-transition="verifying"]');
  await waitState('verifying');
  walk.push({ state: 'verifying', offered: await buttons(opPage) });
  // A false alarm without a cause is stopped with the catalogue's message; then with a cause.
  await opPage.click('button[data-transition="false_alarm"]');
  report.causeMessage = (await opPage.locator('[data-testid="fire-actions"] [role="alert"]').textContent()).trim();
  await opPage.selectOption('[data-testid="false-alarm-cause"]', 'cooking_fumes');
  await opPage.click('button[data-transition="false_alarm"]');
  await waitState('false_alarm');
  walk.push({ state: 'false_alarm', offered: await buttons(opPage) });
  await opPage.click('button[data-transition="closed"]');
  await waitState('closed');
  walk.push({ state: 'closed', offered: await buttons(opPage) });
  report.walk = walk;
  await shot(opPage, 'console-fire-case-closed');
  // The board drops the closed case from the live list without reload.
  await boardRow.waitFor({ state: 'detached' });

  step('board misses two alarms while its connection is down');
  const before = await boardPage.evaluate(() => ({ received: window.__anjuFeed.received, lastId: window.__anjuFeed.lastId }));
  await board.setOffline(true);
  await boardPage.evaluate(() => window.__anjuFeed.drop(1000));
  await boardPage.locator('[data-testid="feed-status"][data-state="reconnecting"]').waitFor();
  await needAlarm('det-2');
  await needAlarm('det-3');
  await board.setOffline(false);
  for (const d of ['det-2', 'det-3']) await boardPage.locator(`[data-testid="board-alarms"] tr[data-device-id="${d}"]`).waitFor();
  await boardPage.locator('[data-testid="feed-status"][data-state="live"]').waitFor();
  const after = await boardPage.evaluate(() => ({ received: window.__anjuFeed.received, lastId: window.__anjuFeed.lastId }));
  report.resume = { before, after, boardReloaded: navigations.board > 0 };
  await shot(boardPage, 'board-after-resume');
  step('mute');
  await boardPage.click('[data-testid="mute"]');
  report.muted = await boardPage.evaluate(() => window.__anjuAlarm.muted);

  step('logout and session expiry');
  await opPage.click('[data-testid="logout"]');
  report.logoutNotice = (await opPage.locator('[data-testid="login-notice"]').textContent()).trim();
  await signIn(opPage, base, users.operator);
  await opPage.locator('nav.sidenav').waitFor();
  await operator.clearCookies();
  // The first request without the session is refused: the click on a menu entry below, or the
  // overview's 5-second refresh if that comes first (then the menu is gone before the click).
  const expired = opPage.locator('[data-testid="login-notice"]');
  await opPage.locator('nav.sidenav a[data-nav="alerts"]').click({ timeout: 10000 })
    .catch(async (e) => { if (!(await expired.isVisible())) throw e; });
  report.expiredNotice = (await expired.textContent()).trim();

  step('throttled sign-in');
  const [lockUser] = users.throttled;
  let throttled = null;
  for (let i = 0; i < 8 && !throttled; i += 1) {
    await opPage.locator('input[name="username"]').fill(lockUser);
    await opPage.locator('input[name="password"]').fill(`wrong-${i}`);
    const [response] = await Promise.all([
      opPage.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login')),
      opPage.locator('button[type="submit"]').click(),
    ]);
    const error = opPage.locator(`[data-testid="login-error"][data-status="${response.status()}"]`);
    await error.waitFor();
    if (response.status() === 429) {
      throttled = { text: (await error.textContent()).trim(), retryAfter: Number(await error.getAttribute('data-retry-after')), header: response.headers()['retry-after'] };
    }
  }
  report.throttled = throttled;
  await shot(opPage, 'sign-in-throttled');
  await Promise.all([admin.close(), board.close(), operator.close()]);
}

await run(report, { out: opts.out, name: 'report.json', timeout }, main);
