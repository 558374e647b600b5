import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The renderer is plain static files served by Electron's app:// protocol or by the preview shell,
// so every asset path is relative.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'chrome140',
    sourcemap: true,
  },
});
