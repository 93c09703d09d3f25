/**
 * Building events and feeding them into the pipeline. Observers call `emit`; the sink that `init`
 * installed asks the rate limit first and only then has the event built, synchronously (time, URL
 * and session at the moment it happened); then redaction and serialization as a time-sliced job,
 * then the batch queue.
 */
import { nowUs } from './clock';
import { safely } from './guard';
import { toJson } from './json';
import { byteLen, cut, over } from './limits';
import type { Options } from './options';
import { redactString, redactValue } from './redact';
import { count } from './transport';
import { SOURCE_NAME } from './version';

export interface LoupeEvent {
  ts: number;
  type: string;
  category: string;
  detail_level: 'standard' | 'verbose';
  session_id: string;
  url: string;
  source: { kind: 'page'; name: string; event: string };
  data: object;
}

/** Gets a maker of the event, which it calls only when the event is to be kept (rate limit). */
let sink: ((make: () => LoupeEvent) => void) | undefined;
let sessionId: () => string = () => '';
/** While the page's `beforeSend` runs: what it does (a console call of its own) makes no events, which would go through it again. */
let filtering = 0;
/**
 * Whether an event emitted now would be kept (the rate limit has room). Observers ask it to skip
 * costly work that only a kept event needs; they still emit, so that a drop is counted.
 */
export let admits = (): boolean => false;

/** `keeps` tells whether the sink would keep an event now, without using up the rate limit. */
export const setSink = (s: typeof sink, sid: () => string, keeps = () => true): void => {
  sink = s;
  sessionId = sid;
  admits = keeps;
};

/**
 * The event, now; `native` (source.event, the DOM event or API behind it) defaults to the type's
 * last part, `url` (the page it belongs to) to the current one, `ts` (when it happened, in µs) to now.
 */
export const event = (type: string, data: object, native = type.split('.')[1], verbose = false, url = location.href, ts = nowUs()): LoupeEvent => {
  return {
    ts,
    type,
    category: type.split('.')[0],
    detail_level: verbose ? 'verbose' : 'standard',
    session_id: sessionId(),
    url,
    source: { kind: 'page', name: SOURCE_NAME, event: native },
    data,
  };
};

/**
 * Passes the event on, to be built now; never throws. `data` may be a function that makes it: it
 * is called only when the event is kept, so that an event the rate limit drops costs nothing.
 */
export const emit = (type: string, data: object | (() => object), native?: string, verbose?: boolean, url?: string, ts?: number): void => {
  if (sink && !filtering) safely(() => sink!(() => event(type, typeof data == 'function' ? data() : data, native, verbose, url, ts)));
};


const BODIES = ['response_body', 'request_body'];
/** The URL last redacted, and its redacted form. */
let lastUrl = ['', ''];

/** An event's page URL redacted; events of one page share it, so the last one is kept. */
export const redactUrl = (url: string): string => (url == lastUrl[0] ? lastUrl[1] : (lastUrl = [url, redactString(url)])[1]);

/**
 * The time-sliced job for one event: the page's `beforeSend`, redact (pausing inside large bodies), then serialize. An event
 * over `max` bytes (the server's record limit) keeps its record with less body: its bodies are
 * cut, the longer first, until it fits with room for what the server adds. The excess is measured
 * in JSON, where escaping makes a body longer than its text, so it is scaled back to the body's own
 * bytes; each cut is made from the whole body, so that its marker counts all that was removed.
 * Anything else over the limit is dropped by the transport.
 */
export function* processEvent(ev: LoupeEvent, add: (json: string) => void, max: number, beforeSend?: Options['beforeSend']): Generator<void, void> {
  // The page's own filter first, so that what it returns is redacted too: an event (its data
  // left) goes on, anything else, or a throw, drops it (counted). What it returns is copied as
  // JSON: redaction changes the event in place, and it may hold the page's own objects.
  if (beforeSend) {
    filtering = 1;
    ev = safely(() => JSON.parse(JSON.stringify(beforeSend(ev))));
    filtering = 0;
    if (!ev?.data) return void count('before_send');
  }
  ev.url = redactUrl(ev.url);
  // A network event's response body that is a parsed JSON value (an XHR's) is made text first, to
  // be redacted as text; one that cannot be (the page put a cycle in it) is left out.
  let d: any = ev.data;
  if (ev.type == 'network.request' && typeof d.response_body == 'object')
    try {
      d.response_body = yield* toJson(d.response_body);
    } catch {
      delete d.response_body;
    }
  d = ev.data = (yield* redactValue(d)) as object;
  yield;
  const room = max - Math.min(16384, max >> 3);
  const whole: any = {};
  // Serializing a 5 MB body only to cut it would be a long task: no body starts longer than max.
  for (const k of BODIES) if (typeof d[k] == 'string') d[k] = cut((whole[k] = d[k]), max);
  let json = JSON.stringify(ev);
  for (let round = 0; round < 4; round++) {
    const excess = over(json, room);
    const k = (d.request_body?.length || 0) > (d.response_body?.length || 0) ? 'request_body' : 'response_body';
    if (excess <= 0 || !(d[k]?.length > 1024)) break;
    const size = byteLen(d[k]);
    d[k] = cut(whole[k], Math.max(1024, size - Math.ceil((excess * size) / byteLen(JSON.stringify(d[k]))) - 1024));
    json = JSON.stringify(ev);
  }
  add(json);
}
