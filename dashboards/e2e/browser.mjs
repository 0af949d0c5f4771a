// What the browser scripts share (screens.mjs, resident.mjs): Debian's Chromium through
// playwright-core, signing in through the form, screenshots and the axe-core check.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';

const AXE = path.resolve(import.meta.dirname, '../node_modules/axe-core/axe.min.js');
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--autoplay-policy=no-user-gesture-required'];

/**
 * The usual arguments of a script: `--url` (its base, ending in '/'), `--users` and `--ids` (JSON
 * files, read), `--out` and `--timeout-ms`.
 */
export function scriptArgs() {
  const { values } = parseArgs({ options: {
    url: { type: 'string' }, users: { type: 'string' }, ids: { type: 'string' }, out: { type: 'string' }, 'timeout-ms': { type: 'string', default: '240000' },
  } });
  const json = (file) => JSON.parse(fs.readFileSync(file, 'utf8'));
  return { base: values.url.endsWith('/') ? values.url : `${values.url}/`, users: json(values.users), ids: json(values.ids), out: values.out, timeout: Number(values['timeout-ms']) };
}

/** Launches $ANJU_CHROMIUM (or /usr/bin/chromium) headless. */
export const launch = () => chromium.launch({ executablePath: process.env.ANJU_CHROMIUM || '/usr/bin/chromium', headless: true, args: ARGS });

/** Screenshots and axe runs that record into `report.screenshots` and `report.axe`, files in `out`. */
export function recorder(report, out) {
  async function shot(page, name) {
    const file = path.join(out, `${name}.png`);
    fs.mkdirSync(out, { recursive: true });
    await page.screenshot({ path: file, fullPage: true, timeout: 15_000 });
    report.screenshots.push(file);
  }
  /** Runs axe-core in the page; records serious and critical violations (none allowed); then a screenshot. */
  async function axe(page, name) {
    // Injected as a script: the contexts bypass the platform's CSP, which would refuse it.
    await page.addScriptTag({ path: AXE });
    const found = await page.evaluate(async () => {
      const result = await window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa'], resultTypes: ['violations'] });
      return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
    });
    report.axe[name] = found;
    await shot(page, name);
  }
  return { shot, axe };
}

/**
 * A new browser context whose pages expose the test hooks (src/testHooks.js): the test-only flag
 * is set before any of the page's scripts run.
 */
export async function hookedContext(browser, options) {
  const context = await browser.newContext(options);
  await context.addInitScript(() => {
    window.__anjuTestHooks = true;
  });
  return context;
}

/** Signs in through the page's form at `url`. */
export async function signIn(page, url, [user, password]) {
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  const form = page.locator('#login-form');
  await form.waitFor();
  await form.locator('input[name="username"]').fill(user);
  await form.locator('input[name="password"]').fill(password);
  await form.locator('button[type="submit"]').click();
  await form.waitFor({ state: 'detached' });
}

/**
 * Signs `user` in on the console overview of elm-court in a context of its own; resolves, once
 * its business figures are loaded, to `{figures: {testid: text}, highlighted: [testids of
 * highlighted panels], forbidden: [paths answered 403]}`.
 */
export async function overviewOf(browser, base, user) {
  const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
  await context.addInitScript(() => localStorage.setItem('anju.community', 'elm-court'));
  const page = await context.newPage();
  const forbidden = [];
  page.on('response', (r) => r.status() === 403 && forbidden.push(new URL(r.url()).pathname));
  await signIn(page, `${base}#/overview`, user);
  const panel = page.locator('[data-testid="overview-business"][data-loaded]');
  await panel.waitFor();
  const figures = Object.fromEntries(await panel.locator('[data-testid^="kpi-"]')
    .evaluateAll((els) => els.map((e) => [e.dataset.testid, e.textContent.replace(/\s+/g, ' ').trim()])));
  const highlighted = await panel.locator('.kpi.bad [data-testid]').evaluateAll((els) => els.map((e) => e.dataset.testid));
  await context.close();
  return { figures, highlighted, forbidden };
}

/**
 * Whether `locator` shows within 30 s: every check it makes expects it (a screen refused, a chart
 * drawn), and a page still loading on a busy machine must not read as "no". Where "no" is also an
 * expected answer, use `shownRatherThan` and name what shows instead.
 */
export const shown = (locator) => locator.waitFor({ timeout: 30_000 }).then(() => true, () => false);

/** Waits for `locator` or `instead` to show (either way the page has decided) and answers whether it was `locator`. */
export async function shownRatherThan(locator, instead) {
  await locator.or(instead).first().waitFor({ timeout: 30_000 });
  return locator.isVisible();
}

/** The console menu's screen names. */
export const navOf = (page) => page.$$eval('nav.sidenav a[data-nav]', (as) => as.map((a) => a.dataset.nav));

/** Runs `main(browser)` under a deadline; prints the report as the last stdout line (also to out/name) and exits. */
export async function run(report, { out, name, timeout }, main) {
  let browser;
  const timer = setTimeout(() => {
    report.error = `timed out after ${timeout} ms at ${report.step}`;
    process.stdout.write(`${JSON.stringify(report)}\n`);
    process.exit(1);
  }, timeout);
  try {
    browser = await launch();
    await main(browser);
    report.ok = true;
    delete report.step;
  } catch (e) {
    report.error = `${report.step}: ${e.message.split('\n')[0]}`;
    console.error(e);
  } finally {
    clearTimeout(timer);
    await browser?.close().catch(() => {});
  }
  process.stdout.write(`${JSON.stringify(report)}\n`);
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(path.join(out, name), JSON.stringify(report, null, 1));
  process.exit(report.ok ? 0 : 1);
}

/** A step logger that also remembers the step in `report.step`. */
export const stepper = (report, tag) => (name) => {
  report.step = name;
  console.error(`[${tag}] ${name}`);
};
