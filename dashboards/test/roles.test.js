import { describe, expect, it } from 'vitest';
import { homeApp, mayAdminister, maySuperviseWork, maySwitchDevice, mayHandleFire, mayOpen, navFor, overviewPanels } from '../src/roles.js';

const names = (roles) => navFor(roles).map((n) => n.name);

describe('role navigation', () => {
  it('gives administrators the directory screens and operators not', () => {
    expect(names(['property_admin'])).toEqual(expect.arrayContaining(['users', 'webhooks', 'audit', 'fire', 'rescues']));
    expect(names(['operator'])).not.toContain('users');
    expect(names(['operator'])).not.toContain('webhooks');
    expect(names(['operator'])).toContain('alerts');
  });

  it('gives the fire brigade only fire cases in the console, and no rescues', () => {
    expect(names(['fire_brigade'])).toEqual(['fire']);
    expect(mayOpen(['fire_brigade'], 'rescues')).toBe(false);
  });

  it('gives technicians and contractors the work orders, and contractors only their performance besides', () => {
    expect(names(['technician'])).toContain('maintenance');
    expect(names(['maintenance_contractor'])).toEqual(['maintenance', 'performance']);
    expect(maySuperviseWork(['technician'])).toBe(false);
    expect(maySuperviseWork(['maintenance_contractor'])).toBe(false);
    expect(maySuperviseWork(['operator'])).toBe(true);
  });

  it('shows money to administrators and operators, never to technicians', () => {
    const money = ['billing', 'tariffs', 'fund', 'motions'];
    expect(names(['property_admin'])).toEqual(expect.arrayContaining([...money, 'parking', 'charging']));
    expect(names(['operator'])).toEqual(expect.arrayContaining([...money, 'parking', 'charging']));
    for (const screen of [...money, 'parking', 'charging']) expect(mayOpen(['technician'], screen)).toBe(false);
    // Plates and charging sessions: the community's own staff only (the API answers a platform admin 403).
    expect(names(['platform_admin'])).toEqual(expect.arrayContaining(money));
    expect(names(['platform_admin'])).not.toContain('parking');
    expect(mayAdminister(['operator'])).toBe(false);
    expect(mayAdminister(['property_admin'])).toBe(true);
  });

  it('lands each role in its app', () => {
    expect(homeApp(['resident'])).toBe('resident');
    expect(homeApp(['fire_brigade'])).toBe('board');
    expect(homeApp(['operator', 'resident'])).toBe('console');
    expect(mayHandleFire(['technician'])).toBe(false);
    expect(mayHandleFire(['operator'])).toBe(true);
  });

  it('opens arrears and revenue to administrators only, as the API does', () => {
    expect(mayOpen(['property_admin'], 'arrears')).toBe(true);
    expect(mayOpen(['platform_admin'], 'arrears')).toBe(true);
    for (const role of ['operator', 'technician', 'maintenance_contractor', 'fire_brigade', 'resident']) expect(mayOpen([role], 'arrears')).toBe(false);
  });

  it('opens parking spaces, contracts and the waiting list to the staff the API answers', () => {
    const screens = ['spaces', 'contracts', 'waiting-list'];
    for (const role of ['platform_admin', 'property_admin', 'operator']) expect(names([role])).toEqual(expect.arrayContaining(screens));
    for (const role of ['technician', 'maintenance_contractor', 'fire_brigade', 'resident']) {
      for (const screen of screens) expect(mayOpen([role], screen)).toBe(false);
    }
  });

  it('opens the maintenance screens as role-matrix.txt allows their routes', () => {
    const reads = ['plans', 'calendar', 'counters', 'forecasts'];
    for (const role of ['platform_admin', 'property_admin', 'operator', 'technician']) {
      expect(names([role])).toEqual(expect.arrayContaining(reads));
    }
    for (const role of ['maintenance_contractor', 'fire_brigade', 'resident']) {
      for (const screen of reads) expect(mayOpen([role], screen)).toBe(false);
    }
    // Performance: the office and contractors (their company), never a technician.
    for (const role of ['platform_admin', 'property_admin', 'operator', 'maintenance_contractor']) expect(mayOpen([role], 'performance')).toBe(true);
    for (const role of ['technician', 'fire_brigade', 'resident']) expect(mayOpen([role], 'performance')).toBe(false);
  });
});

describe('the overview\'s business panels', () => {
  // Each as role-matrix.txt answers its API: work-orders (staff), parking-spaces and contracts
  // (platform and property administrators, operators), revenue (administrators), fund (no technician in the console).
  it('shows each panel only to the roles its API answers', () => {
    expect(overviewPanels(['property_admin'])).toEqual({ work: true, parking: true, revenue: true, fund: true });
    expect(overviewPanels(['platform_admin'])).toEqual({ work: true, parking: true, revenue: true, fund: true });
    expect(overviewPanels(['operator'])).toEqual({ work: true, parking: true, revenue: false, fund: true });
    expect(overviewPanels(['technician'])).toEqual({ work: true, parking: false, revenue: false, fund: false });
    expect(overviewPanels([])).toEqual({ work: false, parking: false, revenue: false, fund: false });
  });
});

describe('the device switch', () => {
  // As role-matrix.txt answers PUT /api/v1/provisioning/devices/{id}/enabled: the platform admin any
  // device, a property admin those of his communities, every other role 403.
  const user = (roles, communityIds = ['elm-court']) => ({ username: 'u', roles, communityIds });

  it('is offered to platform admins and to the property admins of the device\'s community only', () => {
    expect(maySwitchDevice(user(['platform_admin'], []), 'pine-park')).toBe(true);
    expect(maySwitchDevice(user(['property_admin']), 'elm-court')).toBe(true);
    expect(maySwitchDevice(user(['property_admin']), 'oak-yard')).toBe(false);
    expect(maySwitchDevice({ roles: ['property_admin'] }, 'elm-court')).toBe(false);
    expect(maySwitchDevice(user(['property_admin']), null)).toBe(false);
  });

  it('is not offered to the roles the route refuses', () => {
    for (const role of ['operator', 'technician', 'maintenance_contractor', 'fire_brigade', 'resident']) {
      expect(maySwitchDevice(user([role]), 'elm-court'), role).toBe(false);
    }
    expect(maySwitchDevice(null, 'elm-court')).toBe(false);
  });
});
