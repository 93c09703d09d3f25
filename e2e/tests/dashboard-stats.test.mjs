// The statistics page over a server that has taken events: ingest rate (number and, after the next
// poll, the chart), buffers per category, the store, drops and disk are rendered with real values.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startLoupe, eventually } from '../harness/loupe.mjs';
import { launch } from '../harness/browser.mjs';
import { goToRoute, openSignedIn, saveScreenshot } from '../harness/dashboard.mjs';

const EVENTS = 50;

let loupe;
let browser;
let page;

before(async () => {
  loupe = await startLoupe();
  browser = await launch();
  const now = Date.now() * 1000;
  await loupe.ingest(Array.from({ length: EVENTS }, (_, i) => ({
    ts: now - (EVENTS - i) * 1000, type: i % 5 === 0 ? 'console.error' : 'console.log', session_id: 'stats-session',
    data: { message: `event ${i}`, args: [`event ${i}`] },
  })));
  await eventually(async () => (await loupe.get('/v1/stats')).store.lag === 0, { message: 'the store caught up' });
  ({ page } = await openSignedIn(browser, loupe));
});

after(async () => {
  await browser?.close();
  await loupe?.stop();
});

test('the statistics page renders ingest, buffers, store, drops and disk', async () => {
  await goToRoute(page, '#/stats');
  await page.getByTestId('stats-ingest-rate').waitFor();

  const ingest = await page.getByTestId('stats-ingest').textContent();
  assert.match(ingest, new RegExp(`(^|\\D)${EVENTS} accepted since start`));

  const consoleBuffer = page.locator('[data-testid="buffer-row"][data-category="console"]');
  await consoleBuffer.waitFor();
  assert.equal(await consoleBuffer.getAttribute('data-warn'), 'false', 'a few events are far from the 80 % mark');
  assert.equal(await page.getByTestId('buffers-warning').count(), 0);

  assert.match(await page.getByTestId('store-lag').textContent(), /^0\b/);
  assert.match(await page.getByTestId('stats-store').textContent(), /sqlite|memory|postgres/i);
  assert.ok(await page.getByTestId('disk-row').count() > 0, 'disk use is listed');
  await page.getByTestId('stats-drops').waitFor();

  // One point per poll (every 5 s): after the second the chart draws the rate over time as a line.
  await page.locator('[data-testid="stats-ingest-chart"]').waitFor();
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="stats-ingest-chart"]').dataset.points) >= 2,
    null, { timeout: 15_000 });
  assert.equal(await page.locator('[data-testid="stats-ingest-chart"] polyline.chart__line').count(), 1);
  await saveScreenshot(page, 'stats');
});
