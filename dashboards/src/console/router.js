// Hash routes, so every screen is a deep link the platform's static handler serves as index.html.
import { createRouter, createWebHashHistory } from 'vue-router';
import { mayOpen } from '../roles.js';
import { session } from '../session.js';
import { choose } from './live.js';

const view = (name, load, extra = {}) => ({ path: `/${name}`, name, component: load, ...extra });

export const router = createRouter({
  history: createWebHashHistory(),
  routes: [
    { path: '/', redirect: '/overview' },
    // The first console linked to a community as #/communities/<id>; those links still work.
    { path: '/communities/:id', redirect: (to) => { choose(String(to.params.id)); return '/devices'; } },
    view('overview', () => import('./views/OverviewView.vue')),
    view('devices', () => import('./views/DevicesView.vue')),
    { path: '/devices/:id', name: 'device', component: () => import('./views/DeviceView.vue'), meta: { screen: 'devices' } },
    view('alerts', () => import('./views/AlertsView.vue')),
    view('incidents', () => import('./views/IncidentsView.vue')),
    view('fire', () => import('./views/FireCasesView.vue')),
    { path: '/fire/:id', name: 'fire-case', component: () => import('./views/FireCaseView.vue'), meta: { screen: 'fire' } },
    view('rescues', () => import('./views/RescuesView.vue')),
    view('maintenance', () => import('./views/WorkOrdersView.vue')),
    { path: '/maintenance/:id', name: 'work-order', component: () => import('./views/WorkOrderView.vue'), meta: { screen: 'maintenance' } },
    view('plans', () => import('./views/PlansView.vue')),
    view('calendar', () => import('./views/CalendarView.vue')),
    view('counters', () => import('./views/CountersView.vue')),
    view('forecasts', () => import('./views/ForecastsView.vue')),
    view('performance', () => import('./views/PerformanceView.vue')),
    view('billing', () => import('./views/BillingView.vue')),
    view('arrears', () => import('./views/ArrearsView.vue')),
    view('spaces', () => import('./views/SpacesView.vue')),
    view('contracts', () => import('./views/ContractsView.vue')),
    { path: '/contracts/:id', name: 'contract', component: () => import('./views/ContractView.vue'), meta: { screen: 'contracts' } },
    view('waiting-list', () => import('./views/WaitingListView.vue')),
    view('tariffs', () => import('./views/TariffsView.vue')),
    view('parking', () => import('./views/ParkingView.vue')),
    view('charging', () => import('./views/ChargingView.vue')),
    view('fund', () => import('./views/FundView.vue')),
    view('motions', () => import('./views/MotionsView.vue')),
    view('users', () => import('./views/UsersView.vue')),
    view('webhooks', () => import('./views/WebhooksView.vue')),
    view('audit', () => import('./views/AuditView.vue')),
    view('storage', () => import('./views/StorageView.vue')),
    { path: '/:rest(.*)', name: 'not-found', component: () => import('./views/NotFoundView.vue') },
  ],
});

// A screen the user's roles do not open is not found for them (the API would answer 403 anyway).
router.beforeEach((to) => {
  const screen = to.meta.screen ?? to.name;
  if (!session.user || to.name === 'not-found') return true;
  return mayOpen(session.user.roles, screen) ? true : { name: 'not-found', params: { rest: to.path.slice(1) } };
});
