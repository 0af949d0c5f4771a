import { defineConfig } from 'vite';

// The build lands directly in Maven's output folder so the module's jar carries it as the
// classpath resource folder `webroot/`, which the platform serves at `/`.
export default defineConfig({
  // Relative asset URLs keep the bundle working if the platform mounts it under a prefix.
  base: './',
  build: {
    outDir: 'target/classes/webroot',
    emptyOutDir: true,
    // Modern evergreen browsers only; keeps the output small and untranspiled.
    target: 'es2022',
    chunkSizeWarningLimit: 800,
  },
  server: {
    // `npm run dev` against a platform running locally on its default port.
    proxy: { '/api': 'http://localhost:8080' },
  },
  test: {
    include: ['test/**/*.test.js'],
    environment: 'node',
  },
});
