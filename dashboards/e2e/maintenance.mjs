#!/usr/bin/env node
// End-to-end check of the console's maintenance screens in headless Chromium against a running
// platform (driven by system-tests' MaintenanceBrowserIT, which seeds assets, plans, orders and a
// forecast): each role's maintenance menu and the not-found page at the screens it may not open,
// axe-core on every screen it opens; the property administrator's plan change refused with the rule
// in words, a threshold change, the calendar by week and month, the forecast's evidence chart drawn
// (its canvas' pixels), performance by company; a technician and a contractor on a 390 px phone;
// the overview's work orders due (overdue highlighted) for the administrator and the technician.
//
//   node e2e/maintenance.mjs --url http://127.0.0.1:8080/ --users users.json --ids ids.json --out dir [--timeout-ms 240000]
//
// users.json: {"<role>": [name, password], ...} for platform_admin, property_admin, operator, technician,
// maintenance_contractor; ids.json: {"elevatorPlan", "elevatorOrder", "chargerOrder", "forecastOrder", "overdueDay"}.
// The last stdout line is the report {"ok": true|false, ...}.
import { navOf, overviewOf, recorder, run, scriptArgs, shown, signIn, stepper } from './browser.mjs';

const { base, users, ids, out, timeout } = scriptArgs();
const report = { ok: false, roles: {}, overview: {}, plans: {}, calendar: {}, counters: {}, forecasts: {}, performance: {}, phone: {}, axe: {}, screenshots: [] };
const step = stepper(report, 'maintenance');
const { shot, axe } = recorder(report, out);
const SCREENS = ['plans', 'calendar', 'counters', 'forecasts', 'performance'];
const ROLES = ['platform_admin', 'property_admin', 'operator', 'technician', 'maintenance_contractor'];
const text = async (locator) => (await locator.innerText()).replace(/\s+/g, ' ').trim();
const settle = (page) => page.waitForLoadState('networkidle').catch(() => {});

/** A context on elm-court (the platform administrator sees every community; the console remembers the choice). */
async function open(browser, role, options) {
  const context = await browser.newContext({ bypassCSP: true, ...options });
  await context.addInitScript(() => localStorage.setItem('anju.community', 'elm-court'));
  const page = await context.newPage();
  await signIn(page, base, users[role]);
  return { context, page };
}

/** Pixels of the canvas `selector` near the colour `rgb`. */
const pixels = (page, selector, rgb) => page.$eval(selector, (canvas, [r, g, b]) => {
  const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  let n = 0;
  for (let i = 0; i < data.length; i += 4) if (data[i + 3] > 200 && Math.abs(data[i] - r) < 24 && Math.abs(data[i + 1] - g) < 24 && Math.abs(data[i + 2] - b) < 24) n++;
  return n;
}, rgb);

async function plans(page) {
  step('plans: a change refused by the 15-day rule');
  await page.locator('tr[data-row-id="elev-1"]').waitFor();
  const tables = page.locator('section.page table');
  report.plans.assets = await tables.nth(0).locator('tr[data-row-id]').count();
  report.plans.plans = await tables.nth(1).locator('tr[data-row-id]').count();
  report.plans.registrationCode = await text(page.locator('tr[data-row-id="elev-1"]'));
  await page.click(`[data-edit-plan="${ids.elevatorPlan}"]`);
  const form = page.locator('[data-testid="plan-form"]');
  await form.locator('input[name="every"]').fill('16');
  await form.locator('button[type="submit"]').click();
  const refusal = page.locator('[data-testid="plan-error"]');
  await refusal.waitFor();
  report.plans.rule = await refusal.getAttribute('data-rule');
  report.plans.refusal = await text(refusal);
  await axe(page, 'maint-plans-refused');
}

async function calendar(page) {
  step('calendar by week and month');
  await page.locator('[data-loaded-span="7"] .calendar-day [data-order-link]').first().waitFor();
  report.calendar.firstDay = await page.locator('.calendar-day').first().getAttribute('data-day');
  report.calendar.overdue = await page.locator('.calendar-day.overdue').count();
  report.calendar.orderLinks = await page.$$eval('[data-order-link]', (as) => as.map((a) => Number(a.dataset.orderLink)));
  report.calendar.weekDays = await page.$$eval('.calendar-day', (days) => days.map((d) => d.dataset.day));
  await page.selectOption('[data-testid="calendar-span"]', '31');
  await page.locator('[data-loaded-span="31"]').waitFor();
  report.calendar.monthDays = await page.$$eval('.calendar-day', (days) => days.map((d) => d.dataset.day));
  await shot(page, 'maint-calendar-month');
}

async function counters(page) {
  step('counters and a threshold change');
  await page.locator('tr[data-row-id="elev-1/elevator_trips"]').waitFor();
  report.counters.rows = await page.locator('tr[data-row-id]').count();
  report.counters.over = await page.locator('tr[data-row-id].escalated').count();
  await page.fill('[data-testid="thresholds"] input[name="elevator_trips"]', '120');
  await page.click('[data-testid="thresholds"] button[type="submit"]');
  await page.locator('[data-testid="thresholds"] [role="status"]').waitFor();
  await shot(page, 'maint-counters-saved');
}

// The points of the last device history the console fetched (the evidence chart's daily values).
let history = null;
const watchHistory = (page) => page.on('response', (res) => {
  if (/\/api\/v1\/devices\/[^/]+\/history\?/.test(res.url()) && res.ok()) history = res.json().catch(() => null);
});

async function forecasts(page) {
  step('forecasts and the evidence chart');
  await page.locator('tr[data-row-id="det-1/battery_depletion/battery"]').waitFor();
  report.forecasts.rows = await page.locator('tr[data-row-id]').count();
  report.forecasts.orderLink = Number(await page.locator('tr[data-row-id] [data-order-link]').first().getAttribute('data-order-link'));
  const canvas = '[data-testid="evidence"] canvas';
  await page.locator(canvas).waitFor();
  await settle(page);
  // The limit and the expected day are drawn red (#a8322a); ECharts animates for 300 ms.
  const red = [168, 50, 42];
  await page.waitForFunction(([sel, [r, g, b]]) => {
    const c = document.querySelector(sel);
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    for (let i = 0; i < d.length; i += 4) if (d[i + 3] > 200 && Math.abs(d[i] - r) < 24 && Math.abs(d[i + 1] - g) < 24 && Math.abs(d[i + 2] - b) < 24) return true;
    return false;
  }, [canvas, red], { timeout: 30_000 }).catch(() => {});
  // The daily values the chart was given: the device history it fetched (axis labels share the points' grey).
  report.forecasts.chart = { canvas: true, historyPoints: (await history)?.points?.length ?? 0, limitPixels: await pixels(page, canvas, red) };
  await shot(page, 'maint-forecast-evidence');
}

async function performance(page) {
  step('performance');
  await page.locator('tr[data-row-id]').first().waitFor();
  report.performance.companies = await text(page.locator('section.page table tbody'));
}

async function roles(browser) {
  for (const role of ROLES) {
    step(`maintenance screens as ${role}`);
    const { context, page } = await open(browser, role, { viewport: { width: 1440, height: 900 } });
    if (role === 'property_admin') watchHistory(page);
    await page.locator('nav.sidenav').waitFor();
    const nav = (await navOf(page)).filter((n) => SCREENS.includes(n));
    const refused = [];
    const failed = [];
    let forms = 0;
    for (const screen of SCREENS) {
      await page.goto(`${base}#/${screen}`);
      if (!nav.includes(screen)) {
        if (await shown(page.locator('[data-testid="not-found"]'))) refused.push(screen);
        continue;
      }
      await page.locator(`#${screen}-title`).waitFor();
      await settle(page);
      if ((await page.locator('.banner-bad').count()) > 0) failed.push(`${screen}: ${await text(page.locator('.banner-bad').first())}`);
      await axe(page, `maint-${role}-${screen}`);
      forms += await page.locator('[data-testid="plan-form"], [data-testid="asset-form"], [data-edit-plan], [data-edit-asset], [data-testid="thresholds"] input').count();
      if (role === 'property_admin') await ({ plans, calendar, counters, forecasts, performance })[screen](page);
    }
    report.roles[role] = { nav, refused, failed, forms };
    await context.close();
  }
}

/** A work order on a 390 × 844 phone: no sideways scrolling, the smallest visible button's height. */
async function phone(browser, role, orderId, work) {
  step(`work order ${orderId} on ${role}'s phone`);
  const { context, page } = await open(browser, role, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  await page.goto(`${base}#/maintenance/${orderId}`);
  await page.locator('#order-title').waitFor();
  await settle(page);
  const measure = () => page.evaluate(() => ({
    scrollsSideways: document.documentElement.scrollWidth > window.innerWidth,
    navHeight: document.querySelector('nav.sidenav').getBoundingClientRect().height,
    smallestButton: Math.min(...[...document.querySelectorAll('.work-order .btn, .work-order input[type="checkbox"]')]
      .filter((b) => b.offsetParent !== null).map((b) => (b.type === 'checkbox' ? b.closest('label').getBoundingClientRect().height : b.getBoundingClientRect().height))),
  }));
  const result = { ...(await measure()), evidence: await shown(page.locator('[data-testid="evidence"] canvas')) };
  await axe(page, `maint-phone-${role}`);
  if (work) {
    step(`${role} starts the work and answers the checklist`);
    await page.fill('input[name="crew"]', 'tess, wang');
    await page.click('[data-step="start"]');
    await page.locator('.work-order[data-status="in_progress"]').waitFor();
    const boxes = await page.locator('.checklist input[type="checkbox"]').all();
    for (const box of boxes) await box.check();
    await Promise.all([page.waitForResponse((res) => res.url().endsWith('/checklist')), page.click('[data-step="checklist"]')]);
    // The page redraws the boxes from the order the API answered: all of them should stay ticked.
    await page.waitForFunction((n) => document.querySelectorAll('.checklist input:checked').length === n, boxes.length, { timeout: 30_000 }).catch(() => {});
    Object.assign(result, await measure(), { checked: await page.locator('.checklist input:checked').count() });
    await axe(page, `maint-phone-${role}-working`);
  }
  report.phone[role] = result;
  await context.close();
}

await run(report, { out, name: 'maintenance-report.json', timeout }, async (browser) => {
  // Before anyone works an order: the overview's work orders due, as each role sees them.
  for (const role of ['property_admin', 'technician']) {
    step(`overview figures as ${role}`);
    report.overview[role] = await overviewOf(browser, base, users[role]);
  }
  await roles(browser);
  await phone(browser, 'technician', ids.elevatorOrder, true);
  await phone(browser, 'maintenance_contractor', ids.forecastOrder, false);
});
