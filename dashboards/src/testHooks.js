// Hooks the browser tests and `anju bench ui` read in the page (the siren's state, the feed's
// position, the stream's counters). A production page exposes none of them: a hook is set on
// `window` only when the page was opened with the test-only flag `window.__anjuTestHooks = true`
// set before any script ran (Playwright's `addInitScript`), never by anything the app does itself.

/** Whether the test-only flag is set in this page. */
export const testHooksEnabled = (win = globalThis.window) => win?.__anjuTestHooks === true;

/** Sets `window[name] = value` for the tests when the flag is set; otherwise does nothing. */
export function exposeForTests(name, value, win = globalThis.window) {
  if (testHooksEnabled(win)) win[name] = value;
}
