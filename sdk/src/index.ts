/** ESM entry: `import { init } from 'loupe-sdk'`. The named functions act on the instance `init` made. */
import { init, type Loupe } from './api';

export { init };
export type { Loupe, Options } from './api';

/** A function that forwards to the running instance's method (a no-op before init). */
const forward = <K extends keyof Loupe>(k: K): Loupe[K] => ((...a: unknown[]) => (window as any).__loupe?.[k](...a)) as Loupe[K];

export const debug = forward('debug');
export const info = forward('info');
export const warn = forward('warn');
export const error = forward('error');
export const track = forward('track');
export const identify = forward('identify');
export const flush = forward('flush');
