// @vitest-environment node
// A framework's server-side render (Next.js, Nuxt, SvelteKit, Remix) imports the ESM build, and
// often calls init, in Node, where there is no window and no document: neither may throw, and
// nothing may be sent or installed there.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

const built = resolve(import.meta.dirname, '../dist/loupe.mjs');

describe('on a server', () => {
  for (const [name, load] of [
    ['the sources', () => import('../src/index')],
    ['the built loupe.mjs', () => import(/* @vite-ignore */ built)],
  ] as const)
    it.skipIf(name != 'the sources' && !existsSync(built))(`${name} can be imported, and init gives an API that does nothing`, async () => {
      expect('document' in globalThis).toBe(false);
      const fetch = vi.spyOn(globalThis, 'fetch');
      const m = await load();
      const loupe = m.init({ key: 'k', endpoint: 'http://127.0.0.1:1' });
      for (const api of [loupe, m]) {
        api.info('rendered', { scope: 'ssr' });
        api.track('signup', { plan: 'pro' });
        api.identify('user-1');
        api.flush();
      }
      expect(fetch).not.toHaveBeenCalled();
      expect((globalThis as any).__loupe).toBeUndefined();
      expect(m.init({ key: 'k' })).not.toBe(loupe);
    });
});
