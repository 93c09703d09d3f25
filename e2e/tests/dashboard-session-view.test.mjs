// One session in the dashboard: its timeline holds every kind of entry recorded, filters by
// category and text, a request's detail pane shows headers, pretty-printed bodies and timing, an
// error's shows its parsed stack, and "Download HAR" saves a HAR of the session.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { artifactDir, goToRoute, saveScreenshot } from '../harness/dashboard.mjs';
import {
  ERROR_MESSAGE, ORDER_DURATION_MS, ORDER_REQUEST_BODY, ORDER_RESPONSE_BODY, WS_RECEIVED, WS_SENT, startShopDashboard,
} from '../fixtures/shop-sessions.mjs';

let stack;
let shop;
let page;

before(async () => {
  stack = await startShopDashboard();
  ({ shop, page } = stack);
  await goToRoute(page, `#/sessions/${shop.checkout.sessionId}`);
  await page.getByTestId('timeline').waitFor();
});

after(() => stack?.stop());

const rows = () => page.getByTestId('timeline-row');

function rowOfType(type, text) {
  const row = page.locator(`[data-testid="timeline-row"][data-type="${type}"]`);
  return text ? row.filter({ hasText: text }) : row;
}

async function shownTypes() {
  return page.$$eval('[data-testid="timeline-row"]', (rs) => rs.map((r) => r.dataset.type));
}

test('the timeline shows every entry of the session, in order, with waterfall bars for requests', async () => {
  const total = shop.checkout.eventCount;
  assert.equal(await page.getByTestId('timeline-count').textContent(), `${total} events`);
  assert.equal(await rows().count(), total);
  const types = await shownTypes();
  for (const type of ['session.start', 'page.view', 'performance.fcp', 'performance.lcp', 'performance.cls',
    'performance.inp', 'console.log', 'console.error', 'error.uncaught', 'network.request', 'websocket.open',
    'websocket.message', 'websocket.close', 'action.click', 'screenshot.capture']) {
    assert.ok(types.includes(type), `a ${type} row in ${types.join(', ')}`);
  }
  // Rows are in the order things began: the order request began at 3.1 s, before the error at 6 s.
  assert.ok(types.indexOf('session.start') < types.indexOf('page.view'));
  assert.ok(types.indexOf('network.request') < types.indexOf('error.uncaught'));
  assert.equal(types.at(-1), 'websocket.close');

  const order = rowOfType('network.request', '/api/recorded/orders');
  assert.match(await order.textContent(), /POST https:\/\/shop\.example\/api\/recorded\/orders\?view=full/);
  assert.match(await order.textContent(), /201/);
  assert.equal(await order.getByTestId('waterfall-bar').count(), 1, 'a request is drawn as a bar');
  assert.equal(await page.getByTestId('waterfall-bar').count(), 2, 'one bar per request');
  assert.match(await rowOfType('error.uncaught').textContent(), /TypeError: Cannot read properties/);
  assert.match(await rowOfType('websocket.message', 'sent').textContent(), /subscribe/);
  assert.match(await rowOfType('performance.lcp').textContent(), /LCP 1420 ms · good/);
  assert.match(await rowOfType('action.click').textContent(), /click \[data-testid=pay\] "Pay now"/);
  await saveScreenshot(page, 'session-view');
});

test('category chips and the text box filter the timeline', async () => {
  const total = shop.checkout.eventCount;
  await page.getByTestId('chip-network').click();
  await page.getByTestId('timeline-count').filter({ hasText: new RegExp(`^${total - 2} of ${total}$`) }).waitFor();
  assert.ok(!(await shownTypes()).includes('network.request'));
  await page.getByTestId('chip-network').click();
  await page.getByTestId('timeline-count').filter({ hasText: new RegExp(`^${total} events$`) }).waitFor();

  await page.getByTestId('timeline-filter-text').fill('widget');
  await page.getByTestId('timeline-count').filter({ hasText: new RegExp(`^1 of ${total}$`) }).waitFor();
  assert.deepEqual(await shownTypes(), ['console.error']);
  await page.getByTestId('timeline-filter-text').fill('');
  await page.getByTestId('timeline-count').filter({ hasText: new RegExp(`^${total} events$`) }).waitFor();
});

test("a request's detail pane shows its headers, pretty-printed bodies and timing", async () => {
  await rowOfType('network.request', '/api/recorded/orders').click();
  const pane = page.getByTestId('detail-pane');
  await pane.getByTestId('request-detail').waitFor();
  assert.equal(await pane.getAttribute('data-type'), 'network.request');
  assert.equal(await pane.getByTestId('request-url').textContent(), 'https://shop.example/api/recorded/orders?view=full');
  assert.equal(await pane.getByTestId('request-status').textContent(), '201 Created');
  const facts = await pane.getByTestId('request-facts').textContent();
  assert.match(facts, /MethodPOST/);
  assert.match(facts, /Protocolh2/);

  const requestHeaders = await pane.getByTestId('request-headers').locator('tr').allTextContents();
  assert.deepEqual(requestHeaders, ['content-typeapplication/json', 'x-request-idreq-7']);
  const responseHeaders = await pane.getByTestId('response-headers').locator('tr').allTextContents();
  assert.deepEqual(responseHeaders, ['content-typeapplication/json', 'x-recordedfrom-loupe']);

  // Bodies are shown indented, as JSON.stringify(…, null, 2) prints them.
  assert.equal(await pane.getByTestId('request-body').textContent(), JSON.stringify(JSON.parse(ORDER_REQUEST_BODY), null, 2));
  assert.equal(await pane.getByTestId('response-body').textContent(), JSON.stringify(JSON.parse(ORDER_RESPONSE_BODY), null, 2));

  const timing = await pane.getByTestId('request-timing').locator('tr').allTextContents();
  assert.deepEqual(timing, ['DNS12 ms', 'Connect30 ms', 'TLS18 ms', 'Waiting (TTFB)150 ms', 'Download20 ms', `Total${ORDER_DURATION_MS} ms`]);
  await saveScreenshot(page, 'request-detail');
});

test("an error's detail pane shows its message and parsed stack", async () => {
  await rowOfType('error.uncaught').click();
  const pane = page.getByTestId('detail-pane');
  await pane.getByTestId('error-detail').waitFor();
  assert.equal(await pane.getByTestId('error-message').textContent(), `TypeError: ${ERROR_MESSAGE}`);
  const frames = pane.getByTestId('stack-frame');
  assert.equal(await frames.count(), 2, 'the "TypeError: …" line is not a frame');
  assert.equal(await frames.nth(0).locator('.frame__fn').textContent(), 'renderSummary');
  assert.equal(await frames.nth(0).locator('.frame__loc').textContent(), 'https://shop.example/assets/checkout.js:120:17');
  assert.equal(await frames.nth(1).locator('.frame__fn').textContent(), 'submitOrder');
  assert.equal(await frames.nth(1).locator('.frame__loc').textContent(), 'https://shop.example/assets/checkout.js:88:5');
  await saveScreenshot(page, 'error-detail');
  await pane.getByTestId('detail-close').click();
  await page.locator('[data-testid="detail-pane"].detail--empty').waitFor();
});

test('Download HAR saves the session as a HAR 1.2 file', async () => {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('har-download').click()]);
  assert.equal(download.suggestedFilename(), `loupe-${shop.checkout.sessionId}.har`);
  const path = await download.path();
  await copyFile(path, join(artifactDir('downloads'), download.suggestedFilename()));
  const har = JSON.parse(await readFile(path, 'utf8'));

  assert.equal(har.log.version, '1.2');
  assert.deepEqual(har.log.pages.map((p) => p.title), ['Checkout']);
  const order = har.log.entries.find((e) => e.request.url === 'https://shop.example/api/recorded/orders?view=full');
  assert.ok(order, 'the order request is an entry');
  assert.equal(order.request.method, 'POST');
  assert.equal(order.request.postData.text, ORDER_REQUEST_BODY);
  assert.deepEqual(order.request.queryString, [{ name: 'view', value: 'full' }]);
  assert.equal(order.response.status, 201);
  assert.equal(order.response.content.text, ORDER_RESPONSE_BODY);
  assert.equal(order.time, ORDER_DURATION_MS);
  const socket = har.log.entries.find((e) => e._resourceType === 'websocket');
  assert.deepEqual(socket._webSocketMessages.map((m) => [m.type, m.data]), [['send', WS_SENT], ['receive', WS_RECEIVED]]);
});
