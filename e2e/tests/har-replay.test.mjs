// A round trip through a real HAR consumer: the HAR Loupe exports for a session is given to
// Playwright's routeFromHAR in Chromium, and a page that fetches the recorded URLs gets the
// recorded statuses, headers and bodies. The URLs are on a live test site that does not serve
// them (it answers 404), so a right answer can only have come from the HAR.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startLoupe, ADMIN_KEY } from '../harness/loupe.mjs';
import { startSite } from '../harness/site.mjs';
import { launch } from '../harness/browser.mjs';
import { artifactDir } from '../harness/dashboard.mjs';
import { CART_RESPONSE_BODY, ORDER_REQUEST_BODY, ORDER_RESPONSE_BODY, seedShop } from '../fixtures/shop-sessions.mjs';

let loupe;
let site;
let browser;
let shop;
let harFile;

before(async () => {
  loupe = await startLoupe();
  site = await startSite({ loupeUrl: loupe.baseUrl });
  browser = await launch();
  shop = await seedShop(loupe, browser, { origin: site.url });
  const res = await fetch(`${loupe.baseUrl}/v1/sessions/${shop.checkout.sessionId}/har`, { headers: { Authorization: `Bearer ${ADMIN_KEY}` } });
  assert.equal(res.status, 200);
  harFile = join(artifactDir('har'), 'checkout-for-replay.har');
  await writeFile(harFile, await res.text());
});

after(async () => {
  await browser?.close();
  await site?.stop();
  await loupe?.stop();
});

/** In the page: fetches `url` and returns what came back. */
function fetchInPage(page, url, init) {
  return page.evaluate(async ({ url: u, init: i }) => {
    const res = await fetch(u, i);
    return { status: res.status, statusText: res.statusText, recorded: res.headers.get('x-recorded'), contentType: res.headers.get('content-type'), body: await res.text() };
  }, { url, init });
}

test('without the HAR the site does not serve the recorded URLs', async () => {
  const page = await browser.newPage();
  await page.goto(`${site.url}/api/text`);
  const live = await fetchInPage(page, `${site.url}/api/recorded/cart`);
  assert.equal(live.status, 404);
  await page.close();
});

test('Playwright replays recorded requests from the exported HAR', async () => {
  const context = await browser.newContext();
  // Only the recorded API is served from the HAR; anything else that is not in it is refused.
  await context.routeFromHAR(harFile, { url: '**/api/recorded/**', notFound: 'abort' });
  const page = await context.newPage();
  await page.goto(`${site.url}/api/text`); // any page of the site's origin, to fetch from

  const cart = await fetchInPage(page, `${site.url}/api/recorded/cart`);
  assert.deepEqual(cart, { status: 200, statusText: 'OK', recorded: 'cart', contentType: 'application/json', body: CART_RESPONSE_BODY });

  const order = await fetchInPage(page, `${site.url}/api/recorded/orders?view=full`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: ORDER_REQUEST_BODY,
  });
  assert.deepEqual(order, { status: 201, statusText: 'Created', recorded: 'from-loupe', contentType: 'application/json', body: ORDER_RESPONSE_BODY });

  // A URL the session never requested is not in the HAR.
  await assert.rejects(fetchInPage(page, `${site.url}/api/recorded/never`), /Failed to fetch/);
  await context.close();
});
