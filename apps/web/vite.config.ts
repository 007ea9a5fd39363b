import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** In development the API runs on its own port (`pnpm --filter @pare/api dev`, PORT=8090): /api is proxied there. */
const API_TARGET = 'http://localhost:8090';

export default defineConfig({
  plugins: [react()],
  resolve: {
    alias: {
      // The browser needs only the code lists and labels of @pare/schema (its types are erased).
      // Its index also builds every zod schema, which would add ~28 kB gzip of zod to the first
      // load. Importing a runtime schema from '@pare/schema' in apps/web therefore fails the build
      // loudly ("… is not exported"): validate on the server, or add the value to codes.ts.
      '@pare/schema': fileURLToPath(new URL('../../packages/schema/src/codes.ts', import.meta.url)),
    },
  },
  server: {
    port: 5173,
    proxy: { '/api': { target: API_TARGET, changeOrigin: false } },
  },
  preview: {
    proxy: { '/api': { target: API_TARGET, changeOrigin: false } },
  },
  build: {
    target: 'es2022',
    sourcemap: false,
    // MapLibre is ~800 kB raw: it is a lazy chunk by design, loaded only with the map.
    chunkSizeWarningLimit: 1200,
  },
});
