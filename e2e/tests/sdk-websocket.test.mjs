// WebSocket capture in real Chromium against the site's echo server: open, messages both ways
// (text with a preview, binary as its size only) and the close with its code and reason.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { assertNoDuplicates, assertSameBehaviour, sessionIdOf, startStack, waitForEvents } from '../harness/sdk-page.mjs';

let stack;
before(async () => (stack = await startStack()));
after(async () => stack?.stop());

test('a WebSocket echo conversation is recorded, and the socket behaves natively', async () => {
  const run = await assertSameBehaviour(stack.browser, `${stack.site.url}/sdk-websocket.html`);
  try {
    assert.deepEqual(run.verdict.observed.native, { instance: true, OPEN: 1, CLOSED: 3, name: 'WebSocket' });
    const sessionId = await sessionIdOf(run.page);
    const events = await waitForEvents(
      stack.loupe,
      sessionId,
      (evs) => (evs.some((e) => e.type === 'websocket.close') && evs.filter((e) => e.type === 'websocket.message').length >= 4 ? evs : undefined),
      'open, four messages and close',
      'category=websocket',
    );
    const url = `ws://${new URL(stack.site.url).host}/ws/echo`;
    const ids = new Set(events.map((e) => e.data.connection_id));
    assert.equal(ids.size, 1, 'one connection id for the whole conversation');
    for (const e of events) assert.equal(e.data.url, url);

    const types = events.map((e) => e.type);
    assert.deepEqual(types, ['websocket.open', 'websocket.message', 'websocket.message', 'websocket.message', 'websocket.message', 'websocket.close']);
    assert.equal(events[0].data.protocol, '');

    const messages = events.filter((e) => e.type === 'websocket.message').map((e) => {
      const { direction, size, binary, preview } = e.data;
      return { direction, size, binary, preview };
    });
    assert.deepEqual(messages, [
      { direction: 'sent', size: 10, binary: false, preview: 'hello echo' },
      { direction: 'received', size: 10, binary: false, preview: 'hello echo' },
      { direction: 'sent', size: 5, binary: true, preview: undefined },
      { direction: 'received', size: 5, binary: true, preview: undefined },
    ]);
    assert.deepEqual(events.slice(1, 5).map((e) => e.source.event), ['send', 'message', 'send', 'message']);

    const close = events.at(-1).data;
    assert.equal(close.code, 4001);
    assert.equal(close.reason, 'test done');
    assert.equal(close.was_clean, true);
    assertNoDuplicates(events);
  } finally {
    await run.close();
  }
});
