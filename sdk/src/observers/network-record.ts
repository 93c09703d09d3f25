/**
 * What fetch and XHR share: the record of a request in flight, header and body capture, and the
 * `network.request` event. Bodies are text (JSON as its text) of textual content types only, cut
 * to 1 MB (request) and 5 MB (response); an event with a body is `detail_level: verbose`.
 */
import { ms, nowUs, origin, setTimer } from '../clock';
import { admits, emit } from '../emit';
import { byteLen, cut, REQUEST_BODY_BYTES, RESPONSE_BODY_BYTES } from '../limits';
import { count } from '../transport';

export interface RequestRecord {
  method: string;
  url: string;
  initiator: 'fetch' | 'xhr';
  started_at: number;
  request_headers: Record<string, string>;
  [field: string]: unknown;
}

/**
 * Whether bodies are recorded at all (the `captureBodies` option), and which URLs are not recorded
 * at all: the SDK's own uploads (which a fetch built on XHR, installed before the SDK, sends
 * through the XHR wrapper) and the `ignoreUrls` option's.
 */
export const bodies = { _on: true, _ignored: (_url: string): unknown => 0 };

/** A content type whose body is text worth recording (never event streams or NDJSON, which may not end). */
export const isTextual = (contentType: unknown): boolean =>
  /^text\/|json|xml|javascript|x-www-form-urlencoded|graphql/i.test(contentType as string) && !/event-stream|ndjson|jsonl|json-seq|stream\+json/i.test(contentType as string);

/** Headers as an object with lower-case names (a Headers is read as it is, not copied). */
export const headerObject = (h: HeadersInit | undefined): Record<string, string> => {
  const out: Record<string, string> = {};
  // Iterated, not forEach(): a callback per header from the browser into JS costs several times more.
  for (const [k, v] of h instanceof Headers ? h : new Headers(h)) out[k.toLowerCase()] = v;
  return out;
};

/**
 * A record started now, with the request body's text (strings and URLSearchParams) or size (binary
 * bodies). None for a URL not recorded (see `bodies`), uncounted. None when the rate limit has no
 * room for its event: the drop is counted now, and the request costs nothing more (no headers, no
 * cloned body read), as in a loop of requests; it is remembered (`forget`) so that its timing
 * entry, part of what was counted, makes no event nor a second count.
 */
export const startRecord = (method: string | undefined, url: string | URL, initiator: RequestRecord['initiator'], body: any, headers?: HeadersInit): RequestRecord | undefined => {
  // Ignored as requested (not counted as dropped), and as resolved. A URL that does not parse
  // throws here: such a request fails before it leaves the page. Relative to the document's base
  // URL (a <base href>), as the browser resolves it (about 3 µs in Chromium).
  if (bodies._ignored(String(url))) return;
  const href = new URL(url, document.baseURI).href;
  if (bodies._ignored(href)) return;
  if (!admits()) return void (count('rate_limited'), forget({ url: href, initiator, started_at: nowUs(), dropped: 1 }));
  const text = typeof body == 'string' || body instanceof URLSearchParams ? String(body) : undefined;
  return {
    // As fetch and XHR normalize it: only the standard methods are upper-cased (`patch` goes as it is).
    method: (method ||= 'GET').replace(/^(delete|get|head|options|post|put)$/i, (m) => m.toUpperCase()),
    url: href,
    initiator,
    started_at: nowUs(),
    request_headers: headerObject(headers),
    request_body: bodies._on && text != null ? cut(text, REQUEST_BODY_BYTES) : undefined,
    request_body_size: text != null ? byteLen(text) : body?.size ?? body?.byteLength,
  };
};

/**
 * Response fields (the status and status text of the Response or XHR given) and, when bodies are
 * recorded and it is text, the response body. `text` may be a parsed JSON value (an XHR's), which
 * processEvent makes text. `url` is the response's (after redirects; without the fragment), kept
 * as `final_url` where it is not the one requested.
 */
export const response = (rec: RequestRecord, { status, statusText }: { status: number; statusText: string }, headers: Record<string, string>, type: string, url: string, text?: string | object, size?: number): void => {
  const ct = headers['content-type'];
  Object.assign(rec, {
    status,
    status_text: statusText,
    response_headers: headers,
    response_type: type,
    content_type: ct,
    response_body_size: size,
    final_url: url && url != rec.url.split('#')[0] ? url : undefined,
  });
  if (bodies._on && isTextual(ct) && text != null) rec.response_body = typeof text == 'string' ? cut(text, RESPONSE_BODY_BYTES) : text;
};

/*
 * One event a request, with the browser's timing of it. Once a record is complete it waits for its
 * resource timing entry (while the performance observer runs: `pending`): the browser has that
 * entry by the time the body is read or an XHR's loadend fires, for failed and aborted requests
 * too, and tells the observer a task later, which hands each fetch and XHR entry to `timed`. The
 * entry's phases, protocol and sizes go into the record, which is then sent, as of when it was
 * complete (its time and page URL), and the entry makes no `network.resource` of its own.
 *
 * Matching: an entry belongs to a record of its URL, initiator and status that started before it
 * (a record starts just before the browser's request; 1 ms of leeway for coarse clocks, used only
 * where nothing started before), the one that started last. Requests to one URL overlap (parallel
 * GraphQL posts start a fraction of a millisecond apart), and one whose body is not read (not text)
 * is complete at its headers, long before its entry comes when the download ends. An entry can
 * come first too: a flush takes the entries the observer has not been told of yet, and the page's
 * own loadend handler, which may flush, runs before the SDK's. Such an entry waits in `early` for
 * its record, which takes the one that started first after it did.
 *
 * A record or an entry that waited WAIT_MS to 2 × WAIT_MS goes alone (an entry as a
 * `network.resource`, of when it came); a flush sends every waiting record, and at page hide every
 * waiting entry. A record sent without its entry stays known (`gone`, bounded below) so that its
 * entry, when it comes, is dropped: not sent twice, nor taken by another request to the URL. So
 * does a request the rate limit dropped: its entry was counted with it. Such a request takes only
 * an entry that started within DROPPED_MS of it (an entry starts as its request is made, a
 * fraction of a millisecond after the wrapper ran, or after a long task at most), so that it
 * does not take the entry of a later request to its URL made through the fetch the page kept from
 * before the SDK. Such a request can still give a recorded one its entry where URL and status
 * agree. What is kept in mind is by URL, so that an entry is compared with the few requests to its
 * own URL only, and bounded: the latest GONE_URL requests to a URL, of the latest GONE URLs. In a
 * flood of dropped requests Chromium tells the observer of their entries up to seconds later (a
 * second at 1,000 requests a second): what is kept in mind has to span that.
 */
const WAIT_MS = 500;
const GONE = 10_000;
const GONE_URL = 50;
const DROPPED_MS = 50;
/**
 * Complete records waiting for their timing entry: when they stop waiting (`performance.now()`),
 * and the page URL and time (µs) of their completion, their event's.
 */
export const waiting = new Map<RequestRecord, [number, string, number]>();
/** Entries waiting for their record: until when, their fields, and their `network.resource` if none takes them. */
const early = new Map<PerformanceResourceTiming, [number, () => object, () => void]>();
/** What matching needs of a record. */
type Started = Pick<RequestRecord, 'url' | 'initiator' | 'started_at'> & { status?: unknown; dropped?: 1 };
/** By URL, that of the records sent without their entry and of the requests the rate limit dropped. */
const gone = new Map<string, Started[]>();
/** Hands over the performance observer's entries not yet delivered, where it runs (see awaitTimings). */
let pending: (() => void) | undefined;
let ticking: unknown;

/** Remembers a request whose entry is to be dropped when it comes (where the observer runs). */
const forget = (rec: Started) => {
  if (!pending) return;
  let list = gone.get(rec.url);
  list || gone.set(rec.url, (list = []));
  list.push(rec) > GONE_URL && list.shift();
  gone.size > GONE && gone.delete(gone.keys().next().value!);
};

const send = (rec: RequestRecord, fields?: () => object): void => {
  const [, url, ts] = waiting.get(rec)!;
  waiting.delete(rec);
  fields || forget({ url: rec.url, initiator: rec.initiator, started_at: rec.started_at, status: rec.status });
  emit('network.request', fields ? Object.assign(rec, fields()) : rec, rec.initiator, rec.request_body != null || rec.response_body != null, url, ts);
};

/**
 * How well `e` fits as the entry of `rec`, the less the better; -1 where it cannot be its entry.
 * Started before it: the time between; within the leeway after it: far behind those.
 */
const gap = (rec: Started, e: PerformanceResourceTiming): number => {
  const status = (e as any).responseStatus;
  if (rec.url != e.name || e.initiatorType != (rec.initiator == 'xhr' ? 'xmlhttprequest' : 'fetch') || (status && rec.status && status != rec.status)) return -1;
  const before = e.startTime - (rec.started_at / 1000 - origin);
  return rec.dropped && before > DROPPED_MS ? -1 : before >= 0 ? before : before >= -1 ? 1e9 - before : -1;
};

/** Of `keys`, the one with the least `gap` that is not negative. */
const nearest = <K>(keys: Iterable<K>, gapOf: (k: K) => number): K | undefined => {
  let best: K | undefined;
  let least = Infinity;
  for (const k of keys) {
    const g = gapOf(k);
    if (g >= 0 && g < least) (best = k), (least = g);
  }
  return best;
};

/** Lets go of the records and entries that waited until `now`. */
const release = (now: number): void => {
  waiting.forEach(([until], rec) => until <= now && send(rec));
  early.forEach(([until, , alone], e) => until <= now && (early.delete(e), alone()));
};
/** Every WAIT_MS while records or entries wait. */
const tick = () => (release(performance.now()), (ticking = (waiting.size || early.size) && setTimer(tick, WAIT_MS)));

/**
 * Called by the performance observer with each fetch and XHR entry: it goes into a waiting
 * record, with `fields`, is dropped as the entry of a record sent without it, or waits itself, and
 * makes its `network.resource` (`alone`) if no record takes it.
 */
export const timed = (e: PerformanceResourceTiming, fields: () => object, alone: () => void): void => {
  const known = gone.get(e.name) || [];
  const rec = nearest([...waiting.keys(), ...known], (r) => gap(r, e));
  if (!rec) early.set(e, [performance.now() + WAIT_MS, fields, alone]), ticking || tick();
  else if (waiting.has(rec as RequestRecord)) send(rec as RequestRecord, fields);
  else known.splice(known.indexOf(rec), 1), known[0] || gone.delete(e.name);
};

/** Records wait for their timing from now on; `takeEntries` hands over the entries the observer holds. */
export const awaitTimings = (takeEntries: () => void) => (pending = takeEntries);

/**
 * Sends every waiting record now (the app flushes, or the page hides: `hide`, when the entries
 * waiting go too), with the timing entries the browser has.
 */
export const sendWaiting = (hide?: boolean): void => {
  pending?.();
  waiting.forEach((_, rec) => send(rec));
  if (hide) release(Infinity);
};

/** Emits the record, timed from its start, once the request body being read (`_body`: text and bytes read) is in. */
export const finishRecord = (rec: RequestRecord): void => {
  rec.duration_ms = ms((nowUs() - rec.started_at) / 1000);
  const body = rec._body as Promise<[string, number]> | undefined;
  delete rec._body;
  const go = () => {
    waiting.set(rec, [performance.now() + WAIT_MS, location.href, nowUs()]);
    const e = pending && nearest(early.keys(), (e) => gap(rec, e));
    if (e) send(rec, early.get(e)![1]), early.delete(e);
    else pending ? ticking || tick() : send(rec);
  };
  body
    ? body.then(
        ([t, n]) => ((rec.request_body = cut(t, REQUEST_BODY_BYTES)), (rec.request_body_size = n)),
        () => {},
      ).then(go)
    : go();
};
