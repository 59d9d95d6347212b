import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

const root = resolve(import.meta.dirname, 'renderer');

// One Vite project, four pages: the clerk window, the customer-facing window,
// the queue kiosk (取号机) and the hall display (叫号屏).
export const rendererPages = ['clerk', 'customer', 'kiosk', 'display'] as const;

export default defineConfig({
  root,
  base: './',
  plugins: [react()],
  build: {
    outDir: resolve(import.meta.dirname, 'build/dist/renderer'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 4096,
    rollupOptions: {
      input: Object.fromEntries(rendererPages.map((p) => [p, resolve(root, p, 'index.html')])),
    },
  },
  test: {
    root: import.meta.dirname,
    include: ['electron/**/*.test.ts', 'shared/**/*.test.ts', 'renderer/**/*.test.{ts,tsx}', 'test/**/*.test.ts'],
    exclude: ['node_modules/**', 'test/e2e/**', 'build/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
