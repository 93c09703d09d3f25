/** ESM entry: `import { init } from 'loupe-sdk'`. The named functions act on the instance `init` made. */
import { init, type Loupe } from './api';

export { init };
export type { Loupe, Options } from './api';

const instance = (): Loupe | undefined => (window as any).__loupe;

export const debug: Loupe['debug'] = (m, c) => instance()?.debug(m, c);
export const info: Loupe['info'] = (m, c) => instance()?.info(m, c);
export const warn: Loupe['warn'] = (m, c) => instance()?.warn(m, c);
export const error: Loupe['error'] = (m, c) => instance()?.error(m, c);
export const track: Loupe['track'] = (t, d) => instance()?.track(t, d);
export const identify: Loupe['identify'] = (u, t) => instance()?.identify(u, t);
export const flush: Loupe['flush'] = () => instance()?.flush();
