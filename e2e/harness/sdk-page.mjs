// What the SDK tests share: a test page opened in a browser context of its own (so it has its
// own sessionStorage, hence its own Loupe session, and its own localStorage offline queue), with
// or without the SDK; the page's own verdict; the Loupe session the SDK used; and that session's
// events read back through Loupe's query API.
import assert from 'node:assert/strict';
import { ADMIN_KEY, INGEST_KEY, eventually, startLoupe } from './loupe.mjs';
import { startSite } from './site.mjs';
import { launch } from './browser.mjs';

/** Generous: the machine may be busy, and the SDK sends every 2 s. */
export const ARRIVAL_MS = 30_000;

/**
 * Loupe, the test site on another origin and Chromium, for one test file. `csp(loupeUrl)` may give
 * the site's per-page Content-Security-Policy map, which needs Loupe's origin; `loupeArgs` are
 * more flags for Loupe.
 */
export async function startStack({ csp, loupeArgs } = {}) {
  const loupe = await startLoupe(loupeArgs);
  const site = await startSite({ loupeUrl: loupe.baseUrl, ingestKey: INGEST_KEY, csp: csp?.(loupe.baseUrl) });
  const browser = await launch();
  return {
    // A test may replace it with a restarted one: stop() stops whichever it is then.
    loupe,
    site,
    browser,
    async stop() {
      await browser.close();
      await site.stop();
      await this.loupe.stop();
    },
  };
}

/**
 * Opens `url` in a fresh context. With `sdk: false` the SDK script is answered with an empty
 * script, so the very same page runs without the SDK: the baseline its behaviour is compared to.
 * Records the page's console messages, uncaught errors and the bodies the page sent to Loupe.
 */
export async function openPage(browser, url, { sdk = true } = {}) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const consoleMessages = [];
  const pageErrors = [];
  const uploads = [];
  page.on('console', (m) => consoleMessages.push({ type: m.type(), text: m.text() }));
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('request', (r) => {
    if (new URL(r.url()).pathname === '/v1/events') uploads.push({ url: r.url(), type: r.resourceType(), body: r.postData() });
  });
  if (!sdk) await page.route('**/sdk/loupe.js', (route) => route.fulfill({ status: 200, contentType: 'text/javascript', body: '' }));
  await page.goto(url);
  return { context, page, consoleMessages, pageErrors, uploads, close: () => context.close() };
}

/**
 * The page's own verdict (pages/check.js): waits until the page has finished its own steps and
 * returns `{failures, observed}`; `observed` is what the page saw of its own APIs.
 */
export async function pageVerdict(page) {
  await page.waitForFunction(() => window.__page?.done, null, { timeout: ARRIVAL_MS });
  return page.evaluate(() => ({ failures: window.__page.failures, observed: window.__page.observed }));
}

/** The Loupe session id the SDK keeps in the tab's sessionStorage. */
export async function sessionIdOf(page) {
  const id = await page.evaluate(() => JSON.parse(sessionStorage.getItem('loupe.session') || 'null')?.id);
  assert.ok(id, 'the SDK started a session');
  return id;
}

/** Asks the SDK to send what is waiting now (instead of after its 2 s interval). */
export const flushSdk = (page) => page.evaluate(() => window.loupe?.flush());

/** The events (not envelopes) of a session, optionally narrowed by more query parameters. */
export async function sessionEvents(loupe, sessionId, query = '') {
  const envelopes = await loupe.events(`session_id=${encodeURIComponent(sessionId)}${query ? `&${query}` : ''}`);
  return envelopes.map((e) => e.event);
}

/**
 * Polls the session's events until `probe(events)` returns something truthy, and returns that.
 * `probe` may also throw (e.g. a failing assertion): the last failure is reported on timeout.
 */
export function waitForEvents(loupe, sessionId, probe, message, query = '') {
  return eventually(async () => probe(await sessionEvents(loupe, sessionId, query)), { timeoutMs: ARRIVAL_MS, intervalMs: 250, message });
}

/** The session's events exactly as the read API answers them: the text secrets are searched in. */
export async function rawSessionEvents(loupe, sessionId) {
  const res = await fetch(`${loupe.baseUrl}/v1/events?session_id=${encodeURIComponent(sessionId)}&limit=10000`, {
    headers: { Authorization: `Bearer ${ADMIN_KEY}` },
  });
  assert.equal(res.status, 200);
  return res.text();
}

/** Asserts that no event arrived twice: the whole event (its ts, type, url and data) is its identity. */
export function assertNoDuplicates(events) {
  const seen = new Map();
  for (const e of events) {
    const key = JSON.stringify(e);
    seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  const duplicates = [...seen].filter(([, n]) => n > 1).map(([key, n]) => `${n}× ${key.slice(0, 300)}`);
  assert.deepEqual(duplicates, [], 'events delivered more than once');
}

/** Asserts that the SDK recorded none of its own uploads (as requests or as resource timing). */
export function assertNoOwnUploads(events, loupeUrl) {
  const own = events.filter((e) => e.category === 'network' && String(e.data?.url).startsWith(`${loupeUrl}/v1/events`));
  assert.deepEqual(own, [], 'the SDK recorded its own uploads');
}

/**
 * Runs the page with and without the SDK and asserts that the page saw the same of its own APIs
 * (responses, exceptions, handlers) and that its own checks passed both times. Returns the run
 * with the SDK, still open, for the caller's assertions on what Loupe received; the caller closes it.
 */
export async function assertSameBehaviour(browser, url) {
  const without = await openPage(browser, url, { sdk: false });
  const baseline = { ...(await pageVerdict(without.page)), pageErrors: without.pageErrors, consoleMessages: without.consoleMessages };
  await without.close();
  assert.deepEqual(baseline.failures, [], 'the page fails its own checks even without the SDK');
  const withSdk = await openPage(browser, url);
  const verdict = await pageVerdict(withSdk.page);
  assert.deepEqual(verdict.failures, [], "the page's own checks fail with the SDK");
  assert.deepEqual(verdict.observed, baseline.observed, 'the page observed something different with the SDK');
  return { ...withSdk, verdict, baseline };
}
