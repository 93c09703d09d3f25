// XMLHttpRequest capture in real Chromium: every responseType still reads correctly in the page,
// and Loupe records method, url, status, the response type and the textual bodies.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { assertNoDuplicates, assertSameBehaviour, sessionEvents, sessionIdOf, startStack, waitForEvents } from '../harness/sdk-page.mjs';

let stack;
before(async () => (stack = await startStack()));
after(async () => stack?.stop());

// rt parameter → [path, response_type as recorded, content type, response_body as recorded or undefined].
const EXPECTED = {
  default: ['/api/text', 'text', 'text/plain', 'plain text body'],
  text: ['/api/text', 'text', 'text/plain', 'plain text body'],
  json: ['/api/json', 'json', 'application/json', '{"ok":true,"echo":null,"items":[1,2,3]}'],
  blob: ['/api/binary', 'blob', 'application/octet-stream', undefined],
  arraybuffer: ['/api/binary', 'arraybuffer', 'application/octet-stream', undefined],
  document: ['/api/xml', 'document', 'application/xml', undefined],
};

test('XHR with every responseType is recorded, and the page reads each response as before', async () => {
  const run = await assertSameBehaviour(stack.browser, `${stack.site.url}/sdk-xhr.html`);
  try {
    const sessionId = await sessionIdOf(run.page);
    const rtOf = (e) => new URL(e.data.url).searchParams.get('rt');
    const names = [...Object.keys(EXPECTED), 'large', 'post', 'fail', 'sync-fail'];
    const requests = await waitForEvents(
      stack.loupe,
      sessionId,
      (evs) => (names.every((n) => evs.some((e) => rtOf(e) === n)) ? evs : undefined),
      'a network.request event for each XHR',
      'type=network.request',
    );
    const only = (rt) => {
      const found = requests.filter((e) => rtOf(e) === rt);
      assert.equal(found.length, 1, `exactly one event for ${rt}`);
      assert.equal(found[0].data.initiator, 'xhr');
      assert.equal(found[0].source.event, 'xhr');
      return found[0].data;
    };

    for (const [rt, [path, responseType, contentType, body]] of Object.entries(EXPECTED)) {
      const d = only(rt);
      assert.equal(d.method, 'GET', rt);
      assert.equal(d.url, `${stack.site.url}${path}?rt=${rt}`);
      assert.equal(d.status, 200, rt);
      assert.equal(d.response_type, responseType, rt);
      assert.equal(d.content_type, contentType, rt);
      assert.equal(d.response_headers['content-type'], contentType, rt);
      assert.equal(d.response_body, body, rt);
      if (rt === 'blob' || rt === 'arraybuffer') assert.equal(d.response_body_size, 6, `${rt}: binary bodies as their size only`);
    }

    // Over the record limit (1 MB): the JSON text the SDK made again, cut to fit, with its size.
    const large = only('large');
    assert.equal(large.response_type, 'json');
    assert.match(large.response_body, /^\{"items":\[\{"id":0,"name":"item \\"0\\"","tags":\["a","b"\]\},\{"id":1,.*…\[truncated \d+ bytes\]$/s);
    assert.ok(large.response_body.length > 700_000, `cut to fit the record (its quotes escaped again), not further: ${large.response_body.length}`);
    assert.ok(large.response_body_size > 2_500_000, `the size received: ${large.response_body_size}`);

    const post = only('post');
    assert.equal(post.method, 'POST');
    assert.equal(post.request_body, '{"a":1}');
    assert.equal(post.request_headers['content-type'], 'application/json');
    assert.equal(JSON.parse(post.response_body).echo, '{"a":1}');

    const failed = only('fail');
    assert.equal(failed.error, 'network error');
    assert.equal(failed.status, 0);
    // A synchronous one fires no event; it is recorded as the asynchronous one is.
    const syncFailed = only('sync-fail');
    assert.equal(syncFailed.error, 'network error');
    assert.equal(syncFailed.status, 0);

    // Each with the browser's timing of it, which makes no network.resource of its own.
    assert.equal(post.protocol, 'http/1.1');
    assert.ok(post.timing.ttfb_ms >= 0, JSON.stringify(post.timing));
    const all = await sessionEvents(stack.loupe, sessionId);
    assert.deepEqual(all.filter((e) => e.type === 'network.resource' && e.data.initiator_type === 'xmlhttprequest'), []);
    assertNoDuplicates(all);
  } finally {
    await run.close();
  }
});
