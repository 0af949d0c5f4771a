// The resident portal (phone first): household, bills, charging and visitors, the fund and the
// owners' votes, from the resident's own API (/api/v1/me/..., docs/billing.md).
import { createApp } from 'vue';
import '../styles.css';
import './resident.css';
import { createAppI18n } from '../i18n/index.js';
import { MESSAGES as messages } from '../i18n/messages.js';
import App from './App.vue';
import { router } from './router.js';

createApp(App).use(createAppI18n(messages)).use(router).mount('#app');
