// The sessions list over seeded data: the summary of each session, the filters (has errors, URL,
// user) as a person uses them, and opening a session from the list.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { goToRoute, saveScreenshot, waitForSessionRows } from '../harness/dashboard.mjs';
import { startShopDashboard } from '../fixtures/shop-sessions.mjs';

let stack;
let shop;
let page;

before(async () => {
  stack = await startShopDashboard();
  ({ shop, page } = stack);
});

after(() => stack?.stop());

/** Waits until the list shows exactly these sessions, in this order (the default sort). */
function waitForRows(expected) {
  return waitForSessionRows(page, expected.map((s) => s.sessionId));
}

function row(session) {
  return page.locator(`[data-testid="session-row"][data-session-id="${session.sessionId}"]`);
}

test('the list shows every seeded session, newest first, with its summary', async () => {
  await goToRoute(page, '#/sessions');
  await waitForRows([shop.blog, shop.browse, shop.checkout]);
  assert.equal(await page.getByTestId('sessions-total').textContent(), '1–3 of 3');

  // Columns: Started, Duration, User, Pages, Events, Errors, Browser · OS · Device, Entry page, Last activity.
  const [, duration, user, pages, events, errors, platform, entry] = await row(shop.checkout).locator('td').allTextContents();
  assert.equal(duration, '8.00 s', 'from session.start to the WebSocket close');
  assert.equal(user, 'user-alice');
  assert.equal(pages, '1');
  assert.equal(events, String(shop.checkout.eventCount));
  assert.equal(errors, '2', 'console.error and error.uncaught');
  assert.equal(platform, 'Chrome · Linux · desktop');
  assert.equal(entry, 'https://shop.example/checkout');
  const blog = await row(shop.blog).locator('td').allTextContents();
  assert.equal(blog[2], 'anonymous');
  assert.equal(blog[5], '0');
  assert.equal(blog[6], 'Chrome · Linux · mobile');
  await saveScreenshot(page, 'sessions-list');
});

test('"with errors" shows only the session that had errors, "without" the others', async () => {
  await goToRoute(page, '#/sessions');
  await waitForRows([shop.blog, shop.browse, shop.checkout]);
  await page.getByTestId('filter-has-errors').selectOption('with');
  await waitForRows([shop.checkout]);
  assert.match(page.url(), /errors=with/, 'the filter is kept in the address (linkable)');
  await saveScreenshot(page, 'sessions-filter-errors');
  await page.getByTestId('filter-has-errors').selectOption('without');
  await waitForRows([shop.blog, shop.browse]);
});

test('the URL filter keeps sessions whose pages contain the text', async () => {
  await goToRoute(page, '#/sessions');
  await page.getByTestId('filter-url').fill('/products');
  await waitForRows([shop.browse]);
  await page.getByTestId('filter-url').fill('/blog/');
  await waitForRows([shop.blog]);
  await page.getByTestId('filter-url').fill('/nowhere');
  await page.getByTestId('empty-state').filter({ hasText: 'No sessions match these filters' }).waitFor();
  await saveScreenshot(page, 'sessions-filter-no-match');
});

test('the user filter keeps that user\'s sessions; clearing the filters shows all again', async () => {
  await goToRoute(page, '#/sessions');
  await page.getByTestId('filter-user').fill('user-bob');
  await waitForRows([shop.browse]);
  await page.getByTestId('filter-has-errors').selectOption('with');
  await page.getByTestId('empty-state').filter({ hasText: 'No sessions match these filters' }).waitFor();
  await page.getByTestId('filter-clear').click();
  await waitForRows([shop.blog, shop.browse, shop.checkout]);
});

test('clicking a session opens its view', async () => {
  await goToRoute(page, '#/sessions');
  await waitForRows([shop.blog, shop.browse, shop.checkout]);
  await row(shop.checkout).getByTestId('session-link').click();
  const view = page.getByTestId('session-view');
  await view.waitFor();
  assert.equal(await view.getAttribute('data-session-id'), shop.checkout.sessionId);
  assert.equal(await page.getByTestId('session-title').textContent(), shop.checkout.sessionId);
  const facts = await page.getByTestId('session-facts').textContent();
  assert.match(facts, /user-alice/);
  assert.match(facts, /1280×720/);
  await page.getByTestId('back-to-sessions').click();
  await waitForRows([shop.blog, shop.browse, shop.checkout]);
});
