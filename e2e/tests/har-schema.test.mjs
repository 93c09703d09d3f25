// The HAR the server exports validates against the HAR 1.2 JSON schema and keeps the HAR 1.2
// rules the schema leaves out, for a session with pages, requests (bodies, timing) and a
// WebSocket (`_webSocketMessages`), for sessions with fewer kinds of events, and across sessions.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startLoupe, ADMIN_KEY } from '../harness/loupe.mjs';
import { launch } from '../harness/browser.mjs';
import { artifactDir } from '../harness/dashboard.mjs';
import { harSchemaErrors, harSpecProblems } from '../harness/har.mjs';
import { ORDER_REQUEST_BODY, ORDER_RESPONSE_BODY, WS_RECEIVED, WS_SENT, seedShop } from '../fixtures/shop-sessions.mjs';

let loupe;
let browser;
let shop;

before(async () => {
  loupe = await startLoupe();
  browser = await launch();
  shop = await seedShop(loupe, browser);
});

after(async () => {
  await browser?.close();
  await loupe?.stop();
});

/** GETs a HAR from the read API, keeps it as an artifact, and returns it parsed. */
async function exportHar(path, artifactName) {
  const res = await fetch(loupe.baseUrl + path, { headers: { Authorization: `Bearer ${ADMIN_KEY}` } });
  const text = await res.text();
  assert.equal(res.status, 200, text);
  assert.match(res.headers.get('content-type'), /^application\/json/);
  assert.match(res.headers.get('content-disposition'), /^attachment; filename="loupe.*\.har"$/);
  await writeFile(join(artifactDir('har'), artifactName), text);
  return JSON.parse(text);
}

function assertValid(har, what) {
  assert.deepEqual(harSchemaErrors(har), [], `${what} validates against the HAR 1.2 schema`);
  assert.deepEqual(harSpecProblems(har), [], `${what} keeps the HAR 1.2 rules`);
}

test('the validator is not vacuous: it finds what is wrong in a broken HAR', async () => {
  const har = await exportHar(`/v1/sessions/${shop.checkout.sessionId}/har`, 'checkout.har');
  const broken = structuredClone(har);
  delete broken.log.entries[0].response.status;
  broken.log.entries[0].startedDateTime = 'yesterday';
  broken.log.entries[0].time = 1;
  const errors = harSchemaErrors(broken);
  assert.ok(errors.some((e) => e.includes("'status'")), errors.join('\n'));
  assert.ok(errors.some((e) => e.includes('startedDateTime')), errors.join('\n'));
  assert.ok(harSpecProblems(broken).some((p) => p.includes('.time = 1')));
});

test("a session's HAR, with pages, requests and a WebSocket, is valid HAR 1.2", async () => {
  const har = await exportHar(`/v1/sessions/${shop.checkout.sessionId}/har`, 'checkout.har');
  assertValid(har, 'the checkout HAR');
  assert.equal(har.log.version, '1.2');
  assert.equal(har.log.creator.name, 'Loupe');

  assert.equal(har.log.pages.length, 1);
  const [page] = har.log.pages;
  assert.equal(page.title, 'Checkout');
  assert.equal(Date.parse(page.startedDateTime), (shop.checkout.t0Us + 50_000) / 1000);

  assert.equal(har.log.entries.length, 3, 'two requests and one WebSocket');
  for (const entry of har.log.entries) assert.equal(entry.pageref, page.id);

  const order = har.log.entries.find((e) => e.request.method === 'POST');
  assert.equal(order.request.url, 'https://shop.example/api/recorded/orders?view=full');
  assert.deepEqual(order.request.headers, [{ name: 'content-type', value: 'application/json' }, { name: 'x-request-id', value: 'req-7' }]);
  assert.deepEqual(order.request.postData, { mimeType: 'application/json', text: ORDER_REQUEST_BODY, params: [] });
  assert.equal(order.request.httpVersion, 'HTTP/2.0');
  assert.equal(order.response.status, 201);
  assert.equal(order.response.statusText, 'Created');
  assert.deepEqual(order.response.content, { size: ORDER_RESPONSE_BODY.length, mimeType: 'application/json', text: ORDER_RESPONSE_BODY });
  // Phases from the request's own timing; blocked is what the measured phases leave of the duration.
  assert.deepEqual(order.timings, { blocked: 28, dns: 12, connect: 30, send: 0, wait: 150, receive: 20, ssl: 18 });
  assert.equal(Date.parse(order.startedDateTime), (shop.checkout.t0Us + 3_100_000) / 1000, 'when the request began');

  const socket = har.log.entries.find((e) => e._resourceType === 'websocket');
  assert.equal(socket.request.url, 'wss://push.shop.example/live');
  assert.equal(socket.response.status, 101);
  assert.deepEqual(socket._webSocketMessages.map(({ type, opcode, data }) => ({ type, opcode, data })), [
    { type: 'send', opcode: 1, data: WS_SENT },
    { type: 'receive', opcode: 1, data: WS_RECEIVED },
  ]);
  assert.equal(socket._webSocketMessages[0].time, (shop.checkout.t0Us + 2_200_000) / 1e6, 'seconds since the epoch, as Chrome writes it');
});

test('a time range narrows a session\'s HAR to what happened in it', async () => {
  const { sessionId, t0Us } = shop.checkout;
  const har = await exportHar(`/v1/sessions/${sessionId}/har?from=${t0Us}&to=${t0Us + 1_900_000}`, 'checkout-first-2s.har');
  assertValid(har, 'the narrowed HAR');
  assert.deepEqual(har.log.entries.map((e) => e.request.url), ['https://shop.example/api/recorded/cart']);
  assert.deepEqual(har.log.pages.map((p) => p.title), ['Checkout']);
});

test('HARs of sessions without requests or timing, and across sessions, are valid too', async () => {
  const browse = await exportHar(`/v1/sessions/${shop.browse.sessionId}/har`, 'browse.har');
  assertValid(browse, 'the browse HAR');
  assert.equal(browse.log.entries.length, 1);
  assert.deepEqual(browse.log.entries[0].request.queryString, [{ name: 'category', value: 'lamps' }]);

  const blog = await exportHar(`/v1/sessions/${shop.blog.sessionId}/har`, 'blog.har');
  assertValid(blog, 'the blog HAR');
  assert.equal(blog.log.entries.length, 0);
  assert.equal(blog.log.pages.length, 1);

  const from = shop.checkout.t0Us - 1_000_000;
  const to = Date.now() * 1000;
  const all = await exportHar(`/v1/har?from=${from}&to=${to}`, 'all.har');
  assertValid(all, 'the HAR across sessions');
  assert.equal(all.log.pages.length, 3);
  assert.equal(all.log.entries.length, 4);
  // The browse session's page opened while the checkout was still going: each entry still belongs
  // to the page of its own session.
  const titleOf = new Map(all.log.pages.map((p) => [p.id, p.title]));
  const pageOfEntry = Object.fromEntries(all.log.entries.map((e) => [new URL(e.request.url).pathname, titleOf.get(e.pageref)]));
  assert.deepEqual(pageOfEntry, {
    '/api/recorded/cart': 'Checkout', '/api/recorded/orders': 'Checkout', '/live': 'Checkout', '/api/recorded/products': 'Lamps',
  });
});
