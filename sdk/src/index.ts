/** ESM entry: `import { init } from 'loupe-sdk'`. The named functions act on the instance `init` made. */
import { api } from './entry';

export type { Loupe, Options } from './api';
export type { LoupeEvent } from './emit';
export const { init, debug, info, warn, error, captureError, track, identify, flush } = api;
