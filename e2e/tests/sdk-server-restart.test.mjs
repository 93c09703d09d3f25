// Loupe crashing under a page (kill -9) and coming back, in real Chromium: what it acknowledged
// before the crash is still there, what the page logged while it was down arrives once it is back,
// and nothing arrives twice.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { eventually, startLoupe } from '../harness/loupe.mjs';
import { ARRIVAL_MS, assertNoDuplicates, flushSdk, openPage, pageVerdict, sessionEvents, sessionIdOf, startStack } from '../harness/sdk-page.mjs';

let stack;
before(async () => (stack = await startStack()));
after(async () => stack?.stop());

const labelled = (events, label) => events.filter((e) => e.category === 'console' && e.data.message.startsWith(`${label} `));

test('events logged while Loupe was down arrive once it is back, and acknowledged ones survive its crash', async () => {
  // The queue page sends only when asked (flush) or on page hide.
  const run = await openPage(stack.browser, `${stack.site.url}/sdk-queue.html?label=before&n=20`);
  let refused = 0;
  run.page.on('requestfailed', (r) => new URL(r.url()).pathname === '/v1/events' && refused++);
  try {
    assert.deepEqual((await pageVerdict(run.page)).failures, []);
    const sessionId = await sessionIdOf(run.page);
    await flushSdk(run.page);
    await eventually(async () => labelled(await sessionEvents(stack.loupe, sessionId), 'before').length === 20, { timeoutMs: ARRIVAL_MS, message: 'the first 20 events acknowledged' });

    const { dataDir } = stack.loupe;
    const port = Number(new URL(stack.loupe.baseUrl).port);
    await stack.loupe.kill();
    // The page goes on while Loupe is down: its upload fails, and the SDK waits to retry.
    await run.page.evaluate(() => {
      for (let i = 0; i < 20; i++) console.log(`during ${i}`, { i });
      window.loupe.flush();
    });
    await eventually(() => refused > 0, { timeoutMs: ARRIVAL_MS, message: 'an upload refused while Loupe is down' });

    stack.loupe = await startLoupe([], { dataDir, port });
    const events = await eventually(
      async () => {
        const evs = await sessionEvents(stack.loupe, sessionId);
        if (labelled(evs, 'during').length >= 20) return evs;
        // Had the SDK spent its retries while Loupe was down, the body waits offline for the
        // page's next chance: the browser coming online, the page becoming visible or the next
        // page load. Here, the first.
        if (await run.page.evaluate(() => Object.keys(localStorage).some((k) => k.startsWith('loupe.offline')))) await run.page.evaluate(() => dispatchEvent(new Event('online')));
        return undefined;
      },
      { timeoutMs: ARRIVAL_MS * 2, intervalMs: 500, message: "the 20 events logged while Loupe was down" },
    );
    // Acknowledged before the crash: all there after it (the log fsyncs before acknowledging).
    assert.deepEqual(labelled(events, 'before').map((e) => e.data.args[1].i).toSorted((a, b) => a - b), Array.from({ length: 20 }, (_, i) => i));
    assert.deepEqual(labelled(events, 'during').map((e) => e.data.args[1].i).toSorted((a, b) => a - b), Array.from({ length: 20 }, (_, i) => i));
    assertNoDuplicates(events);
  } finally {
    await run.close();
  }
});
