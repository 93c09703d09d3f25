// fetch capture in real Chromium: JSON bodies, a streamed response the page still reads itself,
// a response over the record limit (kept with its body cut), a network failure and an abort (the
// page seeing the same exceptions), and never the SDK's own uploads to Loupe.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { assertNoDuplicates, assertNoOwnUploads, assertSameBehaviour, sessionEvents, sessionIdOf, startStack, waitForEvents } from '../harness/sdk-page.mjs';

let stack;
before(async () => (stack = await startStack()));
after(async () => stack?.stop());

const CASES = ['json', 'stream', 'large', 'fail', 'abort', 'request', 'redirect'];

test('fetches are recorded with bodies, failures and aborts, and the page gets the same results', async () => {
  const run = await assertSameBehaviour(stack.browser, `${stack.site.url}/sdk-fetch.html`);
  try {
    const { observed } = run.verdict;
    assert.equal(observed.failed.type, 'TypeError');
    assert.equal(observed.aborted.name, 'AbortError');

    const sessionId = await sessionIdOf(run.page);
    const caseOf = (e) => new URL(e.data.url).searchParams.get('case');
    const requests = await waitForEvents(
      stack.loupe,
      sessionId,
      (evs) => (CASES.every((c) => evs.some((e) => caseOf(e) === c)) ? evs : undefined),
      'a network.request event for each fetch',
      'type=network.request',
    );
    const only = (c) => {
      const found = requests.filter((e) => caseOf(e) === c);
      assert.equal(found.length, 1, `exactly one event for ${c}`);
      assert.equal(found[0].data.initiator, 'fetch');
      assert.equal(found[0].source.event, 'fetch');
      assert.ok(found[0].data.duration_ms >= 0);
      return found[0];
    };

    const json = only('json');
    assert.equal(json.detail_level, 'verbose', 'an event with bodies is verbose');
    assert.equal(json.data.method, 'POST');
    assert.equal(json.data.url, `${stack.site.url}/api/json?case=json`);
    assert.equal(json.data.status, 200);
    assert.equal(json.data.request_headers['content-type'], 'application/json');
    assert.equal(json.data.request_body, '{"item":"book","qty":2}');
    assert.equal(json.data.request_body_size, 23);
    assert.equal(json.data.response_headers['content-type'], 'application/json');
    assert.deepEqual(JSON.parse(json.data.response_body), { ok: true, echo: '{"item":"book","qty":2}', items: [1, 2, 3] });

    const stream = only('stream');
    assert.equal(stream.data.status, 200);
    assert.equal(stream.data.response_body, 'chunk 0\nchunk 1\nchunk 2\nchunk 3\nchunk 4\n');
    assert.equal(stream.data.response_body_size, 40);

    // Over the record limit (1 MB): the request is kept, with its body cut to fit, not dropped
    // by the SDK nor emptied by the server.
    const large = only('large');
    assert.equal(large.data.status, 200);
    assert.notEqual(large.truncated, true);
    assert.ok(large.data.response_body_size > 2_500_000, `the size is the whole body's: ${large.data.response_body_size}`);
    assert.match(large.data.response_body, /^\{"items":\[\{"id":0,"name":"item \\"0\\""/);
    assert.match(large.data.response_body, /…\[truncated \d+ bytes\]$/);
    assert.ok(Buffer.byteLength(large.data.response_body) < 1 << 20);

    const failed = only('fail');
    assert.equal(failed.data.status, undefined);
    assert.equal(failed.data.error, observed.failed.message, 'the error recorded is the one the page got');
    assert.equal(failed.data.aborted, undefined);

    const aborted = only('abort');
    assert.equal(aborted.data.aborted, true);
    assert.equal(aborted.data.error, observed.aborted.message);
    assert.equal(aborted.data.status, undefined);

    const viaRequest = only('request');
    assert.equal(viaRequest.data.method, 'GET');
    assert.equal(viaRequest.data.status, 200);
    assert.equal(viaRequest.data.response_body, 'plain text body');
    assert.equal(viaRequest.data.final_url, undefined, 'no final_url where the response is the one requested');

    // A redirect: the URL requested, and the one whose response the page got.
    const redirect = only('redirect');
    assert.equal(observed.redirect.text, 'plain text body');
    assert.equal(redirect.data.url, `${stack.site.url}/api/redirect?case=redirect#top`);
    assert.equal(redirect.data.final_url, `${stack.site.url}/api/text?landed=1`);
    assert.equal(redirect.data.final_url, observed.redirect.url);
    assert.equal(redirect.data.status, 200);
    assert.equal(json.data.final_url, undefined);

    // Each request is one event: the browser's timing entry of it went into it (its phases and
    // protocol), and made no network.resource of its own; neither includes the SDK's uploads,
    // although the page certainly made some.
    assert.equal(json.data.protocol, 'http/1.1');
    assert.ok(json.data.timing.ttfb_ms >= 0 && json.data.timing.download_ms >= 0, JSON.stringify(json.data.timing));
    assert.ok(json.data.encoded_body_size > 0);
    // A failed one has an entry too (Chromium makes one), without phases.
    assert.equal(failed.data.timing, undefined);
    assert.ok(run.uploads.length > 0, 'the SDK uploaded to Loupe');
    const all = await sessionEvents(stack.loupe, sessionId);
    const duplicated = all.filter((e) => e.type === 'network.resource' && e.data.initiator_type === 'fetch' && requests.some((r) => r.data.url === e.data.url));
    assert.deepEqual(duplicated, [], 'no network.resource for a recorded request');
    assert.ok(all.some((e) => e.type === 'network.resource' && e.data.initiator_type === 'script'), 'other resources still have theirs');
    assertNoOwnUploads(all, stack.loupe.baseUrl);
    assertNoDuplicates(all);
  } finally {
    await run.close();
  }
});
