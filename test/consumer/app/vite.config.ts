// A web app's Vite build: one page per way of embedding the player.
import { defineConfig } from 'vite';

export default defineConfig({
  build: {
    rollupOptions: {
      input: { esm: 'esm.html', element: 'element.html', umd: 'umd.html', react: 'react/index.html' },
    },
  },
});
