// The SDK against a Loupe that rate-limits its ingest (in real Chromium): refused with 429, it
// waits as long as Retry-After says (readable across origins), and every event still arrives
// exactly once, without the page doing anything more.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { assertNoDuplicates, openPage, pageVerdict, sessionIdOf, startStack, waitForEvents } from '../harness/sdk-page.mjs';

let stack;
// Two requests, then one more every 2 s: the page's batches outrun it.
before(async () => (stack = await startStack({ loupeArgs: ['--rate-limit', '2/4s'] })));
after(async () => stack?.stop());

test('refused with 429, the SDK waits out Retry-After and delivers every event once', async () => {
  const run = await openPage(stack.browser, `${stack.site.url}/sdk-batches.html?label=limited&n=100`);
  // Uploads as the browser timed them (its own clock, not when this driver heard of them): when
  // each started and its answer came (fetch resolves then), with the status and Retry-After.
  const uploads = [];
  run.page.on('requestfinished', async (r) => {
    if (new URL(r.url()).pathname !== '/v1/events') return;
    const { startTime, responseStart } = r.timing();
    const res = await r.response();
    uploads.push({ start: startTime, answered: startTime + responseStart, status: res.status(), retryAfter: Number(res.headers()['retry-after']) });
  });
  const statuses = () => uploads.map((u) => [u.status, u.retryAfter]);
  try {
    assert.deepEqual((await pageVerdict(run.page)).failures, []);
    const sessionId = await sessionIdOf(run.page);
    const events = await waitForEvents(
      stack.loupe,
      sessionId,
      (evs) => (evs.filter((e) => e.category === 'console').length >= 100 ? evs : undefined),
      '100 console events',
    );
    const indices = events.filter((e) => e.category === 'console').map((e) => e.data.args[1].i);
    assert.deepEqual(indices.toSorted((a, b) => a - b), Array.from({ length: 100 }, (_, i) => i), 'each event exactly once');
    assertNoDuplicates(events);
    const refused = statuses().filter(([s]) => s === 429);
    assert.ok(refused.length > 0, `Loupe refused some uploads: ${JSON.stringify(statuses())}`);
    assert.ok(refused.every(([, after]) => after > 0), 'with a Retry-After');
    // The SDK read Retry-After across origins: after each refusal, the next upload started no
    // sooner (the SDK sends one body at a time; 50 ms for the clock's rounding).
    const inOrder = uploads.toSorted((a, b) => a.start - b.start);
    inOrder.forEach((u, i) => {
      const next = inOrder[i + 1];
      if (u.status === 429 && next) assert.ok(next.start >= u.answered + u.retryAfter * 1000 - 50, `retried ${Math.round(next.start - u.answered)} ms after a 429 with Retry-After ${u.retryAfter}`);
    });
    const stats = await stack.loupe.get('/v1/stats');
    assert.ok(stats.drops.rate_limited >= refused.length, 'the refusals are counted by Loupe');
  } finally {
    await run.close();
  }
});
