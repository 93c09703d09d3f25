import { createApi, init, type Loupe } from './api';

/**
 * `init` and, for each method of Loupe, a function that forwards to the running instance (a no-op
 * before init, and where there is no page).
 */
export const api = { init } as { init: typeof init } & Loupe;
for (const k of Object.keys(createApi(() => {})) as (keyof Loupe)[]) {
  api[k] = (...a: unknown[]) => (globalThis as any).__loupe?.[k](...a);
}
