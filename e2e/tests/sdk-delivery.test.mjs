// Delivery in real Chromium: events still queued when the page is closed or navigated away from
// arrive (beacon on page hide), and so does what the page logs from its own pagehide and unload
// listeners after the SDK sent its queue; events spread over several batches arrive
// exactly once each, and events the page could not deliver (Loupe unreachable, or a body still in
// flight when the tab closed) are kept offline and arrive from the next page load, once even when a
// body is sent twice.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { eventually } from '../harness/loupe.mjs';
import { ARRIVAL_MS, assertNoDuplicates, flushSdk, openPage, pageVerdict, sessionEvents, sessionIdOf, startStack, waitForEvents } from '../harness/sdk-page.mjs';

let stack;
before(async () => (stack = await startStack()));
after(async () => stack?.stop());

/**
 * Waits until the session has `n` console events labelled `label` (and, with `unload`, the page's
 * `page.unload`, which may travel in a later body); asserts each index arrived exactly once.
 */
async function assertAllOnce(sessionId, label, n, { unload = false } = {}) {
  const labelled = (e) => e.category === 'console' && e.data.message.startsWith(`${label} `);
  const events = await waitForEvents(
    stack.loupe,
    sessionId,
    (evs) => (evs.filter(labelled).length >= n && (!unload || evs.some((e) => e.type === 'page.unload')) ? evs : undefined),
    `${n} '${label}' console events${unload ? ' and the page.unload' : ''}`,
  );
  const indices = events.filter(labelled).map((e) => e.data.args[1].i);
  assert.deepEqual(indices.toSorted((a, b) => a - b), Array.from({ length: n }, (_, i) => i), `each '${label}' event exactly once`);
  return events;
}

/** Opens the delivery page with events kept queued, and checks that nothing has been sent yet. */
async function openQueued(label) {
  const run = await openPage(stack.browser, `${stack.site.url}/sdk-queue.html?label=${label}&n=30`);
  assert.deepEqual((await pageVerdict(run.page)).failures, []);
  const sessionId = await sessionIdOf(run.page);
  assert.deepEqual(run.uploads, [], 'the events are still queued in the page');
  return { run, sessionId };
}

test('events queued when the page is closed arrive', async () => {
  const { run, sessionId } = await openQueued('closed');
  try {
    const closed = run.page.waitForEvent('close');
    // As a user closing the tab: unload handlers run (runBeforeUnload), then the page is gone.
    await run.page.close({ runBeforeUnload: true });
    await closed;
    // The unload itself is recorded too.
    await assertAllOnce(sessionId, 'closed', 30, { unload: true });
    assertNoDuplicates(await sessionEvents(stack.loupe, sessionId));
  } finally {
    // Only after the events arrived: closing the context could cancel requests still in flight.
    await run.close();
  }
});

test('events queued when the page navigates away arrive', async () => {
  const { run, sessionId } = await openQueued('navigated');
  try {
    await run.page.goto('about:blank');
    await assertAllOnce(sessionId, 'navigated', 30, { unload: true });
    // (Playwright reports no request events for what the page sends while it unloads, so the
    // arrival itself is the proof of the upload on page hide.)
    assertNoDuplicates(await sessionEvents(stack.loupe, sessionId));
  } finally {
    await run.close();
  }
});

test('what the page logs from its own pagehide and unload listeners, after the SDK sent its queue, arrives too', async () => {
  const run = await openPage(stack.browser, `${stack.site.url}/sdk-queue.html?label=leaving&n=30&late`);
  try {
    assert.deepEqual((await pageVerdict(run.page)).failures, []);
    const sessionId = await sessionIdOf(run.page);
    await run.page.goto('about:blank');
    const events = await assertAllOnce(sessionId, 'leaving', 30, { unload: true });
    const late = await eventually(async () => {
      const messages = (await sessionEvents(stack.loupe, sessionId, 'type=console.log')).map((e) => e.data.message).filter((m) => m.startsWith('leaving-late '));
      return messages.length == 2 && messages;
    }, { timeoutMs: ARRIVAL_MS, intervalMs: 250, message: 'the two messages logged as the page was left' });
    assert.deepEqual(late.toSorted(), ['leaving-late pagehide', 'leaving-late unload']);
    assertNoDuplicates(events);
  } finally {
    await run.close();
  }
});

/** Loupe's count of events it was sent again in a body it had appended (same batch id). */
async function duplicatesSent() {
  const text = await (await fetch(`${stack.loupe.baseUrl}/metrics`)).text();
  return Number(/^loupe_events_duplicate_total (\S+)$/m.exec(text)[1]);
}

test('a page left for another page of the site sends its queued events once, with no copy for the next page to send again', async () => {
  const { run, sessionId } = await openQueued('left');
  try {
    const before = await duplicatesSent();
    // The same tab on the same origin: the next page has the session and the offline queue.
    await run.page.goto(`${stack.site.url}/sdk-queue.html?label=next&n=1`);
    await assertAllOnce(sessionId, 'left', 30, { unload: true });
    await flushSdk(run.page);
    // The next page sends what it found offline before its own events: once its event is in, so
    // is any copy of the last page's body.
    await assertAllOnce(sessionId, 'next', 1);
    assert.equal(await duplicatesSent(), before, 'no body was sent twice');
  } finally {
    await run.close();
  }
});

test('events over several batches, the last sent on page hide, each arrive exactly once', async () => {
  const run = await openPage(stack.browser, `${stack.site.url}/sdk-batches.html?label=batch&n=65`);
  try {
    assert.deepEqual((await pageVerdict(run.page)).failures, []);
    const sessionId = await sessionIdOf(run.page);
    // Two batches sent by size (the page queued over 65 events); the rest go on page hide.
    await eventually(() => run.uploads.length >= 2, { timeoutMs: ARRIVAL_MS, message: 'two uploads by batch size' });
    await run.page.goto('about:blank');
    await assertAllOnce(sessionId, 'batch', 65);
    const all = await sessionEvents(stack.loupe, sessionId);
    assertNoDuplicates(all);
    assert.equal(all.filter((e) => e.type === 'session.start').length, 1, 'one session start');
  } finally {
    await run.close();
  }
});

test('events that could not be sent are kept offline and arrive from the next page load, once, even when a body is sent twice', async () => {
  const { run, sessionId } = await openQueued('offline');
  try {
    // Loupe unreachable: the upload fails and waits for its retry; leaving the page then beacons
    // what waits and keeps a copy of each in localStorage: the page cannot tell an outage from
    // the failure that leaving it gives the fetch in flight.
    let refused = 0;
    await run.context.route('**/v1/events**', (route) => (refused++, route.abort('connectionrefused')));
    // The route does not see beacons: in an outage a beacon is taken and lost, as here.
    await run.page.evaluate(() => (navigator.sendBeacon = () => true));
    await flushSdk(run.page);
    await eventually(() => refused > 0, { timeoutMs: ARRIVAL_MS, message: 'an upload attempted and refused' });
    // The same origin without the SDK: what the page kept is there, and nothing arrived.
    await run.page.goto(`${stack.site.url}/bench-overhead-bare.html`);
    const kept = await run.page.evaluate(() =>
      Object.keys(localStorage)
        .filter((k) => k.startsWith('loupe.offline.'))
        .map((k) => JSON.parse(localStorage.getItem(k))),
    );
    assert.ok(kept.length > 0, 'bodies kept offline');
    assert.ok(kept.reduce((n, c) => n + c.n, 0) >= 30, 'every queued event kept');
    assert.equal((await sessionEvents(stack.loupe, sessionId)).length, 0, 'nothing arrived during the outage');
    // Another tab loading at the same moment could take the same bodies and send them too: each
    // body's batch id makes Loupe append it once. Here each body is stored twice.
    await run.page.evaluate(() => {
      for (const k of Object.keys(localStorage).filter((k) => k.startsWith('loupe.offline.'))) localStorage.setItem(k + 'again', localStorage.getItem(k));
    });

    // Loupe is back; the next page with the SDK sends what was kept, and takes it out of storage.
    await run.context.unroute('**/v1/events**');
    const duplicates = [];
    run.page.on('response', async (r) => {
      if (new URL(r.url()).pathname === '/v1/events' && (await r.json().catch(() => ({}))).duplicate) duplicates.push(r.url());
    });
    await run.page.goto(`${stack.site.url}/sdk-queue.html?label=next&n=1`);
    // Every copy answered as a duplicate: all of them were sent before the events are counted.
    await eventually(() => duplicates.length === kept.length, { timeoutMs: ARRIVAL_MS, message: `${kept.length} bodies answered as duplicates` });
    // The unload of the first page too.
    await assertAllOnce(sessionId, 'offline', 30, { unload: true });
    assertNoDuplicates(await sessionEvents(stack.loupe, sessionId));
    assert.deepEqual(await run.page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('loupe.offline'))), []);
  } finally {
    await run.close();
  }
});

test('a body still in flight when the tab is closed arrives from the next page load, once', async () => {
  const { run, sessionId } = await openQueued('inflight');
  try {
    // Loupe receives the upload but its answer never comes: the tab is closed meanwhile.
    const held = [];
    let holding = true;
    await run.context.route('**/v1/events**', (route) => (holding ? held.push(route) : route.continue()));
    await flushSdk(run.page);
    await eventually(() => held.length > 0, { timeoutMs: ARRIVAL_MS, message: 'an upload in flight' });
    await run.page.close({ runBeforeUnload: true });
    holding = false;
    for (const route of held.splice(0)) await route.abort('connectionreset').catch(() => {});
    assert.equal((await sessionEvents(stack.loupe, sessionId)).length, 0, 'nothing arrived from the closed tab');

    // The next page of the site, in the same browser, sends the copy the closing page kept.
    const next = await run.context.newPage();
    await next.goto(`${stack.site.url}/sdk-queue.html?label=next&n=1`);
    await assertAllOnce(sessionId, 'inflight', 30);
    assertNoDuplicates(await sessionEvents(stack.loupe, sessionId));
  } finally {
    await run.close();
  }
});
