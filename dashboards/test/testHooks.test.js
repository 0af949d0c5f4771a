import { describe, expect, it } from 'vitest';
import { exposeForTests, testHooksEnabled } from '../src/testHooks.js';

describe('test hooks', () => {
  it('expose nothing in a page without the test-only flag', () => {
    const page = {};
    exposeForTests('__anjuStats', { n: 1 }, page);
    expect(page).toEqual({});
    expect(testHooksEnabled(page)).toBe(false);
    // Only the exact flag counts, not any truthy value a page script might leave there.
    const truthy = { __anjuTestHooks: 'yes' };
    exposeForTests('__anjuStats', { n: 1 }, truthy);
    expect(truthy.__anjuStats).toBeUndefined();
  });

  it('expose the hook when the flag was set before the app started', () => {
    const page = { __anjuTestHooks: true };
    const stats = { n: 1 };
    exposeForTests('__anjuStats', stats, page);
    expect(page.__anjuStats).toBe(stats);
  });
});
