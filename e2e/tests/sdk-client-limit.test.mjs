// The SDK's own rate limit in real Chromium: a request it drops is counted once, with its reason,
// and its resource timing entry, which the browser delivers later, is part of that drop (no
// network.resource for it, no second count).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, pageVerdict, sessionIdOf, startStack, waitForEvents } from '../harness/sdk-page.mjs';

let stack;
before(async () => (stack = await startStack()));
after(async () => stack?.stop());

const REQUESTS = 40;

test('a request the rate limit drops is counted once, and its timing entry makes no event', async () => {
  const run = await openPage(stack.browser, `${stack.site.url}/sdk-client-limit.html`);
  const sessionId = await sessionIdOf(run.page);
  assert.deepEqual((await pageVerdict(run.page)).failures, []);
  // Closing the page sends what is queued, with the drops counted so far (entries still waiting
  // for a request go at page hide too).
  await run.close();
  const limited = (e) => new URL(e.data.url).searchParams.get('limit');
  // (page.unload itself is over the limit: the drops reported at page hide tell that it went.)
  const events = await waitForEvents(stack.loupe, sessionId, (evs) => (evs.some((e) => e.type == 'system.client_drops') ? evs : undefined), 'the drops reported at page hide');
  const requests = events.filter((e) => e.type == 'network.request' && limited(e));
  const resources = events.filter((e) => e.type == 'network.resource' && limited(e));
  const dropped = events.filter((e) => e.type == 'system.client_drops').reduce((n, e) => n + (e.data.drops.rate_limited ?? 0), 0);
  assert.deepEqual(resources.map((e) => e.data.url), [], 'no timing entry of a request goes alone');
  assert.ok(requests.length < REQUESTS / 2, `most requests were dropped (${requests.length} kept)`);
  // Every dropped request is counted; the few other events dropped meanwhile (the page's
  // vitals and visibility at hide) are too, but nothing is counted twice.
  const others = dropped - (REQUESTS - requests.length);
  assert.ok(others >= 0 && others <= 8, `${dropped} drops counted for ${REQUESTS - requests.length} dropped requests`);
  assert.equal(new Set(requests.map(limited)).size, requests.length, 'each kept request once');
});
