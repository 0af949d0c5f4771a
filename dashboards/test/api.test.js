import { afterEach, describe, expect, it, vi } from 'vitest';
import { communities, devices, nextLink } from '../src/api.js';

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
      '/api/v1/communities/elm%20court/devices': {
        body: { communityId: 'elm court', devices: [{ id: 'd1' }], nextCursor: 'x+y' },
      },
      '/api/v1/communities/elm%20court/devices?cursor=x%2By': {
        body: { communityId: 'elm court', devices: [{ id: 'd2' }], nextCursor: null },
      },
    });

    const body = await devices('elm court');

    expect(body.communityId).toBe('elm court');
    expect(body.devices.map((d) => d.id)).toEqual(['d1', 'd2']);
  });
});
