#!/usr/bin/env node
// End-to-end check of disabling a device from the console, in headless Chromium against a running
// platform (driven by system-tests' DeviceSwitchBrowserIT, which owns the platform and tries the
// device's MQTT CONNECT): the property administrator's switch on the device page (a network failure
// shown, then the confirmation, the focus following it, then the marker on the page and in the
// list), an operator's device list open in another browser, filtered on "offline", updated live
// without a reload, the device enabled again; a switch made elsewhere while the administrator's
// question is open closes it without moving his focus; an operator and a technician get no switch.
//
//   node e2e/device-switch.mjs --url http://127.0.0.1:8080/ --users users.json --ids ids.json --out dir [--timeout-ms 240000]
//
// users.json: {"<role>": [name, password]} for property_admin, operator, technician; ids.json:
// {"device": id}. When the script needs the platform's view of the device it prints
// {"need": "check", "device": id} and reads one JSON line from stdin (the driver's answer: the API's
// `enabled` and whether an MQTT CONNECT of the device was accepted); {"need": "disable"} and
// {"need": "enable"} ask the driver to switch the device through the API itself (another console);
// {"need": "revoke"} asks it to take the property administrator's community away. The last stdout
// line is the report {"ok": true|false, ...}.
import readline from 'node:readline';
import { recorder, run, scriptArgs, signIn, stepper } from './browser.mjs';

const { base, users, ids, out, timeout } = scriptArgs();
const report = { ok: false, watcher: {}, admin: {}, checks: {}, elsewhere: {}, noSwitch: {}, axe: {}, screenshots: [] };
const step = stepper(report, 'device-switch');
const { shot, axe } = recorder(report, out);
const lines = readline.createInterface({ input: process.stdin })[Symbol.asyncIterator]();
const device = ids.device;
const row = (page) => page.locator(`tr[data-device-id="${device}"]`);
const text = async (locator) => (await locator.innerText()).replace(/\s+/g, ' ').trim();
const SWITCH_ROUTE = '**/api/v1/provisioning/devices/*/enabled';
/** The `data-action` of the focused element of `page`, once it is `action` (or whatever it is after 5 s). */
async function focusedAction(page, action) {
  await page.waitForFunction((a) => document.activeElement?.dataset.action === a, action, { timeout: 5000 }).catch(() => {});
  return page.evaluate(() => document.activeElement?.dataset.action ?? document.activeElement?.tagName ?? null);
}

/** Asks the driver for `need` ('check': how the platform sees the device now; 'disable', 'enable': switch it through the API; 'revoke': take the admin's community away). */
async function ask(need) {
  process.stdout.write(`${JSON.stringify({ need, device })}\n`);
  const { value, done } = await lines.next();
  if (done) throw new Error(`the driver did not answer ${need}`);
  return JSON.parse(value);
}
const check = () => ask('check');

/** A context on elm-court, signed in as `role` at `hash`. */
async function open(browser, role, hash) {
  const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1440, height: 900 } });
  await context.addInitScript(() => localStorage.setItem('anju.community', 'elm-court'));
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await signIn(page, `${base}${hash}`, users[role]);
  return { context, page, errors };
}

/**
 * An operator's device list with the stream live, marked so that a reload would show, filtered on
 * the device's status before the switch ("offline": the device never connected) so that the switch
 * must take it out of the filtered rows live.
 */
async function watch(browser) {
  step('an operator watches the device list, filtered on "offline"');
  const watcher = await open(browser, 'operator', '#/devices');
  const { page } = watcher;
  await row(page).waitFor();
  await page.waitForFunction(() => document.querySelector('[data-testid="stream-status"]')?.dataset.state === 'live');
  await page.evaluate(() => (window.__anjuNoReload = true));
  report.watcher.enabledBefore = await row(page).getAttribute('data-enabled');
  await page.selectOption('[data-testid="filter-presence"]', 'offline');
  await row(page).waitFor();
  report.watcher.offlineBefore = await shownIds(page);
  return watcher;
}

/** The ids of the rows the list shows. */
const shownIds = (page) => page.$$eval('tr[data-device-id]', (rows) => rows.map((r) => r.dataset.deviceId));

/** Fails when the page was reloaded since `watch` marked it. */
async function notReloaded(page) {
  if (!(await page.evaluate(() => window.__anjuNoReload === true))) throw new Error('the operator\'s page reloaded');
}

/** Waits, in the page as it is (no reload), for the row's `data-enabled` to become `enabled`. */
async function seenLive(page, enabled) {
  await page.locator(`tr[data-device-id="${device}"][data-enabled="${enabled}"]`).waitFor({ timeout: 20_000 });
  await notReloaded(page);
}

async function takeOut(page) {
  step('the property admin opens the device page');
  const button = page.locator('[data-testid="device-switch"] [data-action="take-out"]');
  await button.waitFor();
  report.admin.statusBefore = await page.locator('[data-testid="device-status"]').getAttribute('data-status');

  step('a switch the network drops is shown, not swallowed');
  await page.route(SWITCH_ROUTE, (route) => route.abort('internetdisconnected'));
  await button.click();
  report.admin.focusOnAsk = await focusedAction(page, 'confirm-take-out');
  await page.click('[data-action="confirm-take-out"]');
  const failure = page.locator('[data-testid="switch-error"]');
  await failure.waitFor();
  report.admin.networkError = { status: await failure.getAttribute('data-status'), text: await text(failure) };
  await page.unroute(SWITCH_ROUTE);
  report.admin.statusAfterFailure = await page.locator('[data-testid="device-status"]').getAttribute('data-status');

  step('taking it out asks first, then marks it');
  report.admin.warning = await text(page.locator('[data-testid="take-out-warning"]'));
  await page.click('[data-action="confirm-take-out"]');
  await page.locator('[data-testid="device-status"][data-status="disabled"]').waitFor();
  report.admin.pageMarker = await text(page.locator('[data-testid="device-status"]'));
  report.admin.errorCleared = !(await failure.isVisible());
  await page.locator('[data-action="put-back"]').waitFor();
  report.admin.focusAfterSwitch = await focusedAction(page, 'put-back');
  report.admin.statusLive = await page.locator('[data-testid="device-status"]').locator('xpath=..').getAttribute('aria-live');
  await axe(page, 'device-disabled');
}

async function markedInList(admin, watcher) {
  step('the operator\'s "offline" list drops it without a reload');
  await row(watcher.page).waitFor({ state: 'detached', timeout: 20_000 });
  await notReloaded(watcher.page);
  report.watcher.offlineAfter = await shownIds(watcher.page);

  step('the list\'s "disabled" filter shows it, marked');
  await watcher.page.selectOption('[data-testid="filter-presence"]', 'disabled');
  await seenLive(watcher.page, 'false');
  const watched = row(watcher.page);
  report.watcher.rowClass = await watched.getAttribute('class');
  report.watcher.marker = await text(watched.locator('td.c-status'));
  report.watcher.filtered = await shownIds(watcher.page);
  await shot(watcher.page, 'devices-disabled');
  await watcher.page.selectOption('[data-testid="filter-presence"]', '');

  step('the admin\'s list shows it too');
  await admin.page.evaluate(() => (location.hash = '#/devices'));
  await row(admin.page).waitFor();
  report.admin.listEnabled = await row(admin.page).getAttribute('data-enabled');
  report.admin.listMarker = await text(row(admin.page).locator('td.c-status'));
}

async function putBack(admin, watcher) {
  step('putting it back');
  await admin.page.evaluate((id) => (location.hash = `#/devices/${encodeURIComponent(id)}`), device);
  await admin.page.click('[data-testid="device-switch"] [data-action="put-back"]');
  await admin.page.locator('[data-testid="device-switch"] [data-action="take-out"]').waitFor();
  report.admin.focusAfterPutBack = await focusedAction(admin.page, 'take-out');
  report.admin.statusPutBack = await admin.page.locator('[data-testid="device-status"]').getAttribute('data-status');
  await seenLive(watcher.page, 'true');
  report.watcher.enabledAfter = await row(watcher.page).getAttribute('data-enabled');
}

/** A switch made elsewhere while the admin's question is open: the question goes, his focus stays put. */
async function switchedElsewhere(page) {
  step('a switch made elsewhere closes the open question');
  await page.click('[data-testid="device-switch"] [data-action="take-out"]');
  await page.locator('[data-testid="take-out-warning"]').waitFor();
  await ask('disable');
  await page.locator('[data-testid="device-status"][data-status="disabled"]').waitFor({ timeout: 20_000 });
  report.elsewhere.warningAfterDisable = await page.locator('[data-testid="take-out-warning"]').count();
  report.elsewhere.focusAfterDisable = await page.evaluate(() => document.activeElement?.dataset.action ?? document.activeElement?.tagName);
  await ask('enable');
  await page.locator('[data-testid="device-switch"] [data-action="take-out"]').waitFor({ timeout: 20_000 });
  report.elsewhere.asking = await page.locator('[data-testid="take-out-warning"]').count();
}

/** The API's refusal, once the admin lost the community while his page was open: shown, the device as it was. */
async function refused(page) {
  step('a refusal of the API is shown');
  await ask('revoke');
  await page.click('[data-testid="device-switch"] [data-action="take-out"]');
  await page.click('[data-action="confirm-take-out"]');
  const failure = page.locator('[data-testid="switch-error"]');
  await failure.waitFor();
  report.admin.refusal = { status: await failure.getAttribute('data-status'), text: await text(failure) };
  report.admin.statusAfterRefusal = await page.locator('[data-testid="device-status"]').getAttribute('data-status');
}

/** Whether the device page offers the switch: it renders with the device's status, so once that shows. */
async function offersSwitch(page) {
  await page.locator('[data-testid="device-status"]').waitFor();
  return (await page.locator('[data-testid="device-switch"]').count()) > 0;
}

await run(report, { out, name: 'device-switch-report.json', timeout }, async (browser) => {
  const watcher = await watch(browser);
  const admin = await open(browser, 'property_admin', `#/devices/${encodeURIComponent(device)}`);
  await takeOut(admin.page);
  await markedInList(admin, watcher);
  step('the platform refuses the device');
  report.checks.disabled = await check();
  await putBack(admin, watcher);
  step('the platform lets it in again');
  report.checks.enabled = await check();
  await switchedElsewhere(admin.page);
  await refused(admin.page);

  step('roles the route refuses get no switch');
  await watcher.page.evaluate((id) => (location.hash = `#/devices/${encodeURIComponent(id)}`), device);
  report.noSwitch.operator = await offersSwitch(watcher.page);
  const tech = await open(browser, 'technician', `#/devices/${encodeURIComponent(device)}`);
  report.noSwitch.technician = await offersSwitch(tech.page);
  report.pageErrors = [...watcher.errors, ...admin.errors, ...tech.errors];
  await Promise.all([watcher, admin, tech].map((c) => c.context.close()));
});
