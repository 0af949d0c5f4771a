// The property console: sign-in, role-based navigation and the screens of every capability.
import { createApp } from 'vue';
import '../styles.css';
import { createAppI18n } from '../i18n/index.js';
import messages from '../i18n/console.js';
import App from './App.vue';
import { router } from './router.js';

createApp(App).use(createAppI18n(messages)).use(router).mount('#app');
