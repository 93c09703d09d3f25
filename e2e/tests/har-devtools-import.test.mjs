// The exported HAR through Chromium DevTools' own HAR importer: the DevTools front end that
// Debian's Chromium serves on its remote-debugging port, loaded in the browser, parses the file
// with the same code the Network panel's "Import HAR file" runs (HARFormat.HARRoot validates,
// Importer.requestsFromHARLog builds the panel's requests). What it rebuilds must match the HAR.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startLoupe, ADMIN_KEY } from '../harness/loupe.mjs';
import { launchWithDevToolsFrontend } from '../harness/browser.mjs';
import { WS_RECEIVED, WS_SENT, seedShop } from '../fixtures/shop-sessions.mjs';

let loupe;
let browser;
let devtools;
let shop;

before(async () => {
  loupe = await startLoupe();
  ({ browser, devtools } = await launchWithDevToolsFrontend());
  shop = await seedShop(loupe, browser);
});

after(async () => {
  await browser?.close();
  await loupe?.stop();
});

async function exportedHar(path) {
  const res = await fetch(loupe.baseUrl + path, { headers: { Authorization: `Bearer ${ADMIN_KEY}` } });
  assert.equal(res.status, 200);
  return res.json();
}

/** Runs DevTools' HAR import on `har` in a page of the DevTools origin; returns what it built. */
async function importInDevTools(har) {
  const page = await browser.newPage();
  try {
    // Any document of the front end's origin, so that the module and its imports resolve.
    await page.goto(`${devtools}/devtools/models/har/har.js`);
    return await page.evaluate(async (h) => {
      const HAR = await import('/devtools/models/har/har.js');
      const root = new HAR.HARFormat.HARRoot(h);
      return HAR.Importer.Importer.requestsFromHARLog(root.log).map((r) => ({
        url: r.url(),
        method: r.requestMethod,
        status: r.statusCode,
        type: r.resourceType().name(),
        mimeType: r.mimeType,
        requestHeaders: r.requestHeaders().map((x) => x.name.toLowerCase()).sort(),
        responseHeaders: r.responseHeaders.map((x) => x.name.toLowerCase()).sort(),
        frames: r.frames().map((f) => ({ type: f.type, text: f.text })),
      }));
    }, har);
  } finally {
    await page.close();
  }
}

test("a session's HAR imports into DevTools with every request, header and WebSocket frame", async () => {
  const har = await exportedHar(`/v1/sessions/${shop.checkout.sessionId}/har`);
  const imported = await importInDevTools(har);

  assert.equal(imported.length, har.log.entries.length, 'one DevTools request per HAR entry');
  for (const entry of har.log.entries) {
    // DevTools orders what it imports by its own rules (start time, then type): match by request.
    const r = imported.find((x) => x.url === entry.request.url && x.method === entry.request.method);
    assert.ok(r, `${entry.request.method} ${entry.request.url} imported`);
    assert.equal(r.status, entry.response.status);
    assert.deepEqual(r.requestHeaders, entry.request.headers.map((h) => h.name.toLowerCase()).sort());
    assert.deepEqual(r.responseHeaders, entry.response.headers.map((h) => h.name.toLowerCase()).sort());
  }
  const ws = imported.find((r) => r.type === 'websocket');
  assert.ok(ws, 'the WebSocket connection is a websocket request in DevTools');
  assert.deepEqual(ws.frames.map((f) => f.text), [WS_SENT, WS_RECEIVED]);
  assert.deepEqual(ws.frames.map((f) => f.type), ['send', 'receive']);
  assert.ok(imported.some((r) => r.method === 'POST' && r.status === 201), 'the order POST is there');
});

test('the HAR across sessions imports into DevTools too', async () => {
  const from = shop.checkout.t0Us - 1_000_000;
  const har = await exportedHar(`/v1/har?from=${from}&to=${Date.now() * 1000}`);
  const imported = await importInDevTools(har);
  assert.equal(imported.length, har.log.entries.length);
  assert.ok(imported.length >= 3);
});

test('control: the importer refuses a HAR whose entry lacks its request', async () => {
  const har = await exportedHar(`/v1/sessions/${shop.checkout.sessionId}/har`);
  delete har.log.entries[0].request;
  await assert.rejects(importInDevTools(har), /expected to be an object/);
});
