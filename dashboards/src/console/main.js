// The property console: sign-in, role-based navigation and the screens of every capability.
import { createApp } from 'vue';
import '../styles.css';
import { loadCatalogue } from '../i18n/console.js';
import { createLoadingI18n } from '../i18n/index.js';
import App from './App.vue';
import { router } from './router.js';

// The page shows its static "Loading…" until the catalogue of the user's language is in.
createLoadingI18n(loadCatalogue).then((i18n) => createApp(App).use(i18n).use(router).mount('#app'));
