import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

// The web UI, built into web/dist and served by `eventwire serve`. `npm run dev:web` proxies
// /api to a running `eventwire serve` on port 8080.
export default defineConfig({
  root: __dirname,
  base: './',
  plugins: [preact()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  server: { proxy: { '/api': 'http://127.0.0.1:8080', '/openapi.json': 'http://127.0.0.1:8080' } },
});
