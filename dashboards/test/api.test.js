import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, communities, devices, errorText, login, nextLink, onUnauthorized, withQuery } from '../src/api.js';

/** Answers each path from a table, the way the platform pages its lists. */
function serve(pages) {
  const asked = [];
  vi.stubGlobal('fetch', async (path) => {
    asked.push(path);
    const page = pages[path];
    if (!page) return new Response(JSON.stringify({ error: { code: 404, message: `no ${path}` } }), { status: 404 });
    return new Response(JSON.stringify(page.body), { status: 200, headers: page.headers ?? {} });
  });
  return asked;
}

afterEach(() => vi.unstubAllGlobals());

describe('nextLink', () => {
  it('reads the next page of a Link header', () => {
    expect(nextLink('</api/v1/communities?limit=2&cursor=abc>; rel="next"')).toBe('/api/v1/communities?limit=2&cursor=abc');
  });

  it('is null without a next page', () => {
    expect(nextLink(null)).toBeNull();
    expect(nextLink('</x>; rel="prev"')).toBeNull();
  });
});

describe('paged lists', () => {
  it('collects every community across the pages the Link header names', async () => {
    const asked = serve({
      '/api/v1/communities': {
        body: [{ id: 'a' }, { id: 'b' }],
        headers: { Link: '</api/v1/communities?limit=2&cursor=c1>; rel="next"' },
      },
      '/api/v1/communities?limit=2&cursor=c1': { body: [{ id: 'c' }] },
    });

    expect((await communities()).map((c) => c.id)).toEqual(['a', 'b', 'c']);
    expect(asked).toHaveLength(2);
  });

  it('collects every device of a community across pages by nextCursor', async () => {
    serve({
      '/api/v1/communities/elm%20court/devices?limit=2000': {
        body: { communityId: 'elm court', devices: [{ id: 'd1' }], nextCursor: 'x+y' },
      },
      '/api/v1/communities/elm%20court/devices?limit=2000&cursor=x%2By': {
        body: { communityId: 'elm court', devices: [{ id: 'd2' }], nextCursor: null },
      },
    });

    const body = await devices('elm court');

    expect(body.communityId).toBe('elm court');
    expect(body.devices.map((d) => d.id)).toEqual(['d1', 'd2']);
  });
});

describe('errors', () => {
  const t = (key, params) => `${key}${params ? JSON.stringify(params) : ''}`;

  it('reads Retry-After of a throttled log-in and names the wait', async () => {
    vi.stubGlobal('fetch', async () => new Response(JSON.stringify({ error: { code: 429, message: 'locked' } }), { status: 429, headers: { 'Retry-After': '17' } }));
    const error = await login('a', 'b').catch((e) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error.retryAfter).toBe(17);
    expect(errorText(t, error, { login: true })).toBe('signIn.throttled{"seconds":17}');
  });

  it('tells a wrong password from an ended session, and calls the session handler only for the latter', async () => {
    const seen = [];
    onUnauthorized((e) => seen.push(e.status));
    vi.stubGlobal('fetch', async () => new Response('{}', { status: 401 }));
    const atLogin = await login('a', 'b').catch((e) => e);
    expect(errorText(t, atLogin, { login: true })).toBe('errors.badCredentials');
    expect(seen).toEqual([]);
    const later = await communities().catch((e) => e);
    expect(errorText(t, later)).toBe('signIn.expired');
    expect(seen).toEqual([401]);
    onUnauthorized(null);
  });

  it('keeps the server message of a conflict and hides server failures behind their status', () => {
    expect(errorText(t, new ApiError(409, 'allowed next: closed'))).toBe('errors.conflict{"message":"allowed next: closed"}');
    expect(errorText(t, new ApiError(500, 'boom'))).toBe('errors.server{"status":500}');
    expect(errorText(t, new ApiError(0, 'down'))).toBe('errors.unreachable');
  });

  it('builds a query of the parameters that are set', () => {
    expect(withQuery('/x', { a: 'b c', empty: '', none: null, n: 0 })).toBe('/x?a=b+c&n=0');
    expect(withQuery('/x', {})).toBe('/x');
  });
});
