import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { nodePolyfills } from 'vite-plugin-node-polyfills';
import optimizeLocales from '@react-aria/optimize-locales-plugin';
import { precompressPlugin } from './scripts/precompress.mjs';

const serverUrl = `http://127.0.0.1:${process.env.PORT ?? '3000'}`;

export default defineConfig({
  root: 'client',
  plugins: [
    react(),
    // react-aria ships built-in strings for ~30 locales; keep only the two we support.
    { ...optimizeLocales.vite({ locales: ['en-US', 'es-ES'] }), enforce: 'pre' },
    // simple-peer (video) expects Node's buffer, process, events and streams: polyfill exactly those. Every
    // module that needs Buffer requires it ('buffer', 'safe-buffer'), so no global Buffer is injected (it used to
    // put a second copy of the shim into the Yjs chunk, whose lib0 only names Buffer in Node-only code), and
    // readable-stream's own browser field maps 'util' to nothing (the util polyfill was ~30 KB of es-shims).
    nodePolyfills({
      include: ['buffer', 'process', 'events', 'stream'],
      globals: { Buffer: false, global: true, process: true },
    }),
    // Brotli and gzip copies of every text asset, served as they are (server/src/lib/precompressed.ts).
    precompressPlugin(),
  ],
  resolve: { conditions: ['source', 'module', 'browser', 'development|production'] },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
  },
  server: {
    port: 5173,
    proxy: {
      '/api': serverUrl,
      '/socket.io': { target: serverUrl, ws: true },
      '/collab': { target: serverUrl, ws: true },
    },
  },
});
