/// <reference types="vitest/config" />
import { defineConfig, type Plugin } from 'vite';
import preact from '@preact/preset-vite';

/**
 * The policy the server sends for `/`. The built index.html carries it too (as a meta tag,
 * which cannot express frame-ancestors), so a server that forgot the header still runs the
 * dashboard under it, and anything in our own output that would break it shows up at once.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' blob: data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

const CHARSET_META = '<meta charset="utf-8" />';

function contentSecurityPolicyMeta(): Plugin {
  return {
    name: 'loupe-csp-meta',
    apply: 'build', // the dev server injects inline styles for HMR; only the build is held to it
    transformIndexHtml: {
      order: 'post',
      // Right after <meta charset>: a CSP meta tag governs only what comes after it.
      handler: (html) => {
        const meta = `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}" />`;
        if (!html.includes(CHARSET_META)) throw new Error(`index.html must contain ${CHARSET_META}`);
        return html.replace(CHARSET_META, `${CHARSET_META}\n    ${meta}`);
      },
    },
  };
}

const LOUPE_SERVER = process.env.LOUPE_SERVER ?? 'http://127.0.0.1:7070';

export default defineConfig({
  base: '/',
  plugins: [preact({ devToolsEnabled: false, prefreshEnabled: true }), contentSecurityPolicyMeta()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2020',
    // The polyfill is an inline <script>, which script-src 'self' refuses.
    modulePreload: { polyfill: false },
    // Never turn an asset into a data: URL (fonts and styles would need more than img-src allows).
    assetsInlineLimit: 0,
    sourcemap: false,
    reportCompressedSize: true,
  },
  server: {
    port: 5173,
    proxy: {
      '/v1': { target: LOUPE_SERVER, changeOrigin: false },
      '/health': LOUPE_SERVER,
      '/ready': LOUPE_SERVER,
    },
  },
  test: {
    environment: 'happy-dom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test/setup.ts'],
    reporters: ['default', './scripts/countReporter.ts'],
    restoreMocks: true,
  },
});
