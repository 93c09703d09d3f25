// The sessions list over more than one page: 20 rows a page, Next and Previous by cursor (every
// session seen exactly once), and the four sort orders, which must each reorder the whole list,
// not just the page on screen.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startLoupe } from '../harness/loupe.mjs';
import { launch } from '../harness/browser.mjs';
import { goToRoute, openSignedIn, saveScreenshot, waitForSessionRows } from '../harness/dashboard.mjs';
import { SECOND_US, eventAt, seedSession, waitUntilStored } from '../fixtures/seed.mjs';

const COUNT = 45;
let loupe;
let browser;
let page;

// Session i starts i minutes after t0 and is last active (2 × (45 − i)) minutes after its start,
// so starts increase with i while last activities decrease: each sort gives a different order.
const ids = Array.from({ length: COUNT }, (_, i) => `paging-${String(i).padStart(2, '0')}`);

before(async () => {
  loupe = await startLoupe();
  browser = await launch();
  const t0 = (Date.now() - 3 * 3600_000) * 1000;
  for (let i = 0; i < COUNT; i++) {
    const start = t0 + i * 60 * SECOND_US;
    await seedSession(loupe, {
      sessionId: ids[i],
      t0Us: start,
      events: [
        eventAt(start, 0, 'page.view', { url: `https://shop.example/p/${i}`, title: `Product ${i}` }),
        eventAt(start, 120 * (COUNT - i), 'console.log', { level: 'log', message: `still here ${i}` }),
      ],
    });
  }
  await waitUntilStored(loupe, ids[COUNT - 1], 2);
  await waitUntilStored(loupe, ids[0], 2);
  ({ page } = await openSignedIn(browser, loupe));
});

after(async () => {
  await browser?.close();
  await loupe?.stop();
});

/** Waits until the table shows exactly these sessions in this order, then checks the counter. */
async function expectPage(expectedIds, counter, pageNumber) {
  await waitForSessionRows(page, expectedIds);
  assert.equal(await page.getByTestId('sessions-total').textContent(), counter);
  assert.equal((await page.getByTestId('page-number').textContent()).trim(), `Page ${pageNumber}`);
}

const range = (from, to) => {
  const out = [];
  for (let i = from; from <= to ? i <= to : i >= to; i += from <= to ? 1 : -1) out.push(ids[i]);
  return out;
};

test('20 sessions a page; Next and Previous visit every session once, in order', async () => {
  await goToRoute(page, '#/sessions');
  await expectPage(range(44, 25), '1–20 of 45', 1);
  assert.equal(await page.getByTestId('page-prev').isDisabled(), true);
  await saveScreenshot(page, 'sessions-page-1');

  await page.getByTestId('page-next').click();
  await expectPage(range(24, 5), '21–40 of 45', 2);
  await page.getByTestId('page-next').click();
  await expectPage(range(4, 0), '41–45 of 45', 3);
  assert.equal(await page.getByTestId('page-next').isDisabled(), true, 'no page after the last');

  await page.getByTestId('page-prev').click();
  await expectPage(range(24, 5), '21–40 of 45', 2);
  await page.getByTestId('page-prev').click();
  await expectPage(range(44, 25), '1–20 of 45', 1);
});

test('each sort order reorders the whole list and starts again at page 1', async () => {
  await goToRoute(page, '#/sessions');
  await expectPage(range(44, 25), '1–20 of 45', 1);
  await page.getByTestId('page-next').click();
  await expectPage(range(24, 5), '21–40 of 45', 2);

  await page.getByTestId('filter-sort').selectOption('started_at');
  await expectPage(range(0, 19), '1–20 of 45', 1);
  await page.getByTestId('page-next').click();
  await expectPage(range(20, 39), '21–40 of 45', 2);

  // Last activity runs the other way round from the start.
  await page.getByTestId('filter-sort').selectOption('-last_activity_at');
  await expectPage(range(0, 19), '1–20 of 45', 1);
  await page.getByTestId('filter-sort').selectOption('last_activity_at');
  await expectPage(range(44, 25), '1–20 of 45', 1);
  await page.getByTestId('page-next').click();
  await page.getByTestId('page-next').click();
  await expectPage(range(4, 0), '41–45 of 45', 3);
  await saveScreenshot(page, 'sessions-sorted-by-last-activity-page-3');
});
