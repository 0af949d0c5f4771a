// Hash routes of the resident portal, so an invoice or a charging session is a deep link the
// platform serves as index.html. A record the API answers 404 for (another household's invoice,
// a missing one) shows the not-found page.
import { createRouter, createWebHashHistory } from 'vue-router';

export const TABS = Object.freeze([
  { name: 'home', label: 'resident.household' },
  { name: 'bills', label: 'resident.bills' },
  { name: 'services', label: 'resident.services' },
  { name: 'parcels', label: 'resident.parcels.tab' },
  { name: 'votes', label: 'resident.votes' },
]);

export const router = createRouter({
  history: createWebHashHistory(),
  routes: [
    { path: '/', redirect: '/home' },
    { path: '/home', name: 'home', component: () => import('./views/HomeView.vue') },
    { path: '/bills', name: 'bills', component: () => import('./views/BillsView.vue') },
    { path: '/bills/:id', name: 'invoice', component: () => import('./views/InvoiceView.vue'), meta: { tab: 'bills' } },
    { path: '/services', name: 'services', component: () => import('./views/ServicesView.vue') },
    { path: '/charging/:id', name: 'charging', component: () => import('./views/ChargingView.vue'), meta: { tab: 'services' } },
    { path: '/votes', name: 'votes', component: () => import('./views/VotesView.vue') },
    { path: '/parcels', name: 'parcels', component: () => import('./views/ParcelsView.vue') },
    { path: '/:rest(.*)', name: 'not-found', component: () => import('../console/views/NotFoundView.vue') },
  ],
});
