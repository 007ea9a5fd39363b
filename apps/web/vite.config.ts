import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** In development the API runs on its own port (`pnpm --filter @pare/api dev`, PORT=8090): /api is proxied there. */
const API_TARGET = 'http://localhost:8090';

export default defineConfig({
  plugins: [react()],
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
