// Which screens each role gets. The API authorizes every request by itself (docs/security.md);
// this only keeps a user's navigation to the screens whose API answers them.

export const ROLES = Object.freeze([
  'platform_admin',
  'property_admin',
  'operator',
  'technician',
  'maintenance_contractor',
  'fire_brigade',
  'resident',
]);

const STAFF = ['platform_admin', 'property_admin', 'operator', 'technician'];
const ADMINS = ['platform_admin', 'property_admin'];
// Who reads the community's money (invoices, tariffs, the fund, votes): a technician does not.
const MONEY = ['platform_admin', 'property_admin', 'operator'];
// Plates and charging sessions are personal data: the community's own staff only (no platform admin).
const USAGE = ['property_admin', 'operator'];

/**
 * The console's screens in menu order: route name, i18n key, roles. `ready: false` marks a
 * screen whose API is not on this branch yet (billing, maintenance): kept for the menu's
 * structure, never shown.
 */
export const CONSOLE_NAV = Object.freeze([
  { name: 'overview', label: 'nav.overview', roles: STAFF },
  { name: 'devices', label: 'nav.devices', roles: STAFF },
  { name: 'alerts', label: 'nav.alerts', roles: STAFF },
  { name: 'incidents', label: 'nav.incidents', roles: STAFF },
  { name: 'fire', label: 'nav.fire', roles: [...STAFF, 'fire_brigade'] },
  { name: 'rescues', label: 'nav.rescues', roles: STAFF },
  { name: 'maintenance', label: 'nav.maintenance', roles: [...STAFF, 'maintenance_contractor'] },
  { name: 'plans', label: 'nav.plans', roles: STAFF },
  { name: 'calendar', label: 'nav.calendar', roles: STAFF },
  { name: 'counters', label: 'nav.counters', roles: STAFF },
  { name: 'forecasts', label: 'nav.forecasts', roles: STAFF },
  // A contractor reads his own company's figures (the API scopes them); a technician none.
  { name: 'performance', label: 'nav.performance', roles: [...MONEY, 'maintenance_contractor'] },
  { name: 'billing', label: 'nav.billing', roles: MONEY },
  { name: 'arrears', label: 'nav.arrears', roles: ADMINS },
  // Parking spaces, contracts and the waiting list: staff read, administrators sign and change.
  { name: 'spaces', label: 'nav.spaces', roles: MONEY },
  { name: 'contracts', label: 'nav.contracts', roles: MONEY },
  { name: 'waiting-list', label: 'nav.waitingList', roles: MONEY },
  { name: 'tariffs', label: 'nav.tariffs', roles: MONEY },
  { name: 'parking', label: 'nav.parking', roles: USAGE },
  { name: 'charging', label: 'nav.charging', roles: USAGE },
  { name: 'fund', label: 'nav.fund', roles: MONEY },
  { name: 'motions', label: 'nav.motions', roles: MONEY },
  { name: 'users', label: 'nav.users', roles: ADMINS },
  { name: 'webhooks', label: 'nav.webhooks', roles: ADMINS },
  { name: 'audit', label: 'nav.audit', roles: ADMINS },
  { name: 'storage', label: 'nav.storage', roles: STAFF },
]);

/** Returns the console screens `roles` may open, in menu order. */
export function navFor(roles) {
  const mine = new Set(roles ?? []);
  return CONSOLE_NAV.filter((item) => item.ready !== false && item.roles.some((r) => mine.has(r)));
}

/** Returns whether `roles` may open the console screen `name`. */
export function mayOpen(roles, name) {
  return navFor(roles).some((item) => item.name === name);
}

/** Returns whether the user administers a community (tariffs, billing runs, motions). */
export function mayAdminister(roles) {
  return (roles ?? []).some((r) => ADMINS.includes(r));
}

/** Returns whether the user supervises work orders (assign, verify, cancel): the community's office. */
export function maySuperviseWork(roles) {
  return (roles ?? []).some((r) => MONEY.includes(r));
}

/**
 * The overview's business panels `roles` get, each only where its API answers them
 * (role-matrix.txt): work orders due (every role with the maintenance screen; a technician reads
 * his own orders), parking occupancy (spaces and contracts: MONEY), the month's revenue
 * (administrators) and the fund balance (as the fund screen: the API also answers a technician, but
 * the console shows him no money).
 */
export function overviewPanels(roles) {
  return {
    work: mayOpen(roles, 'maintenance'),
    parking: mayOpen(roles, 'spaces'),
    revenue: mayAdminister(roles),
    fund: mayOpen(roles, 'fund'),
  };
}

/**
 * Returns whether `user` may take a device of community `communityId` out of service and back
 * (PUT /api/v1/provisioning/devices/{id}/enabled): platform administrators any device, property
 * administrators those of the communities they were given (role-matrix.txt).
 */
export function maySwitchDevice(user, communityId) {
  const roles = user?.roles ?? [];
  if (roles.includes('platform_admin')) return true;
  return roles.includes('property_admin') && communityId != null && (user.communityIds ?? []).includes(communityId);
}

/** Returns whether the user may act on fire cases (the transitions route, docs/security.md). */
export function mayHandleFire(roles) {
  return (roles ?? []).some((r) => ['platform_admin', 'property_admin', 'operator', 'fire_brigade'].includes(r));
}

/** Returns the app a user lands in: 'resident', 'board' or 'console'. */
export function homeApp(roles) {
  const mine = new Set(roles ?? []);
  if (ROLES.some((r) => r !== 'resident' && r !== 'fire_brigade' && mine.has(r))) return 'console';
  if (mine.has('fire_brigade')) return 'board';
  if (mine.has('resident')) return 'resident';
  return 'console';
}
