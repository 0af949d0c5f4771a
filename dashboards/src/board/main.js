// The fire-brigade wall board: city-wide live fire alarms, sound, schematic and history.
import { createApp } from 'vue';
import '../styles.css';
import './board.css';
import { createAppI18n } from '../i18n/index.js';
import { MESSAGES as messages } from '../i18n/messages.js';
import App from './App.vue';

createApp(App).use(createAppI18n(messages)).mount('#app');
