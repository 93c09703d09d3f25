import type { LoupeEvent } from './emit';
import { EVENT_BYTES } from './limits';

/** What `init` takes; every field but `key` has a default (see README.md). */
export interface Options {
  /** The project's ingest key (public: it ships in pages). */
  key: string;
  /** Base URL of the Loupe server, e.g. `https://loupe.example.com`. Default: the page's origin. */
  endpoint?: string;
  /** Fraction of sessions captured, 0–1 (default 1). Decided once per session. */
  sampleRate?: number;
  /** Attribute that masks an element's values and text (default `data-loupe-mask`). */
  maskAttribute?: string;
  /** Attribute that makes the SDK ignore an element entirely (default `data-loupe-ignore`). */
  ignoreAttribute?: string;
  /** Screenshot on every page view through the lazily loaded plugin (default false). */
  screenshots?: boolean;
  /** Where the screenshot plugin is loaded from (default `<endpoint>/sdk/loupe-screenshot.js`). */
  screenshotUrl?: string;
  /** Events per request that trigger a flush (default 20). */
  batchSize?: number;
  /** ms after the first waiting event that a flush happens at the latest (default 2000). */
  flushInterval?: number;
  /** Events waiting to be sent at most; beyond this they go offline or are dropped (default 1000). */
  maxQueue?: number;
  /**
   * Bytes of one serialized event at most (default 1 MB, the server's default `--max-record-bytes`):
   * a network event over it has its bodies cut to fit, anything else is dropped as `too_large`.
   * Raise it with the server's limit to keep bodies up to their own limits (1 MB, 5 MB).
   */
  maxEventBytes?: number;
  /** Sustained events per second (default 50) and burst (default 200) of the client rate limit. */
  maxEventsPerSecond?: number;
  burst?: number;
  /** ms without events after which a new session starts (default 30 minutes). */
  sessionTimeout?: number;
  /** Record request and response bodies (default true). */
  captureBodies?: boolean;
  /**
   * URL prefixes of requests not to record (another SDK's uploads, a beacon of the page's own): a
   * list, or one string of them separated by spaces or commas. The SDK's own uploads never are.
   */
  ignoreUrls?: string[] | string;
  /**
   * Called with each event before it is redacted and queued (not with the session's metadata or
   * the drop counts): return it, changed or not, or another event to send; return nothing (or
   * null, or false) to leave it out, counted as a `before_send` drop. A throw leaves it out too.
   */
  beforeSend?: ((event: LoupeEvent) => LoupeEvent | null | false | undefined | void) | null;
  /** Observers to leave off: console, errors, fetch, xhr, websocket, performance, actions, navigation (a list, or their names in one string). */
  disable?: string[] | string;
}

/** Every option with its value, but those whose absence is their default: `screenshots` (off), `ignoreUrls` (none), `beforeSend` (none). */
type Unset = 'beforeSend' | 'screenshots' | 'ignoreUrls';
export type Resolved = Required<Omit<Options, Unset>> & Pick<Options, Unset>;

/** The options with every default filled in (an option given as undefined or null keeps its default). */
export const resolveOptions = (options: Options): Resolved => {
  const o: any = { ...options };
  const endpoint = (o.endpoint || location.origin).replace(/\/+$/, '');
  const defaults: Omit<Resolved, 'key' | 'endpoint'> = {
    sampleRate: 1,
    maskAttribute: 'data-loupe-mask',
    ignoreAttribute: 'data-loupe-ignore',
    screenshotUrl: endpoint + '/sdk/loupe-screenshot.js',
    batchSize: 20,
    flushInterval: 2000,
    maxQueue: 1000,
    maxEventBytes: EVENT_BYTES,
    maxEventsPerSecond: 50,
    burst: 200,
    sessionTimeout: 1800000,
    captureBodies: true,
    disable: [],
  };
  for (const k of Object.keys(defaults)) o[k] ??= (defaults as any)[k];
  o.endpoint = endpoint;
  return o;
};
