/**
 * `init` and the public API. A global guard (`window.__loupe`) makes double inclusion and double
 * init harmless: the second call returns the first instance. `init` captures the page's fetch as
 * it is then, before the SDK's own observer wraps it; the SDK's uploads go through that one only.
 */
// The order of these imports is the order of the modules in the bundle, chosen for its size:
// gzip finds repeats only within 32 KB, and the minified bundle is longer (18 B less than the
// order they had before). It changes nothing else: each module's own imports still load first.
import { keepClock, setTimer } from './clock';
import { resolveOptions, type Options } from './options';
import { on, safely } from './guard';
import { CONTEXT_BYTES, ENTRY_BYTES } from './limits';
import { observeActions } from './observers/actions';
import { observeConsole } from './observers/console';
import { emit, processEvent, event, redactUrl, setSink } from './emit';
import { observeFetch } from './observers/network-fetch';
import { bodies, sendWaiting } from './observers/network-record';
import { observeNavigation } from './observers/navigation';
import { observePerformance } from './observers/performance';
import { drain, enqueue } from './schedule';
import { observeXhr } from './observers/network-xhr';
import { screenshotter } from './screenshot/loader';
import { redactString } from './redact';
import { kind, serialize } from './serialize';
import { describeError, observeErrors } from './observers/errors';
import { createSession } from './session';
import { observeWebSocket } from './observers/websocket';
import { sessionMetadata } from './device';
import { count, createTransport, tokenBucket } from './transport';

export type { Options } from './options';

export interface Loupe {
  /** `log.debug|info|warn|error`; `scope` and `request_id` in `context` become fields of their own. */
  debug(message: string, context?: object): void;
  info(message: string, context?: object): void;
  warn(message: string, context?: object): void;
  error(message: string, context?: object): void;
  /** `error.custom`: an error the app handled (name, message, stack, frames, cause), with `context`. */
  captureError(error: unknown, context?: object): void;
  /** `custom.<type>` with `data`. */
  track(type: string, data?: object): void;
  /** `session.identify`; the user is kept for the tab's later sessions, until `identify(null)` (a logout) forgets it. */
  identify(userId: string | null, traits?: object): void;
  /** Sends what is waiting now. */
  flush(): void;
}

/** `v` serialized as an object: anything else (a string, an array) as `{ value }`. */
const record = (v: unknown, max: number): object => {
  const d = serialize(v, max);
  return d && typeof d == 'object' && !Array.isArray(d) ? d : { value: d };
};

/** `identified` is told the user of each identify (null: none). */
export const createApi = (flush: () => void, identified: (userId: string | null) => unknown = () => {}): Loupe => {
  const api: any = {};
  const add = (name: string, fn: (a: any, b: any) => unknown) => (api[name] = (a: unknown, b: unknown) => safely(fn, a, b));
  add('flush', () => flush());
  add('track', (type: string, data?: object) => {
    // The type becomes a valid dotted lowercase name (no empty part; with `custom.`, at most the
    // server's 100 characters); data must be an object.
    const name =
      String(type)
        .toLowerCase()
        .replace(/[^a-z0-9_.]+/g, '_')
        .replace(/\.+/g, '.')
        .slice(0, 93)
        .replace(/^[_.]+|[_.]+$/g, '') || 'event';
    emit('custom.' + name, record(data ?? {}, ENTRY_BYTES), 'loupe.track');
  });
  add('captureError', (error: unknown, context?: object) =>
    emit('error.custom', { ...describeError(error), handled: true, context: context && record(context, CONTEXT_BYTES) }, 'loupe.captureError'),
  );
  // The user is also kept for the tab's later sessions (in their metadata), the traits are not.
  // No user (null, '', nothing: a logout) is no event, and the tab's user is forgotten.
  add('identify', (userId: string | null, traits?: object) => {
    const user = String(userId ?? '') || null;
    identified(user);
    if (user) emit('session.identify', { user_id: user, traits: traits && record(traits, CONTEXT_BYTES) }, 'loupe.identify');
  });
  // `scope` and `request_id` in the context become fields of their own. A context that is not a
  // plain object (an Error, whose message and stack are not enumerable; a string; a Map) is kept
  // whole as `value`.
  for (const level of ['debug', 'info', 'warn', 'error'])
    add(level, (message: string, ctx?: unknown) => {
      const { scope, request_id, ...context }: any = ctx == null ? {} : kind(ctx) == 'Object' ? ctx : { value: ctx };
      emit(
        'log.' + level,
        {
          message: String(message),
          scope: scope != null ? String(scope) : undefined,
          request_id: request_id != null ? String(request_id) : undefined,
          context: Object.keys(context)[0] ? serialize(context, ENTRY_BYTES - 1024) : undefined,
        },
        'loupe.' + level,
      );
    });
  return api;
};

const start = (options: Options, w: any): Loupe | undefined => {
  keepClock();
  const o = resolveOptions(options);
  // A session that starts while the page is open begins with a page view of it, as one started by
  // a page load does (where the navigation observer runs).
  let pageView = () => {};
  const session = createSession(o.sessionTimeout, o.sampleRate, () => pageView());
  if (session._out()) return;
  // Captured before observeFetch wraps it: the SDK's own uploads never pass through its wrapper.
  const ownFetch: typeof fetch = w.fetch.bind(w);
  const eventsUrl = o.endpoint + '/v1/events';
  const screenshotUrl = o.endpoint + '/api/v1/track/screenshot';
  const transport = createTransport(
    eventsUrl + '?key=' + encodeURIComponent(o.key),
    ownFetch,
    o,
    () => {
      const url = session._takeStart();
      return url ? `"session":${JSON.stringify({ ...sessionMetadata(session._id(), url), user_id: session._user() })},` : '';
    },
    // Made at flush time, outside processEvent: its page URL is redacted here.
    (drops) => JSON.stringify({ ...event('system.client_drops', { drops }), url: redactUrl(location.href) }),
    session._lost,
  );
  const take = tokenBucket(o.maxEventsPerSecond, o.burst);
  const flush = (hide?: boolean) => (sendWaiting(hide), drain(), transport._flush(hide));
  // Once the page is left (after the SDK's pagehide flush), an event (or a drop) still made, by a
  // listener of the page's own that runs later (pagehide, visibilitychange, unload), would wait
  // for timers that never run: it goes at once, a microtask after that listener (one beacon for
  // each listener that makes events). `leaving`: 1 once left, 2 while such a flush is queued.
  let leaving = 0;
  const left = () => leaving == 1 && ((leaving = 2), queueMicrotask(() => ((leaving = 1), flush(true))));
  // Back from the back/forward cache (shown again, which Chromium tells before pageshow), timers
  // run again: seen in the capture phase on window, before any other listener hears of it.
  for (const type of ['pageshow', 'visibilitychange']) on(type, () => document.hidden || (leaving = 0), window, true);
  // A session that starts sampled out (the last one timed out) is not captured from then on.
  setSink((make) => (left(), session._out() || (take() ? enqueue(processEvent(make(), transport._add, o.maxEventBytes, o.beforeSend)) : count('rate_limited'))), session._id, () => take(true));
  // What earlier pages kept offline goes out a task later: reading localStorage for the first time
  // is a synchronous trip to the browser process (about 1 ms, at times 8), which need not add to
  // the page's load.
  setTimer(() => transport._send());
  on('online', () => transport._send(undefined, true));

  bodies._on = o.captureBodies;
  // The SDK's own uploads, as it requests them and as the browser writes their URLs
  // (`https://Loupe.example:443` is `https://loupe.example`), and the ignoreUrls option's prefixes
  // (never an empty one, which would be all).
  const ignored = [...[eventsUrl, screenshotUrl].flatMap((u) => [u, new URL(u, document.baseURI).href]), ...[o.ignoreUrls].flat().join(' ').split(/[\s,]+/)].filter((p) => p);
  const isIgnored = (bodies._ignored = (url: string) => ignored.some((p) => url.startsWith(p)));
  const screenshot = o.screenshots
    ? // The nonce of the SDK's own script, or (an ES module has no currentScript) of another of the page's.
      screenshotter(o.screenshotUrl, (document.currentScript || document.querySelector('script[nonce]'))?.nonce, () => ({
        ...o,
        url: screenshotUrl,
        session_id: session._id(),
        page_url: redactUrl(location.href),
        fetch: ownFetch,
      }))
    : () => {};
  const observers: Record<string, () => void> = {
    console: observeConsole,
    errors: observeErrors,
    fetch: observeFetch,
    xhr: observeXhr,
    websocket: observeWebSocket,
    performance: () => observePerformance(isIgnored),
    actions: () => observeActions(o),
    // No screenshot of a session sampled out.
    navigation: () => (pageView = observeNavigation(() => session._out() || screenshot())),
  };
  for (const name of Object.keys(observers)) if (!o.disable.includes(name)) safely(observers[name]);

  // Hidden: send everything now (the page may never come back). Visible again: what could not go
  // then went to the offline queue; send it.
  on('visibilitychange', () => (document.hidden ? flush(true) : transport._send()), document);
  on('pagehide', () => (emit('page.unload', {}, 'pagehide'), flush(true), (leaving = 1)));
  // Kept redacted, as the identify event has it.
  return createApi(flush, (userId) => session._user(userId && redactString(userId)));
};

/** Starts the SDK once per page; later calls return the first instance. */
export function init(options: Options): Loupe {
  const w = globalThis as any;
  // Where there is no page (a framework's server-side render imports and runs the same code), an
  // API that does nothing.
  if (!w.document) return createApi(() => {});
  // Set first, to the API of a page that was sampled out or failed to start (without a sink its
  // calls emit nothing): an init re-entered from an observer's side effect finds it.
  return w.__loupe || ((w.__loupe = createApi(() => {})), (w.__loupe = safely(start, options, w) || w.__loupe));
}
