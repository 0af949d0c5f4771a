import { resolve } from 'node:path';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';
import { appChunkName } from './scripts/app-chunks.mjs';
import echartsTrim from './scripts/echarts-trim.mjs';
import precompileMessages from './scripts/precompile-messages.mjs';

// Three apps from one code base: the property console (/), the fire-brigade board (/board/) and
// the resident portal (/resident/). The build lands directly in Maven's output folder so the
// module's jar carries it as the classpath resource folder `webroot/`, which the platform
// serves at `/`.
export default defineConfig(({ command }) => ({
  plugins: [vue(), precompileMessages(), echartsTrim()],
  // The code imports 'vue-i18n'; it gets petite-vue-i18n, the same project's light build (the
  // Composition API's t/te and locale, no date/number formats, components or directive, none of
  // which the apps use): 2.5 KB gzipped less per app.
  resolve: { alias: { 'vue-i18n': 'petite-vue-i18n' } },
  // Relative asset URLs keep the bundle working if the platform mounts it under a prefix.
  base: './',
  define: {
    // vue-i18n (petite): the Composition API only, no legacy mode, no devtools in production.
    __VUE_I18N_FULL_INSTALL__: false,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
    // The build ships the catalogues precompiled (scripts/precompile-messages.mjs), so it drops
    // vue-i18n's message compiler; tests and the dev server compile the plain JSON at run time.
    __INTLIFY_DROP_MESSAGE_COMPILER__: command === 'build',
    __VUE_OPTIONS_API__: false,
    __VUE_PROD_DEVTOOLS__: false,
    __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: false,
  },
  build: {
    outDir: 'target/classes/webroot',
    emptyOutDir: true,
    // Modern evergreen browsers only; keeps the output small and untranspiled.
    target: 'es2022',
    chunkSizeWarningLimit: 800,
    rollupOptions: {
      output: {
        // One chunk per set of apps (scripts/app-chunks.mjs): the board's and the portal's whole
        // catalogues land in `app-board-resident`, never in a chunk the console loads.
        codeSplitting: { includeDependenciesRecursively: false, groups: [{ name: appChunkName }] },
      },
      input: {
        console: resolve(import.meta.dirname, 'index.html'),
        board: resolve(import.meta.dirname, 'board/index.html'),
        resident: resolve(import.meta.dirname, 'resident/index.html'),
      },
    },
  },
  server: {
    // `npm run dev` against a platform running locally on its default port.
    proxy: { '/api': 'http://localhost:8080' },
  },
  test: {
    include: ['test/**/*.test.js'],
    environment: 'node',
  },
}));
