#!/usr/bin/env node
// End-to-end check of the console's parking spaces, contracts and waiting list in headless
// Chromium against a running platform (driven by system-tests' ContractsBrowserIT, which seeds the
// estate, a space_rent tariff and a contract in force). The property administrator signs a
// contract from a free space's link, is refused a taken space in words naming the contract
// holding it, renews, terminates with the period shown before confirming and the API's proration
// after, puts an owner household on the waiting list and is refused a non-owner's lease while it
// waits, and sees the invoice that billed a period. The operator reads every screen with no form or action; the technician has no entry and
// gets the not-found page. The overview's business figures (parking, revenue, fund) per role,
// the technician's with no money panel and no 403. axe-core on every screen; screenshots.
//
//   node e2e/contracts.mjs --url http://127.0.0.1:8080/ --users users.json --ids ids.json --out dir [--timeout-ms 240000]
//
// users.json: {"property_admin": [name, password], "operator": [...], "technician": [...]};
// ids.json: {"inForce": contract on takenSpace, "invoice": the one billing its first period, "takenSpace": id, "freeSpace": id, "commonSpace": id, "owner": household, "otherOwner": household,
//   "tenant": household, "startsOn": "YYYY-MM-DD", "terminateOn": "YYYY-MM-DD", "terminateInForceOn": "YYYY-MM-DD" (in its billed first period)}.
// The last stdout line is the report {"ok": true|false, ...}.
import { navOf, overviewOf, recorder, run, scriptArgs, shown, signIn, stepper } from './browser.mjs';

const { base, users, ids, out, timeout } = scriptArgs();
const report = { ok: false, admin: {}, roles: {}, overview: {}, axe: {}, screenshots: [] };
const step = stepper(report, 'contracts');
const { axe } = recorder(report, out);
const SCREENS = ['spaces', 'contracts', 'waiting-list'];
const text = async (locator) => (await locator.innerText()).replace(/\s+/g, ' ').trim();
// Rows of one screen's table, so a row of the screen before cannot be taken for one of it.
const rowsOf = (page, screen) => page.locator(`section[aria-labelledby="${screen}-title"] tbody tr[data-row-id]`);
const rowIds = (page, screen) => rowsOf(page, screen).evaluateAll((rows) => rows.map((r) => Number(r.dataset.rowId)));
const contractId = async (page) => Number(await page.locator('section[data-contract-id]').getAttribute('data-contract-id'));

/** Fills and submits the sign form (already on the contracts screen). */
async function sign(page, { space, household, term, periods, startsOn }) {
  const form = page.locator('[data-testid="sign-form"]');
  await form.locator(`select[name="householdId"] option[value="${household}"]`).waitFor({ state: 'attached' });
  if (space) await form.locator('select[name="spaceId"]').selectOption(String(space));
  await form.locator('select[name="householdId"]').selectOption(String(household));
  await form.locator('select[name="term"]').selectOption(term);
  await form.locator('input[name="periods"]').fill(String(periods));
  await form.locator('input[name="startsOn"]').fill(startsOn);
  await form.locator('button[type="submit"]').click();
}

async function admin(browser) {
  const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await signIn(page, `${base}#/spaces`, users.property_admin);
  const a = report.admin;

  step('parking spaces: the contract in force, free and taken');
  await page.locator('[data-testid="spaces-taken"]').filter({ hasText: '1' }).waitFor();
  a.spacesTaken = await text(page.locator('[data-testid="spaces-taken"]'));
  a.spaceRows = await rowsOf(page, 'spaces').count();
  a.takenRow = await text(page.locator(`tbody tr[data-row-id="${ids.takenSpace}"]`));
  await axe(page, 'console-spaces');
  await page.locator('[data-testid="spaces-filter"]').selectOption('free');
  await rowsOf(page, 'spaces').nth(2).waitFor({ state: 'detached' });
  a.freeRows = await rowIds(page, 'spaces');
  a.signLinks = await page.$$eval('tbody a[data-action="sign"]', (as) => as.length);

  step('signs from a free space');
  await page.click(`tr[data-row-id="${ids.freeSpace}"] a[data-action="sign"]`);
  await page.locator('[data-testid="sign-form"]').waitFor();
  a.preselected = Number(await page.locator('[data-testid="sign-form"] select[name="spaceId"]').inputValue());
  await sign(page, { household: ids.owner, term: 'monthly', periods: 3, startsOn: ids.startsOn });
  await page.locator('section[data-contract-id]').waitFor();
  a.signed = await contractId(page);
  a.periodRent = await text(page.locator('[data-testid="period-rent"]'));
  a.periods = await page.locator('section[data-contract-id] tbody tr[data-row-id]').count();
  await axe(page, 'console-contract');

  step('a taken space is refused, naming its contract');
  await page.goto(`${base}#/contracts`);
  await sign(page, { space: ids.freeSpace, household: ids.otherOwner, term: 'monthly', periods: 1, startsOn: ids.startsOn });
  const refusal = page.locator('[data-testid="sign-form"] [data-testid="contract-error"]');
  await refusal.waitFor();
  a.taken = { reason: await refusal.getAttribute('data-reason'), text: await text(refusal),
    link: await refusal.locator('[data-testid="conflicting-contract"]').getAttribute('href') };
  await axe(page, 'console-contracts-refused');

  step('renews');
  await page.goto(`${base}#/contracts/${a.signed}`);
  const renew = page.locator('[data-testid="renew-form"]');
  await renew.locator('input[name="periods"]').fill('2');
  await renew.locator('button[type="submit"]').click();
  await page.locator(`section[data-contract-id]:not([data-contract-id="${a.signed}"])`).waitFor();
  a.renewed = await contractId(page);
  a.renewedFacts = await text(page.locator('[data-testid="contract-facts"]'));

  step('terminates: the period before confirming, the proration after');
  const terminate = page.locator('[data-testid="terminate"]');
  await terminate.locator('input[name="terminatedOn"]').fill(ids.terminateOn);
  await terminate.locator('[data-action="terminate"]').click();
  a.preview = await text(terminate.locator('[data-testid="terminate-preview"]'));
  await terminate.locator('[data-action="confirm-terminate"]').click();
  await terminate.locator('[data-testid="proration"]').waitFor();
  a.proration = { used: await text(terminate.locator('[data-testid="used"]')), refund: await text(terminate.locator('[data-testid="refund"]')),
    settlement: await text(terminate.locator('[data-testid="settlement"]')) };
  a.coveredUntil = await text(page.locator('[data-testid="covered-until"]'));
  a.renewFormAfter = await page.locator('[data-testid="renew-form"]').count();
  await axe(page, 'console-contract-terminated');

  step('the contract list, filtered to a space');
  await page.goto(`${base}#/contracts`);
  const inForce = rowsOf(page, 'contracts').and(page.locator(`[data-row-id="${ids.inForce}"]`));
  await inForce.waitFor();
  await page.locator('[data-testid="contract-filters"] select[name="spaceId"]').selectOption(String(ids.freeSpace));
  // the contract in force is on another space: gone once the filtered page is shown
  await inForce.waitFor({ state: 'detached' });
  a.listedForSpace = await rowIds(page, 'contracts');
  await axe(page, 'console-contracts');

  step('waiting list: an owner household added');
  await page.goto(`${base}#/waiting-list`);
  const waiting = page.locator('[data-testid="waiting-form"]');
  await waiting.locator(`select[name="householdId"] option[value="${ids.otherOwner}"]`).waitFor({ state: 'attached' });
  await waiting.locator('select[name="householdId"]').selectOption(String(ids.otherOwner));
  await waiting.locator('button[type="submit"]').click();
  await rowsOf(page, 'waiting').first().waitFor();
  a.waiting = await rowIds(page, 'waiting');
  await axe(page, 'console-waiting-list');

  step("a non-owner's lease while an owner waits");
  await page.goto(`${base}#/contracts?sign=${ids.commonSpace}`);
  await sign(page, { household: ids.tenant, term: 'monthly', periods: 1, startsOn: ids.startsOn });
  await refusal.waitFor();
  a.ownerWaiting = { reason: await refusal.getAttribute('data-reason'), text: await text(refusal) };

  step('the contract in force: the invoice that billed its first period');
  await page.goto(`${base}#/contracts/${ids.inForce}`);
  const firstPeriod = page.locator('section[data-contract-id] tbody tr[data-row-id="0"]');
  await firstPeriod.filter({ hasText: `#${ids.invoice} ` }).waitFor();
  a.billedPeriod = await text(firstPeriod);
  await axe(page, 'console-contract-billed');

  step('the contract in force terminated: its billed period credited by a credit note');
  const ending = page.locator('[data-testid="terminate"]');
  await ending.locator('input[name="terminatedOn"]').fill(ids.terminateInForceOn);
  await ending.locator('[data-action="terminate"]').click();
  await ending.locator('[data-action="confirm-terminate"]').click();
  await ending.locator('[data-testid="proration"]').waitFor();
  a.inForceSettlement = await text(ending.locator('[data-testid="settlement"]'));
  await context.close();
}

async function operator(browser) {
  step('operator reads, no form or action');
  const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await signIn(page, `${base}#/spaces`, users.operator);
  await page.locator('[data-testid="spaces-taken"]').waitFor();
  await rowsOf(page, 'spaces').first().waitFor();
  const o = { nav: (await navOf(page)).filter((n) => SCREENS.includes(n)) };
  o.signLinks = await page.locator('a[data-action="sign"]').count();
  await axe(page, 'console-spaces-operator');
  await page.goto(`${base}#/contracts`);
  await rowsOf(page, 'contracts').first().waitFor();
  o.signForm = await page.locator('[data-testid="sign-form"]').count();
  const first = await rowsOf(page, 'contracts').first().getAttribute('data-row-id');
  await page.goto(`${base}#/contracts/${first}`);
  await page.locator('[data-testid="contract-facts"]').waitFor();
  o.contractForms = await page.locator('[data-testid="renew-form"], [data-testid="terminate"]').count();
  await axe(page, 'console-contract-operator');
  await page.goto(`${base}#/waiting-list`);
  await rowsOf(page, 'waiting').first().waitFor();
  o.waitingForm = await page.locator('[data-testid="waiting-form"]').count();
  o.waiting = await rowsOf(page, 'waiting').count();
  report.roles.operator = o;
  await context.close();
}

async function technician(browser) {
  step('technician: no entry, not found');
  const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await signIn(page, base, users.technician);
  await page.locator('nav.sidenav').waitFor();
  const t = { nav: (await navOf(page)).filter((n) => SCREENS.includes(n)), notFound: [] };
  for (const screen of [...SCREENS, 'contracts/1']) {
    await page.goto(`${base}#/${screen}`);
    if (await shown(page.locator('[data-testid="not-found"]'))) t.notFound.push(screen);
  }
  report.roles.technician = t;
  await context.close();
}

await run(report, { out, name: 'contracts-report.json', timeout }, async (browser) => {
  // Before the administrator signs anything: the overview's parking, revenue and fund as seeded.
  for (const role of ['property_admin', 'operator', 'technician']) {
    step(`overview figures as ${role}`);
    report.overview[role] = await overviewOf(browser, base, users[role]);
  }
  await admin(browser);
  await operator(browser);
  await technician(browser);
});
