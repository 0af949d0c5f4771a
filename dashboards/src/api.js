// Thin client of the platform's REST API (/api/v1). Authentication rides on the HttpOnly
// `anju_token` cookie the server sets at login, so no token is ever kept in script-readable
// storage and EventSource (which cannot send headers) is authenticated the same way.

/** A failed API call: `status` is the HTTP status (0 when unreachable), `retryAfter` seconds or null. */
export class ApiError extends Error {
  constructor(status, message, retryAfter = null) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.retryAfter = retryAfter;
  }

  get unauthorized() {
    return this.status === 401;
  }
}

let unauthorizedHandler = null;

/** Registers what happens when a request other than log-in answers 401 (the session ended). */
export function onUnauthorized(handler) {
  unauthorizedHandler = handler;
}

/** Builds `path?query` from the params that are set (null, undefined and '' are left out). */
export function withQuery(path, params = {}) {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined && v !== '') query.set(k, String(v));
  const text = query.toString();
  return text ? `${path}?${text}` : path;
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
    throw new ApiError(0, e.message);
  }
  const payload = await readJson(response);
  if (!response.ok) {
    // The platform's error shape is {"error": {"code", "message"}}; anything else (a proxy's
    // HTML page, an empty body) falls back to the status line.
    const message = payload?.error?.message || `${response.status} ${response.statusText}`.trim();
    const retry = Number.parseInt(response.headers.get('Retry-After') ?? '', 10);
    const error = new ApiError(response.status, message, Number.isFinite(retry) ? retry : null);
    if (error.unauthorized && path !== LOGIN && unauthorizedHandler) unauthorizedHandler(error);
    throw error;
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
const LOGIN = '/api/v1/auth/login';

/** Logs in; resolves to `{token, user}`, rejects with ApiError 401 on bad credentials, 429/503 with retryAfter. */
export const login = (username, password) => request('POST', LOGIN, { username, password });

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
    const page = await request('GET', withQuery(base, { limit: 2000, cursor }));
    all.push(...page.devices);
    cursor = page.nextCursor;
  } while (cursor);
  return { communityId, devices: all };
}

/** The URL of a community's server-sent event stream of device snapshots. */
export const streamUrl = (communityId) => `/api/v1/communities/${enc(communityId)}/stream`;

/** The URL of the notification feed, resuming after `afterId` when given. */
export const feedUrl = (afterId) => withQuery('/api/v1/feed', { after: afterId });

/** A page of any list route: `get(path, params)`. */
export const list = (path, params) => request('GET', withQuery(path, params));

/** Resolves to a page `{items, nextCursor}` of alerts. */
export const alerts = (params) => list('/api/v1/alerts', params);
export const acknowledgeAlert = (id) => request('POST', `/api/v1/alerts/${enc(id)}/acknowledge`, {});
export const resolveAlert = (id) => request('POST', `/api/v1/alerts/${enc(id)}/resolve`, {});

export const incidents = (params) => list('/api/v1/incidents', params);

export const fireCases = (params) => list('/api/v1/fire-cases', params);
export const fireCase = (id) => request('GET', `/api/v1/fire-cases/${enc(id)}`);
/** Moves a fire case: `{to, cause?, note?}`; resolves to the case with its trail. */
export const transitionFireCase = (id, body) => request('POST', `/api/v1/fire-cases/${enc(id)}/transitions`, body);

export const rescues = (params) => list('/api/v1/rescues', params);
export const rescueStep = (id, step) => request('POST', `/api/v1/rescues/${enc(id)}/steps`, { step });

export const history = (deviceId, params) => list(`/api/v1/devices/${enc(deviceId)}/history`, params);
export const deviceEvents = (deviceId, params) => list(`/api/v1/devices/${enc(deviceId)}/events`, params);
/** Takes a device out of service (`false`) or back; resolves to `{deviceId, enabled, changed, ...}`. */
export const setDeviceEnabled = (deviceId, enabled) => request('PUT', `/api/v1/provisioning/devices/${enc(deviceId)}/enabled`, { enabled });

export const users = (params) => list('/api/v1/users', params);
export const audit = (params) => list('/api/v1/audit', params);
export const storage = (communityId) => request('GET', `/api/v1/communities/${enc(communityId)}/storage`);

export const subscriptions = (params) => list('/api/v1/webhooks/subscriptions', params);
export const deliveries = (subscriptionId, params) => list(`/api/v1/webhooks/subscriptions/${enc(subscriptionId)}/deliveries`, params);
export const retryDelivery = (subscriptionId, deliveryId) =>
  request('POST', `/api/v1/webhooks/subscriptions/${enc(subscriptionId)}/deliveries/${enc(deliveryId)}/retry`, {});

// --- billing (docs/billing.md): households, invoices, usage, the fund, owners' votes ---

export const myHouseholds = () => request('GET', '/api/v1/me/households');
export const myInvoices = (params) => list('/api/v1/me/invoices', params);
export const invoice = (id) => request('GET', `/api/v1/invoices/${enc(id)}`);
export const myChargingSessions = (params) => list('/api/v1/me/charging/sessions', params);
export const myChargingSession = (id) => request('GET', `/api/v1/me/charging/sessions/${enc(id)}`);
export const myParkingVisits = (params) => list('/api/v1/me/parking/visits', params);
export const myParcels = () => request('GET', '/api/v1/me/parcels');
export const registerParcelPhone = (phone) => request('PUT', '/api/v1/me/parcels/phone', { phone });
export const myContracts = () => request('GET', '/api/v1/me/contracts');
export const householdFund = (householdId) => request('GET', `/api/v1/households/${enc(householdId)}/fund`);

const community = (communityId, rest) => `/api/v1/communities/${enc(communityId)}/${rest}`;
export const motions = (communityId) => list(community(communityId, 'motions'));
export const createMotion = (communityId, body) => request('POST', community(communityId, 'motions'), body);
export const openMotion = (id) => request('POST', `/api/v1/motions/${enc(id)}/open`, {});
/** Casts a household's one ballot: `choice` is yes, no or abstain. */
export const castBallot = (motionId, householdId, choice) => request('POST', `/api/v1/motions/${enc(motionId)}/ballots`, { householdId, choice });
export const ballot = (motionId, householdId) => request('GET', `/api/v1/motions/${enc(motionId)}/ballots/${enc(householdId)}`);

export const tariffs = (communityId, params) => list(community(communityId, 'tariffs'), params);
export const tariffsInForce = (communityId) => request('GET', community(communityId, 'tariffs/in-force'));
export const createTariff = (communityId, body) => request('POST', community(communityId, 'tariffs'), body);
export const communityInvoices = (communityId, params) => list(community(communityId, 'invoices'), params);
export const billingRuns = (communityId) => list(community(communityId, 'billing-runs'));
/** Bills a month (`YYYY-MM`); the API answers the earlier run when the month was billed already. */
export const startBillingRun = (communityId, period) => request('POST', community(communityId, 'billing-runs'), { period });
export const parkingVisits = (communityId, params) => list(community(communityId, 'parking/visits'), params);
export const parkingReviews = (communityId, params) => list(community(communityId, 'parking/reviews'), params);
export const resolveParkingReview = (communityId, id, body) => request('POST', community(communityId, `parking/reviews/${enc(id)}/resolve`), body);
export const chargingSessions = (communityId, params) => list(community(communityId, 'charging/sessions'), params);
export const resolveChargingSession = (communityId, id, body) => request('POST', community(communityId, `charging/sessions/${enc(id)}/resolve`), body);
export const fund = (communityId) => request('GET', community(communityId, 'fund'));
export const arrears = (communityId) => request('GET', community(communityId, 'arrears'));
export const revenue = (communityId, from, to) => request('GET', withQuery(community(communityId, 'revenue'), { from, to }));
/** The CSV export link of a community's `what` (invoices, arrears, revenue, fund); a plain download. */
export const exportUrl = (communityId, what, params) => withQuery(community(communityId, `${what}/export.csv`), params);
/** Issues a credit note; the same `clientKey` again answers the same note (replayed). */
export const creditNote = (invoiceId, body) => request('POST', `/api/v1/invoices/${enc(invoiceId)}/credit-notes`, body);

// --- parking spaces, rental contracts and the owners' waiting list (docs/billing.md "Contracts API") ---

export const parkingSpaces = (communityId, params) => list(community(communityId, 'parking-spaces'), params);
export const communityHouseholds = (communityId, params) => list(community(communityId, 'households'), params);
/** A page of the community's contracts, newest first: `spaceId`, `householdId`, `active` ('true' or 'any'). */
export const contracts = (communityId, params) => list(community(communityId, 'contracts'), params);
export const contract = (id) => request('GET', `/api/v1/contracts/${enc(id)}`);
/** Signs a contract: `{spaceId, householdId, term, periods, startsOn, resolutionId?}`; resolves to it. */
export const signContract = (communityId, body) => request('POST', community(communityId, 'contracts'), body);
/** Renews from the day the contract ends; resolves to the new contract. */
export const renewContract = (id, periods) => request('POST', `/api/v1/contracts/${enc(id)}/renew`, { periods });
/** Ends a contract early; resolves to `{contract, proration}`. */
export const terminateContract = (id, terminatedOn) => request('POST', `/api/v1/contracts/${enc(id)}/terminate`, { terminatedOn });
export const waitingList = (communityId) => request('GET', community(communityId, 'parking/waiting-list'));
export const joinWaitingList = (communityId, householdId) => request('POST', community(communityId, 'parking/waiting-list'), { householdId });

/** Every row of a cursor-paged list: `fetchPage(cursor)` resolves to a page, `pick(page)` gives its rows. */
export async function allPages(fetchPage, pick = (page) => page.items) {
  const all = [];
  let cursor = null;
  do {
    const page = await fetchPage(cursor);
    all.push(...(pick(page) ?? []));
    cursor = page?.nextCursor ?? null;
  } while (cursor);
  return all;
}

// --- maintenance work orders (docs/maintenance.md "Work orders") ---

export const workOrders = (communityId, params) => list(community(communityId, 'work-orders'), params);
export const workOrder = (id) => request('GET', `/api/v1/work-orders/${enc(id)}`);
const workStep = (id, step, body = {}) => request('POST', `/api/v1/work-orders/${enc(id)}/${step}`, body);
/** The crew is on site: `crew` is their usernames (2 for elevators, the API says). */
export const startWork = (id, crew) => workStep(id, 'start', { crew });
/** Answers checklist items: `results` is `[{item, ok}]`. */
export const answerChecklist = (id, results) => workStep(id, 'checklist', { results });
export const addWorkNote = (id, text) => workStep(id, 'notes', { text });
export const finishWork = (id) => workStep(id, 'done');
export const verifyWork = (id) => workStep(id, 'verify');
export const cancelWork = (id, reason) => workStep(id, 'cancel', { reason });

// --- maintenance assets, plans, calendar, counters, forecasts, performance (docs/maintenance.md) ---

const maint = (communityId, rest) => community(communityId, `maintenance/${rest}`);
export const maintenanceAssets = (communityId) => request('GET', maint(communityId, 'assets'));
/** Creates or changes one device's asset; a 400 names the field and the rule it breaks. */
export const putMaintenanceAsset = (deviceId, body) => request('PUT', `/api/v1/devices/${enc(deviceId)}/maintenance/asset`, body);
export const maintenancePlans = (communityId) => request('GET', maint(communityId, 'plans'));
/** Adds a plan (`planId` null) or changes one; 400/409 name the rule (elevator.max_15_days, …). */
export const savePlan = (communityId, planId, body) => (planId == null
  ? request('POST', maint(communityId, 'plans'), body)
  : request('PUT', maint(communityId, `plans/${enc(planId)}`), body));
export const maintenanceCalendar = (communityId, from, to) => request('GET', withQuery(maint(communityId, 'calendar'), { from, to }));
export const maintenanceCounters = (communityId) => request('GET', maint(communityId, 'counters'));
export const counterThresholds = (communityId) => request('GET', maint(communityId, 'counter-thresholds'));
export const putCounterThresholds = (communityId, body) => request('PUT', maint(communityId, 'counter-thresholds'), body);
export const maintenanceForecasts = (communityId, params) => list(maint(communityId, 'forecasts'), params);
export const maintenancePerformance = (communityId, days) => request('GET', withQuery(maint(communityId, 'performance'), { days }));
export const maintainerCompanies = (tenantId) => request('GET', `/api/v1/tenants/${enc(tenantId)}/maintainer-companies`);

// --- payments (docs/billing.md "Payments") ---

/** Creates a payment order for an invoice (what it still owes); resolves to `{order, checkout}`. */
export const payInvoice = (invoiceId) => request('POST', `/api/v1/invoices/${enc(invoiceId)}/payments`, {});
export const payment = (orderId) => request('GET', `/api/v1/payments/${enc(orderId)}`);
export const receipt = (orderId) => request('GET', `/api/v1/payments/${enc(orderId)}/receipt`);
export const myPayments = (params) => list('/api/v1/me/payments', params);
/** The sandbox provider's payer (demo and tests): it sends the signed callback, asynchronously. */
export const sandboxPay = (orderId, outcome = 'pay') =>
  request('POST', `/api/v1/payments/sandbox/${enc(orderId)}/pay`, { outcome });

/**
 * The translated message of a failed call: log-in's 401 and every throttle have their own;
 * others name the status class and carry the server's own message where it explains the refusal.
 */
export function errorText(t, error, { login: isLogin = false } = {}) {
  const status = error?.status ?? -1;
  const seconds = error?.retryAfter ?? 1;
  if (status === 0) return t('errors.unreachable');
  if (status === 401 && isLogin) return t('errors.badCredentials');
  if (status === 401) return t('signIn.expired');
  if (status === 429) return t('signIn.throttled', { seconds });
  if (status === 503 && error?.retryAfter != null) return t('signIn.busy', { seconds });
  if (status === 403) return t('errors.forbidden');
  if (status === 404) return t('errors.notFound');
  if (status === 409) return t('errors.conflict', { message: error.message });
  if (status === 400) return t('errors.invalid', { message: error.message });
  if (status === 504) return t('errors.timeout');
  if (status >= 500) return t('errors.server', { status });
  return t('errors.generic', { status });
}
