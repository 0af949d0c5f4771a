// The resident portal (phone first): sign-in and navigation now; its screens arrive with the
// billing API (issue 12).
import { createApp } from 'vue';
import '../styles.css';
import './resident.css';
import { createAppI18n } from '../i18n/index.js';
import App from './App.vue';

createApp(App).use(createAppI18n()).mount('#app');
