import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The web app lives in apps/web but builds into the repository's dist/web, which the api serves.
const webRoot = dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root: webRoot,
  base: '/',
  plugins: [react()],
  build: {
    outDir: resolve(webRoot, '../../dist/web'),
    emptyOutDir: true,
    sourcemap: true,
  },
  server: {
    // In development the api runs separately (npm run start:api); the proxy keeps cookies same-origin.
    proxy: { '/api': process.env.OI_API_URL ?? 'http://127.0.0.1:3000' },
  },
});
