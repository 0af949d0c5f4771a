#!/usr/bin/env node
// End-to-end check of the resident portal's "My parcels" in headless Chromium against a running
// platform (driven by system-tests' ParcelsBrowserIT, which owns the platform and a parcel locker
// that publishes over MQTT): on a 375 px phone a resident registers the number she receives parcels
// at (a malformed one is refused with the API's message); a deposit for that number shows her the
// pickup code, the compartment, the locker and the free-storage countdown; another resident sees no
// parcel; after the pickup hers reads picked up, without a code. A staff user at the portal is
// told it is for residents. axe-core on each screen; screenshots.
//
//   node e2e/parcels.mjs --url http://127.0.0.1:8080/ --users users.json --out dir [--timeout-ms 240000]
//
// users.json: {"resident": [name, password], "other_resident": [...], "operator": [...]}. When the
// script needs a locker event it prints {"need": "deposit"} or {"need": "pickup"} and waits for a
// line "done" on stdin (the driver publishes it and derives the parcels). The last stdout line is
// the report {"ok": true|false, ...}.
import fs from 'node:fs';
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import { recorder, run, signIn, stepper } from './browser.mjs';

const { values: opts } = parseArgs({ options: {
  url: { type: 'string' }, users: { type: 'string' }, out: { type: 'string' }, 'timeout-ms': { type: 'string', default: '240000' },
} });
const users = JSON.parse(fs.readFileSync(opts.users, 'utf8'));
const base = opts.url.endsWith('/') ? opts.url : `${opts.url}/`;
const report = { ok: false, parcels: {}, axe: {}, screenshots: [] };
const lines = readline.createInterface({ input: process.stdin })[Symbol.asyncIterator]();
const step = stepper(report, 'parcels');
const { axe } = recorder(report, opts.out);
const PHONE = { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, bypassCSP: true };
const text = async (locator) => (await locator.textContent()).trim();

/** Asks the driver for a locker event and waits until the platform has derived it. */
async function need(what) {
  process.stdout.write(`${JSON.stringify({ need: what })}\n`);
  const { value, done } = await lines.next();
  if (done || !value.startsWith('done')) throw new Error(`driver did not publish the ${what}: ${value}`);
}

/** Opens My parcels afresh (the list is read when the screen opens) and waits for it. */
async function openParcels(page) {
  await page.goto(`${base}resident/#/home`);
  await page.click('[data-tab="parcels"]');
  await page.locator('#parcel-phone').waitFor();
}

async function resident(browser) {
  step('resident opens My parcels on a phone');
  const context = await browser.newContext(PHONE);
  const page = await context.newPage();
  await signIn(page, `${base}resident/`, users.resident);
  await openParcels(page);
  await page.locator('[data-testid="no-parcels"]').waitFor();

  step('a malformed number is refused');
  await page.fill('#parcel-phone', '12345');
  await page.click('.parcel-phone button[type="submit"]');
  report.parcels.phoneError = await text(page.locator('[data-testid="phone-error"]'));

  step('she registers her number');
  await page.fill('#parcel-phone', '138 0013 8000');
  await page.click('.parcel-phone button[type="submit"]');
  report.parcels.phoneLast4 = await text(page.locator('[data-testid="phone-last4"]'));
  await need('deposit');
  await openParcels(page);
  const parcel = page.locator('[data-testid="my-parcels"] li[data-parcel-id]');
  await parcel.first().waitFor();
  report.parcels.waiting = {
    count: await parcel.count(),
    code: await text(parcel.first().locator('[data-testid="pickup-code"]')),
    state: await parcel.first().getAttribute('data-state'),
    badge: await text(parcel.first().locator('[data-testid="parcel-badge"]')),
    freeLeft: await text(parcel.first().locator('[data-testid="free-left"]')),
    text: await text(parcel.first()),
  };
  report.parcels.scrollsSideways = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
  await axe(page, 'resident-parcels');

  step('another resident sees none of it');
  const other = await browser.newContext(PHONE);
  const otherPage = await other.newPage();
  await signIn(otherPage, `${base}resident/`, users.other_resident);
  await openParcels(otherPage);
  await otherPage.locator('[data-testid="no-parcels"]').waitFor();
  report.parcels.otherParcels = await otherPage.locator('[data-parcel-id]').count();
  report.parcels.otherCodes = await otherPage.locator('[data-testid="pickup-code"]').count();
  await other.close();

  step('after the pickup it reads picked up');
  await need('pickup');
  await openParcels(page);
  await page.locator('[data-testid="my-parcels"] li[data-state="pickedUp"]').waitFor();
  report.parcels.pickedUp = {
    badge: await text(parcel.first().locator('[data-testid="parcel-badge"]')),
    codes: await page.locator('[data-testid="pickup-code"]').count(),
  };
  await axe(page, 'resident-parcels-picked-up');
  await context.close();
}

async function staff(browser) {
  step('an operator at the portal is told it is for residents');
  const context = await browser.newContext({ bypassCSP: true });
  const page = await context.newPage();
  await signIn(page, `${base}resident/#/parcels`, users.operator);
  report.parcels.staffRefused = await text(page.locator('[data-testid="wrong-role"]'));
  report.parcels.staffCodes = await page.locator('[data-testid="pickup-code"]').count();
  await axe(page, 'resident-parcels-staff');
  await context.close();
}

await run(report, { out: opts.out, name: 'parcels-report.json', timeout: Number(opts['timeout-ms']) }, async (browser) => {
  await resident(browser);
  await staff(browser);
});
