import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { securityHeaders } from './src/core/security/content-security-policy';

/**
 * Writes `_headers` (the format of Netlify, Cloudflare Pages and similar static hosts) into the
 * build, from the same policy `vite preview` serves: hosting the build elsewhere keeps it.
 */
function headersFile(): Plugin {
  return {
    name: 'tapewatch-security-headers',
    apply: 'build',
    generateBundle() {
      const lines = Object.entries(securityHeaders()).map(([name, value]) => `  ${name}: ${value}`);
      this.emitFile({ type: 'asset', fileName: '_headers', source: `/*\n${lines.join('\n')}\n` });
    },
  };
}

export default defineConfig({
  plugins: [
    svelte(),
    headersFile(),
    VitePWA({
      registerType: 'prompt',
      injectRegister: false,
      // A service worker of our own (precache + alert notifications' clicks), built as an ES module.
      strategies: 'injectManifest',
      srcDir: 'workers',
      filename: 'service-worker.ts',
      includeAssets: ['icons/icon.svg', 'icons/apple-touch-icon.png'],
      manifest: {
        name: 'Tapewatch — real-time market analytics',
        short_name: 'Tapewatch',
        description: 'Live exchange feeds, candles, indicators and models, computed in your browser.',
        id: '/',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'any',
        background_color: '#0b0e14',
        theme_color: '#0b0e14',
        categories: ['finance', 'productivity'],
        icons: [
          { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: 'icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
        // Launcher shortcuts (long-press / right-click on the installed app): each opens its view.
        shortcuts: [
          {
            name: 'Watchlist',
            short_name: 'Watchlist',
            description: 'Prices and changes of the watch list',
            url: '/?view=watchlist',
            icons: [{ src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png' }],
          },
          {
            name: 'Alerts',
            short_name: 'Alerts',
            description: 'Alert rules and what fired',
            url: '/?view=alerts',
            icons: [{ src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png' }],
          },
          {
            name: 'Library',
            short_name: 'Library',
            description: 'Everything stored in this browser, to browse offline',
            url: '/?view=library',
            icons: [{ src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png' }],
          },
        ],
        // Real screenshots of the app (the same files as the README's), for the richer install dialog.
        screenshots: [
          {
            src: 'screenshots/demo.png',
            sizes: '1280x800',
            type: 'image/png',
            form_factor: 'wide',
            label: 'Candles with Bollinger bands, RSI and MACD panes, watchlist and feed health',
          },
          {
            src: 'screenshots/phone.png',
            sizes: '375x812',
            type: 'image/png',
            form_factor: 'narrow',
            label: 'The desk on a phone in the light theme',
          },
        ],
      },
      injectManifest: {
        // The app shell, worker chunks and wasm are precached so the app opens offline.
        globPatterns: ['**/*.{js,css,html,svg,png,ico,webmanifest,wasm}'],
        // README screenshots are documentation, not app shell; the worker's own map neither.
        globIgnores: ['**/screenshots/**', 'service-worker.js.map'],
        maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
      },
    }),
  ],
  worker: {
    // ES workers keep lazy imports (TF.js) as separate chunks instead of inlining them.
    format: 'es',
  },
  build: {
    target: 'es2022',
    sourcemap: true,
  },
  preview: {
    port: 4173,
    strictPort: true,
    // Every response (document, scripts, workers, service worker) carries the policy.
    headers: securityHeaders(),
  },
});
