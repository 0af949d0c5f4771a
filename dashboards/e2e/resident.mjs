#!/usr/bin/env node
// End-to-end check of the resident portal and the console's billing screens in headless Chromium
// against a running platform (driven by system-tests' ResidentBrowserIT, which owns the platform
// and its billed month): a resident on a 375 px phone sees her household, its fund balance and her
// own invoices only; another household's invoice URL shows the not-found page; an invoice's lines;
// the sandbox fails her first payment (she sees it failed, with the reason) and she pays it with a
// new one through the sandbox provider and sees it paid, with its receipt, without a reload;
// a charging session's cost per tier; visitor records; she casts her household's ballot (and the
// buttons are gone after a reload). Then each staff role's billing menu, each billing screen for
// the property administrator (axe-core, screenshots), a billing run of a month already billed,
// and the technician refused every money screen but given the work orders (on a phone, axe-core).
//
//   node e2e/resident.mjs --url http://127.0.0.1:8080/ --users users.json --ids ids.json --out dir [--timeout-ms 240000]
//
// users.json: {"resident": [name, password], "property_admin": [...], "operator": [...], "technician": [...]};
// ids.json: {"ownInvoice": n, "otherInvoice": n, "motion": n, "household": n, "session": n, "period": "YYYY-MM"}.
// The last stdout line is the report {"ok": true|false, ...}.
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { navOf, recorder, run, shown, signIn, stepper } from './browser.mjs';

const { values: opts } = parseArgs({ options: {
  url: { type: 'string' }, users: { type: 'string' }, ids: { type: 'string' }, out: { type: 'string' }, 'timeout-ms': { type: 'string', default: '240000' },
} });
const users = JSON.parse(fs.readFileSync(opts.users, 'utf8'));
const ids = JSON.parse(fs.readFileSync(opts.ids, 'utf8'));
const base = opts.url.endsWith('/') ? opts.url : `${opts.url}/`;
const report = { ok: false, resident: {}, roles: {}, axe: {}, screenshots: [] };
const step = stepper(report, 'resident');
const { shot, axe } = recorder(report, opts.out);
const BILLING_SCREENS = ['billing', 'arrears', 'tariffs', 'parking', 'charging', 'fund', 'motions'];
const text = async (locator) => (await locator.textContent()).trim();
// a payment as the pay panel lists it: its order and its line's text
const orderLine = async (li) => ({ orderId: Number(await li.getAttribute('data-order-id')), text: (await li.innerText()).replace(/\s+/g, ' ').trim() });

async function resident(browser) {
  step('resident signs in on a phone');
  const context = await browser.newContext({ bypassCSP: true, viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await signIn(page, `${base}resident/`, users.resident);
  const card = page.locator(`[data-household-id="${ids.household}"]`);
  await card.waitFor();
  await page.locator('[data-testid="fund-balance"]').filter({ hasText: '¥' }).waitFor();
  report.resident.fund = await text(page.locator('[data-testid="fund-balance"]').first());
  report.resident.households = await page.locator('article[data-household-id]').count();
  await card.locator('[data-testid="my-contracts"]').waitFor();
  report.resident.contracts = await card.locator('[data-contract-id]').count();
  report.resident.scrollsSideways = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
  await axe(page, 'resident-home');

  step('own invoices');
  await page.click('[data-tab="bills"]');
  await page.locator(`[data-invoice-id="${ids.ownInvoice}"]`).waitFor();
  report.resident.invoices = await page.$$eval('[data-testid="my-invoices"] li[data-invoice-id]', (li) => li.map((x) => Number(x.dataset.invoiceId)));
  await axe(page, 'resident-bills');
  await page.click(`[data-invoice-id="${ids.ownInvoice}"] a`);
  await page.locator('[data-testid="invoice"]').waitFor();
  report.resident.invoice = {
    total: await text(page.locator('[data-testid="invoice-total"]')),
    lines: await page.locator('[data-testid="invoice-lines"] li').count(),
    status: await text(page.locator('[data-testid="invoice-status"]')),
  };
  await axe(page, 'resident-invoice');

  step('the sandbox fails the first payment');
  await page.evaluate(() => (window.__e2eSamePage = true));
  await page.click('[data-testid="pay-button"]');
  await page.click('[data-testid="sandbox-fail"]');
  const failed = page.locator('[data-testid="payments"] li[data-status="failed"]');
  await failed.waitFor({ timeout: 60_000 });
  report.resident.failed = { ...await orderLine(failed), banner: await text(page.locator('[data-testid="pay-failed"]')) };
  await shot(page, 'resident-payment-failed');

  step('pays the invoice through the sandbox');
  await page.click('[data-testid="pay-button"]');
  report.resident.qrContent = await text(page.locator('[data-testid="qr-content"]'));
  await shot(page, 'resident-checkout');
  await page.click('[data-testid="sandbox-pay"]');
  const paid = page.locator('[data-testid="payments"] li[data-status="paid"]');
  await paid.waitFor({ timeout: 60_000 });
  report.resident.payment = {
    ...await orderLine(paid),
    samePage: await page.evaluate(() => window.__e2eSamePage === true),
    statusAfter: await text(page.locator('[data-testid="invoice-status"]')),
    payButtonAfter: await page.locator('[data-testid="pay-button"]').count(),
  };
  await axe(page, 'resident-paid');

  step("another household's invoice URL");
  await page.goto(`${base}resident/#/bills/${ids.otherInvoice}`);
  report.resident.otherInvoiceNotFound = await shown(page.locator('[data-testid="not-found"]'));
  report.resident.otherInvoiceShown = await page.locator('[data-testid="invoice"]').count();
  await shot(page, 'resident-other-invoice');

  step('charging and visitor records');
  await page.click('[data-tab="services"]');
  await page.locator(`[data-session-id="${ids.session}"]`).waitFor();
  // the visits load apart from the sessions: counted once the list has come
  await page.locator('[data-testid="my-visits"] li').first().waitFor();
  report.resident.visits = await page.locator('[data-testid="my-visits"] li').count();
  await axe(page, 'resident-services');
  await page.click(`[data-session-id="${ids.session}"] a`);
  await page.locator('[data-testid="charging-session"]').waitFor();
  report.resident.tierLines = await page.$$eval('[data-testid="tier-lines"] li', (li) => li.map((x) => x.innerText.replace(/\s+/g, ' ').trim()));
  await shot(page, 'resident-charging-session');

  step('casts a ballot');
  await page.click('[data-tab="votes"]');
  const motion = page.locator(`[data-motion-id="${ids.motion}"]`);
  await motion.locator('.rules').waitFor();
  report.resident.rules = await text(motion.locator('.rules'));
  await axe(page, 'resident-votes');
  await motion.locator(`[data-household-id="${ids.household}"] button[data-choice="yes"]`).click();
  await motion.locator('[data-testid="ballot-cast"][data-choice="yes"]').waitFor();
  await page.reload();
  await motion.locator('[data-testid="ballot-cast"]').waitFor();
  report.resident.ballotAfterReload = await motion.locator('[data-testid="ballot-cast"]').getAttribute('data-choice');
  report.resident.buttonsAfterReload = await motion.locator('button[data-choice]').count();
  await shot(page, 'resident-voted');
  await context.close();
}

async function console_(browser) {
  for (const role of ['property_admin', 'operator', 'technician']) {
    step(`console billing as ${role}`);
    const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await signIn(page, base, users[role]);
    await page.locator('nav.sidenav').waitFor();
    const nav = await navOf(page);
    const refused = [];
    for (const screen of BILLING_SCREENS) {
      await page.goto(`${base}#/${screen}`);
      if (!nav.includes(screen)) {
        if (await shown(page.locator('[data-testid="not-found"]'))) refused.push(screen);
        continue;
      }
      await page.locator(`#${screen}-title`).waitFor();
      await page.waitForLoadState('networkidle').catch(() => {});
      if (role === 'property_admin') await axe(page, `console-${screen}`);
      else if ((await page.locator('.banner-bad').count()) > 0) refused.push(screen);
    }
    // Work orders: every staff role has them (a technician his own); the screen loads on a phone too.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${base}#/maintenance`);
    const maintenance = await shown(page.locator('#maintenance-title'));
    if (role === 'technician') await axe(page, 'console-maintenance-phone');
    await page.setViewportSize({ width: 1440, height: 900 });
    report.roles[role] = { nav: nav.filter((n) => BILLING_SCREENS.includes(n)), refused, maintenance };
    // No test hook in a page opened without the test-only flag (src/testHooks.js).
    report.hooksWithoutFlag = await page.evaluate(() => Object.keys(window).filter((k) => k.startsWith('__anju')));
    if (role === 'property_admin') {
      step('billing run of a month billed before');
      await page.goto(`${base}#/billing`);
      await page.locator('[data-testid="run-form"] input[name="period"]').fill(ids.period);
      await page.click('[data-testid="run-form"] button[type="submit"]');
      report.runMessage = await text(page.locator('[data-testid="run-message"]'));
      report.invoiceRows = await page.locator('#main tr[data-row-id]').count();
      await shot(page, 'console-billing-run');
      step('credit note beyond what the invoice still owes');
      await page.locator('#main tr[data-row-id] button').first().click();
      const credit = page.locator('[data-testid="credit-note-form"]');
      await credit.locator('input[name="amount"]').fill('9999999');
      await credit.locator('input[name="reason"]').fill('browser test');
      await credit.locator('button[type="submit"]').click();
      report.creditNoteRefusal = await text(page.locator('[data-testid="credit-note-error"]'));
      await axe(page, 'console-credit-note');
      step('arrears and revenue');
      await page.goto(`${base}#/arrears`);
      await page.locator('[data-testid="revenue-bars"]').waitFor();
      report.arrearsCsv = await page.locator('[data-testid="arrears-csv"]').getAttribute('href');
      report.revenueMonths = await page.locator('[data-testid="revenue-bars"] li[data-month]').count();
    }
    await context.close();
  }
}

await run(report, { out: opts.out, name: 'resident-report.json', timeout: Number(opts['timeout-ms']) }, async (browser) => {
  await resident(browser);
  await console_(browser);
});
