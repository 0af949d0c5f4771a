// Thin client of the platform's REST API (/api/v1). Authentication rides on the HttpOnly
// `anju_token` cookie the server sets at login, so no token is ever kept in script-readable
// storage and EventSource (which cannot send headers) is authenticated the same way.

/** A failed API call: `status` is the HTTP status (0 when the server was unreachable). */
export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
  }

  get unauthorized() {
    return this.status === 401;
  }
}

async function request(method, path, body) {
  return (await send(method, path, body)).payload;
}

/** Sends a request; resolves to `{payload, response}` for an OK answer, rejects with ApiError otherwise. */
async function send(method, path, body) {
  let response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? { Accept: 'application/json' } : { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    throw new ApiError(0, `Server unreachable 无法连接服务器 (${e.message})`);
  }
  const payload = await readJson(response);
  if (!response.ok) {
    // The platform's error shape is {"error": {"code", "message"}}; anything else (a proxy's
    // HTML page, an empty body) falls back to the status line.
    const message = payload?.error?.message || `${response.status} ${response.statusText}`.trim();
    throw new ApiError(response.status, message);
  }
  return { payload, response };
}

/** The path of the next page named by a `Link: <...>; rel="next"` header, or null. */
export function nextLink(header) {
  const match = /<([^>]+)>\s*;\s*rel="next"/.exec(header ?? '');
  return match ? match[1] : null;
}

async function readJson(response) {
  const text = await response.text();
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

const enc = encodeURIComponent;

/** Logs in; resolves to `{token, user}`, rejects with ApiError 401 on bad credentials. */
export const login = (username, password) => request('POST', '/api/v1/auth/login', { username, password });

/** Ends the session (the server clears its cookie). */
export const logout = () => request('POST', '/api/v1/auth/logout');

/** Resolves to the logged-in user; rejects with ApiError 401 when there is no session. */
export const me = () => request('GET', '/api/v1/me');

/** Resolves to every community the user may see, following the pages the server cuts (Link rel="next"). */
export async function communities() {
  const all = [];
  for (let path = '/api/v1/communities'; path; ) {
    const { payload, response } = await send('GET', path);
    all.push(...payload);
    path = nextLink(response.headers.get('Link'));
  }
  return all;
}

/** Resolves to `{communityId, devices: [...]}` with every device of the community, following `nextCursor`. */
export async function devices(communityId) {
  const base = `/api/v1/communities/${enc(communityId)}/devices`;
  const all = [];
  let cursor = null;
  do {
    const page = await request('GET', cursor ? `${base}?cursor=${enc(cursor)}` : base);
    all.push(...page.devices);
    cursor = page.nextCursor;
  } while (cursor);
  return { communityId, devices: all };
}

/** The URL of a community's server-sent event stream of device snapshots. */
export const streamUrl = (communityId) => `/api/v1/communities/${enc(communityId)}/stream`;

/** Resolves to a page `{items, nextCursor}` of a community's unresolved alerts, newest first. */
export const openAlerts = (communityId) =>
  request('GET', `/api/v1/alerts?community=${enc(communityId)}&status=open,acknowledged&limit=100`);

/** Acknowledges an alert; resolves to the alert. */
export const acknowledgeAlert = (id) => request('POST', `/api/v1/alerts/${enc(id)}/acknowledge`, {});

/** Resolves an alert by hand; resolves to the alert. */
export const resolveAlert = (id) => request('POST', `/api/v1/alerts/${enc(id)}/resolve`, {});
