#!/usr/bin/env node
// A stand-in for the Loupe server, for working on the dashboard without the Java build:
// serves dist/ under the same Content-Security-Policy the server sends, and answers the read
// API (docs/api.md) with made-up sessions, events, screenshots, a live SSE stream with an
// occasional gap, and /v1/stats. Login with any non-empty key except "wrong".
//
//   npm run build && npm run mock            # http://127.0.0.1:7071/#login=dev
//   PORT=7072 node scripts/mock-server.mjs
//
// It is not the contract: docs/api.md is. Nothing here is used by the tests.
import { createServer } from 'node:http';
import { readFileSync, existsSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { deflateSync, crc32 } from 'node:zlib';

const PORT = Number(process.env.PORT ?? 7071);
const DIST = new URL('../dist/', import.meta.url).pathname;
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:; connect-src 'self'; " +
  "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' };

// ---- made-up data -------------------------------------------------------------------------
const NOW_US = Date.now() * 1000;
let seq = 0;
const sessions = [];
const eventsBySession = new Map();
const screenshots = new Map(); // id -> {meta, png}

function ev(sessionId, tsUs, type, data, url) {
  return { seq: ++seq, received_at: tsUs + 2000, project: 'default', event: { ts: tsUs, type, category: type.split('.')[0], detail_level: 'verbose', session_id: sessionId, url, source: { kind: 'page', name: 'loupe-sdk/0.1.0' }, data } };
}

function makeSession(i) {
  const id = `7f3c${String(i).padStart(4, '0')}-2b1e-4c9a-9d2f-${(0x1a2b3c4d5e + i * 7919).toString(16).padStart(12, '0')}`;
  const start = NOW_US - (i * 37 + 5) * 60_000_000;
  const base = 'https://shop.example';
  const list = [];
  let t = start;
  const step = (ms) => (t += ms * 1000);
  list.push(ev(id, t, 'session.start', { browser: ['Chrome', 'Firefox', 'Safari'][i % 3], os: ['Linux', 'macOS', 'Windows'][i % 3], device_type: i % 4 === 0 ? 'mobile' : 'desktop', page_url: `${base}/` }, `${base}/`));
  list.push(ev(id, step(40), 'page.view', { url: `${base}/`, title: 'Shop — Home' }, `${base}/`));
  list.push(ev(id, step(300), 'network.resource', { url: `${base}/assets/app.js`, initiator_type: 'script', duration_ms: 180, transfer_size: 48213 }, `${base}/`));
  list.push(ev(id, step(500), 'performance.fcp', { value: 820, unit: 'ms', rating: 'good' }, `${base}/`));
  list.push(ev(id, step(900), 'performance.lcp', { value: 2450 + i * 10, unit: 'ms', rating: 'needs-improvement' }, `${base}/`));
  const shot1 = addScreenshot(id, step(100), `${base}/`, [59, 91, 219]);
  list.push(shot1);
  list.push(ev(id, step(2000), 'action.click', { selectors: { css: 'a.product-card[href="/p/42"]', xpath: '/html/body/main/a[3]', text: 'Trail shoe' }, tag: 'a', text: 'Trail shoe', x: 412, y: 380 }, `${base}/`));
  list.push(ev(id, step(60), 'page.navigate', { from: `${base}/`, to: `${base}/p/42`, kind: 'push' }, `${base}/p/42`));
  const reqStart = step(20);
  list.push(ev(id, step(140), 'network.request', {
    method: 'GET', url: 'https://api.shop.example/products/42', status: 200, status_text: 'OK', initiator: 'fetch', started_at: reqStart, duration_ms: 140,
    request_headers: { accept: 'application/json', authorization: '[REDACTED:bearer]' },
    response_headers: { 'content-type': 'application/json', 'cache-control': 'max-age=60' },
    response_body: JSON.stringify({ id: 42, name: 'Trail shoe', price: { amount: 8900, currency: 'EUR' }, sizes: [40, 41, 42, 43] }),
    response_body_size: 96, timing: { dns_ms: 2, connect_ms: 8, tls_ms: 12, ttfb_ms: 96, download_ms: 22 }, protocol: 'h2',
  }, `${base}/p/42`));
  list.push(ev(id, step(1500), 'action.input', { selectors: { css: '#qty', data_testid: 'qty' }, tag: 'input', input_type: 'number', value: '2', masked: false }, `${base}/p/42`));
  list.push(ev(id, step(700), 'action.click', { selectors: { css: 'button#add-to-cart', data_testid: 'add-to-cart', text: 'Add to cart' }, tag: 'button', text: 'Add to cart', x: 880, y: 512 }, `${base}/p/42`));
  const postStart = step(10);
  const failing = i % 3 === 0;
  list.push(ev(id, step(failing ? 1200 : 230), 'network.request', {
    method: 'POST', url: 'https://api.shop.example/cart/items', status: failing ? 500 : 201, status_text: failing ? 'Internal Server Error' : 'Created', initiator: 'fetch', started_at: postStart, duration_ms: failing ? 1200 : 230,
    request_headers: { 'content-type': 'application/json' }, response_headers: { 'content-type': 'application/json' },
    request_body: JSON.stringify({ product: 42, qty: 2 }),
    response_body: failing ? JSON.stringify({ error: 'stock_service_timeout', retry_after: 2 }) : JSON.stringify({ cart: { items: 1 } }),
    timing: { dns_ms: 0, connect_ms: 0, ttfb_ms: failing ? 1180 : 200, download_ms: 10 },
  }, `${base}/p/42`));
  if (failing) {
    list.push(ev(id, step(15), 'console.error', { message: 'Add to cart failed: 500', args: ['Add to cart failed:', 500] }, `${base}/p/42`));
    list.push(ev(id, step(5), 'error.unhandled_rejection', {
      name: 'TypeError', message: "Cannot read properties of undefined (reading 'items')", handled: false,
      stack: "TypeError: Cannot read properties of undefined (reading 'items')\n    at renderCart (https://shop.example/assets/app.js:1204:33)\n    at onAddToCart (https://shop.example/assets/app.js:988:7)\n    at async HTMLButtonElement.<anonymous> (https://shop.example/assets/app.js:77:5)",
    }, `${base}/p/42`));
  }
  list.push(ev(id, step(300), 'websocket.open', { url: 'wss://live.shop.example/stock', connection_id: 'ws1' }, `${base}/p/42`));
  list.push(ev(id, step(200), 'websocket.message', { url: 'wss://live.shop.example/stock', connection_id: 'ws1', direction: 'sent', size: 28, binary: false, preview: '{"subscribe":"product:42"}' }, `${base}/p/42`));
  list.push(ev(id, step(400), 'websocket.message', { url: 'wss://live.shop.example/stock', connection_id: 'ws1', direction: 'received', size: 31, binary: false, preview: '{"product":42,"stock":3}' }, `${base}/p/42`));
  list.push(ev(id, step(800), 'console.warn', { message: 'Low stock for product 42', args: ['Low stock for product', 42] }, `${base}/p/42`));
  list.push(addScreenshot(id, step(200), `${base}/p/42`, failing ? [224, 49, 49] : [47, 158, 68]));
  list.push(ev(id, step(3000), 'performance.inp', { value: 180, unit: 'ms', rating: 'good' }, `${base}/p/42`));
  list.push(ev(id, step(1000), 'page.visibility', { state: 'hidden' }, `${base}/p/42`));
  eventsBySession.set(id, list);
  const errors = list.filter((e) => e.event.category === 'error').length;
  sessions.push({
    session_id: id, project: 'default', started_at: start, last_activity_at: t, ended_at: null, duration_ms: Math.round((t - start) / 1000),
    page_url: `${base}/`, referrer: 'https://search.example/', user_agent: 'Mozilla/5.0 (X11; Linux x86_64)', device_type: i % 4 === 0 ? 'mobile' : 'desktop',
    browser: ['Chrome', 'Firefox', 'Safari'][i % 3], os: ['Linux', 'macOS', 'Windows'][i % 3], viewport_width: 1280, viewport_height: 800, screen_width: 1920, screen_height: 1080,
    user_id: i % 5 === 0 ? null : `user-${100 + (i % 7)}`, event_count: list.length, error_count: errors, page_count: 2,
    screenshot_count: list.filter((e) => e.event.type === 'screenshot.capture').length,
  });
}

function addScreenshot(sessionId, tsUs, pageUrl, rgb) {
  const e = ev(sessionId, tsUs, 'screenshot.capture', { format: 'png', width: 640, height: 400, size: 0, sha256: '0'.repeat(64), page_url: pageUrl }, pageUrl);
  e.event.data.screenshot_id = e.seq;
  const png = makePng(640, 400, rgb);
  e.event.data.size = png.length;
  screenshots.set(e.seq, { meta: { screenshot_id: e.seq, session_id: sessionId, ts: tsUs, page_url: pageUrl, format: 'png', width: 640, height: 400, size: png.length }, png });
  return e;
}

/** A PNG of a fake page: a header bar in `rgb`, grey content blocks. */
function makePng(width, height, rgb) {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    for (let x = 0; x < width; x++) {
      let c = [248, 249, 250];
      if (y < 56) c = rgb;
      else if (y > 90 && y < 300 && x > 40 && x < 300) c = [222, 226, 230];
      else if (y > 90 && y < 110 && x > 340 && x < 600) c = [173, 181, 189];
      else if (y > 130 && y < 142 && x > 340 && x < 560) c = [206, 212, 218];
      else if (y > 250 && y < 290 && x > 340 && x < 480) c = rgb;
      raw.set(c, row + 1 + x * 3);
    }
  }
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(td) >>> 0);
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

for (let i = 0; i < 47; i++) makeSession(i);

// One long session (10 000 events over an hour) to see the timeline at size.
{
  const id = 'big-session';
  const start = NOW_US - 2 * 3_600_000_000;
  const list = [];
  for (let k = 0; k < 10_000; k++) {
    const ts = start + k * 360_000;
    const kind = k % 5;
    if (kind === 0) list.push(ev(id, ts, 'network.request', { method: 'GET', url: `https://api.shop.example/poll?n=${k}`, status: k % 97 === 0 ? 503 : 200, started_at: ts - 200_000, duration_ms: 200 + (k % 7) * 50 }, 'https://shop.example/'));
    else if (kind === 1) list.push(ev(id, ts, 'console.log', { message: `tick ${k}`, args: [`tick ${k}`] }, 'https://shop.example/'));
    else if (kind === 2) list.push(ev(id, ts, 'action.scroll', { scroll_x: 0, scroll_y: k % 800 }, 'https://shop.example/'));
    else if (kind === 3) list.push(ev(id, ts, 'websocket.message', { url: 'wss://live.shop.example/', connection_id: 'w', direction: 'received', size: 12, binary: false, preview: `{"k":${k}}` }, 'https://shop.example/'));
    else list.push(ev(id, ts, 'performance.long_task', { duration_ms: 60, start_time_ms: k }, 'https://shop.example/'));
  }
  eventsBySession.set(id, list);
  sessions.push({ session_id: id, project: 'default', started_at: start, last_activity_at: start + 10_000 * 360_000, ended_at: null, duration_ms: 3_600_000,
    page_url: 'https://shop.example/', referrer: '', user_agent: 'Mozilla/5.0', device_type: 'desktop', browser: 'Chrome', os: 'Linux', viewport_width: 1280, viewport_height: 800,
    screen_width: 1920, screen_height: 1080, user_id: 'user-big', event_count: list.length, error_count: 0, page_count: 1, screenshot_count: 0 });
}

// ---- HTTP --------------------------------------------------------------------------------
const tokens = new Set();
const streamTokens = new Set();
let acceptedTotal = 120_000;

function send(res, status, body, headers = {}) {
  const text = typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', ...headers });
  res.end(text);
}
const fail = (res, status, error, message) => send(res, status, { error, message });

function authorized(req, url) {
  const bearer = (req.headers.authorization ?? '').replace(/^Bearer /, '');
  return tokens.has(bearer) || streamTokens.has(url.searchParams.get('token') ?? '');
}

async function body(req) {
  let text = '';
  for await (const chunk of req) text += chunk;
  try {
    return JSON.parse(text || '{}');
  } catch {
    return null;
  }
}

function listSessions(url) {
  const p = url.searchParams;
  let list = sessions.filter((s) => {
    if (p.get('from') && s.started_at < Number(p.get('from'))) return false;
    if (p.get('to') && s.started_at > Number(p.get('to'))) return false;
    if (p.get('user_id') && s.user_id !== p.get('user_id')) return false;
    if (p.get('url') && !s.page_url.includes(p.get('url'))) return false;
    if (p.get('has_errors') === 'true' && s.error_count === 0) return false;
    if (p.get('has_errors') === 'false' && s.error_count > 0) return false;
    return true;
  });
  const sort = p.get('sort') ?? '-started_at';
  const key = sort.replace('-', '');
  list = [...list].sort((a, b) => (sort.startsWith('-') ? b[key] - a[key] : a[key] - b[key]));
  const limit = Number(p.get('limit') ?? 20);
  const offset = Number(p.get('cursor') ?? 0);
  const page = list.slice(offset, offset + limit);
  return { data: page, total: list.length, next_cursor: offset + limit < list.length ? String(offset + limit) : null };
}

function stats() {
  acceptedTotal += Math.round(150 + Math.random() * 250);
  const buf = (entries, maxEntries, bytes, maxBytes) => ({ entries, max_entries: maxEntries, bytes, max_bytes: maxBytes, ttl_ms: 600_000, evicted: Math.round(Math.random() * 40), dropped: 0 });
  return {
    now: Date.now() * 1000,
    uptime_ms: 3_600_000,
    ingest: { events_total: acceptedTotal, rejected_total: 42, events_per_second: 60 },
    pipeline: { last_seq: seq + acceptedTotal, durable_seq: seq + acceptedTotal, subscribers: 2 },
    buffers: {
      console: buf(870, 1000, 3_100_000, 50 * 2 ** 20),
      network: buf(212, 500, 17 * 2 ** 20, 20 * 2 ** 20),
      action: buf(1200, 5000, 900_000, 30 * 2 ** 20),
      error: buf(12, 200, 80_000, 20 * 2 ** 20),
      page: buf(300, 5000, 120_000, 30 * 2 ** 20),
    },
    memory: { bytes: 180 * 2 ** 20, max_bytes: 500 * 2 ** 20 },
    store: { backend: 'sqlite', checkpoint_seq: seq + acceptedTotal - 37, lag_events: 37, lag_ms: 120 },
    drops: { rate_limited: 18, invalid: 7, too_large: 1, client_dropped: 3 },
    redactions: { email: 120, bearer_token: 44, card_number: 2 },
    disk: { log_bytes: 812 * 2 ** 20, screenshot_bytes: 96 * 2 ** 20, store_bytes: 240 * 2 ** 20, free_bytes: 40 * 2 ** 30, total_bytes: 100 * 2 ** 30 },
  };
}

function stream(req, res, url) {
  res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
  let n = Number(url.searchParams.get('after_seq') ?? 5000);
  const all = [...eventsBySession.values()].flat();
  const categories = url.searchParams.getAll('category');
  const timer = setInterval(() => {
    if (Math.random() < 0.03) {
      const count = 20 + Math.floor(Math.random() * 50);
      res.write(`event: gap\ndata: ${JSON.stringify({ from: n + 1, to: n + count, count, reason: Math.random() < 0.5 ? 'retention' : 'subscriber_overflow' })}\n\n`);
      n += count;
      return;
    }
    const template = all[Math.floor(Math.random() * all.length)];
    if (categories.length && !categories.includes(template.event.category)) return;
    n += 1;
    const envelope = { ...template, seq: n, received_at: Date.now() * 1000, event: { ...template.event, ts: Date.now() * 1000 } };
    res.write(`id: ${n}\ndata: ${JSON.stringify(envelope)}\n\n`);
  }, 150);
  const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
  req.on('close', () => {
    clearInterval(timer);
    clearInterval(keepAlive);
  });
}

createServer(async (req, res) => {
  const url = new URL(req.url, `http://${req.headers.host}`);
  const path = url.pathname;
  if (req.method === 'POST' && path === '/v1/auth/session') {
    const b = await body(req);
    if (!b?.token || b.token === 'wrong') return fail(res, 401, 'unauthorized', 'unknown admin key or login token');
    const token = `sess-${Math.random().toString(36).slice(2)}`;
    tokens.add(token);
    return send(res, 200, { session_token: token, expires_at: (Date.now() + 12 * 3_600_000) * 1000 });
  }
  if (path.startsWith('/v1/')) {
    if (!authorized(req, url)) return fail(res, 401, 'unauthorized', 'missing or unknown token');
    if (req.method === 'POST' && path === '/v1/stream/token') {
      const token = `st-${Math.random().toString(36).slice(2)}`;
      streamTokens.add(token);
      return send(res, 200, { token, expires_at: (Date.now() + 600_000) * 1000 });
    }
    if (path === '/v1/stream') return stream(req, res, url);
    if (path === '/v1/stats') return send(res, 200, stats());
    if (path === '/v1/sessions') return send(res, 200, listSessions(url));
    let m = path.match(/^\/v1\/sessions\/([^/]+)(\/events|\/screenshots|\/har)?$/);
    if (m) {
      const id = decodeURIComponent(m[1]);
      const s = sessions.find((x) => x.session_id === id);
      if (!s) return fail(res, 404, 'not_found', `no session ${id}`);
      if (!m[2]) return send(res, 200, s);
      const events = eventsBySession.get(id);
      if (m[2] === '/events') return send(res, 200, { data: events, total: events.length, next_cursor: null });
      if (m[2] === '/screenshots') {
        const data = [...screenshots.values()].filter((x) => x.meta.session_id === id).map((x) => x.meta);
        return send(res, 200, { data, total: data.length });
      }
      const entries = events.filter((e) => e.event.type === 'network.request').map((e) => ({ startedDateTime: new Date(e.event.data.started_at / 1000).toISOString(), time: e.event.data.duration_ms, request: { method: e.event.data.method, url: e.event.data.url }, response: { status: e.event.data.status } }));
      return send(res, 200, { log: { version: '1.2', creator: { name: 'loupe-mock', version: '0' }, entries } }, { 'Content-Type': 'application/json' });
    }
    m = path.match(/^\/v1\/screenshots\/(\d+)$/);
    if (m && screenshots.has(Number(m[1]))) return send(res, 200, screenshots.get(Number(m[1])).png, { 'Content-Type': 'image/png' });
    return fail(res, 404, 'not_found', `unknown route ${req.method} ${path}`);
  }
  // static files of dist/
  const file = normalize(join(DIST, path === '/' ? 'index.html' : path));
  if (!file.startsWith(DIST) || !existsSync(file)) return fail(res, 404, 'not_found', `unknown route ${req.method} ${path}`);
  res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Content-Security-Policy': CSP, 'X-Content-Type-Options': 'nosniff' });
  res.end(readFileSync(file));
}).listen(PORT, '127.0.0.1', () => console.log(`mock Loupe on http://127.0.0.1:${PORT}/#login=dev`));
