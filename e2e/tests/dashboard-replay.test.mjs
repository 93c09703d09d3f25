// The replay player of a session with screenshots: the images are laid on the session's time
// axis, play moves the playhead at the chosen speed and highlights the current event in the
// timeline, pause stops it, and the end of the session stops it by itself.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { goToRoute, saveScreenshot } from '../harness/dashboard.mjs';
import { SCREENSHOT_SIZE } from '../fixtures/images.mjs';
import { startShopDashboard } from '../fixtures/shop-sessions.mjs';

let stack;
let shop;
let page;

before(async () => {
  stack = await startShopDashboard();
  ({ shop, page } = stack);
  await goToRoute(page, `#/sessions/${shop.checkout.sessionId}`);
  await page.getByTestId('replay').waitFor();
});

after(() => stack?.stop());

const playButton = () => page.getByTestId('replay-play');
const seekBar = () => page.getByTestId('replay-seek');

/** The playhead in ms (the seek bar's value). */
async function position() {
  return Number(await seekBar().inputValue());
}

/** The highlighted row and the player's "now" label, read in one go so they belong together. */
function current() {
  return page.evaluate(() => {
    const row = document.querySelector('[data-testid="timeline-row"][data-current="true"]');
    return {
      seq: row ? Number(row.dataset.seq) : null,
      index: row ? [...document.querySelectorAll('[data-testid="timeline-row"]')].indexOf(row) : -1,
      rowLabel: row ? `${row.dataset.type} · ${row.querySelector('.tl-summary').textContent}` : null,
      playerLabel: document.querySelector('[data-testid="replay-current"]').textContent,
    };
  });
}

/** Waits until a different screenshot than `id` is on the stage; returns the new id. */
async function waitForScreenshotOtherThan(id) {
  const handle = await page.waitForFunction((previous) => {
    const img = document.querySelector('[data-testid="replay-screenshot"]');
    return img && img.complete && img.naturalWidth > 0 && img.dataset.screenshotId !== previous ? img.dataset.screenshotId : null;
  }, String(id), { timeout: 15_000 });
  return Number(await handle.jsonValue());
}

/**
 * How fast the playhead moves relative to wall time while playing: measured in the page, from the
 * frame it starts in until it has advanced `advanceMs` (no sleeping: it ends when the position does).
 */
function measureSpeed(advanceMs) {
  return page.evaluate((advance) => new Promise((resolve) => {
    const seek = document.querySelector('[data-testid="replay-seek"]');
    requestAnimationFrame((t0) => {
      const p0 = Number(seek.value);
      const tick = (t) => {
        const moved = Number(seek.value) - p0;
        if (moved >= advance) resolve(moved / (t - t0));
        else requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
  }), advanceMs);
}

test('the screenshots are laid on the session\'s time axis and the first is shown', async () => {
  const marks = page.getByTestId('replay-screenshot-marker');
  assert.equal(await marks.count(), 3);
  const lefts = await marks.evaluateAll((ms) => ms.map((m) => parseFloat(m.style.left)));
  // Taken at 0.5 s, 4 s and 7.8 s of an 8 s session.
  assert.deepEqual(lefts.map((l) => Math.round(l)), [6, 50, 98]);
  const shownId = await waitForScreenshotOtherThan(null);
  assert.equal(shownId, shop.checkout.screenshotIds[0]);
  const size = await page.getByTestId('replay-screenshot').evaluate((img) => [img.naturalWidth, img.naturalHeight]);
  assert.deepEqual(size, [SCREENSHOT_SIZE.width, SCREENSHOT_SIZE.height]);
  assert.equal(await page.getByTestId('replay-time').textContent(), '00:00.000 / 00:08.000');
});

test('play advances at the chosen speed, highlights the current event, and stops at the end', async (t) => {
  await seekBar().fill('0');
  assert.equal(await position(), 0);
  await page.getByTestId('replay-speed-1').click();
  await playButton().click();
  await page.locator('[data-testid="replay-play"][data-playing="true"]').waitFor();

  // The highlight moves down the timeline as the playhead passes rows, and the player names the row.
  const first = await current();
  await page.waitForFunction((seq) => {
    const row = document.querySelector('[data-testid="timeline-row"][data-current="true"]');
    return row && Number(row.dataset.seq) !== seq;
  }, first.seq, { timeout: 10_000 });
  const later = await current();
  assert.ok(later.index > first.index, `the highlight moved on (${first.index} → ${later.index})`);
  assert.equal(later.playerLabel, later.rowLabel);

  const speed1 = await measureSpeed(800);
  await page.getByTestId('replay-speed-4').click();
  assert.equal(await page.getByTestId('replay-speed-4').getAttribute('aria-pressed'), 'true');
  const speed4 = await measureSpeed(2000);
  t.diagnostic(`playhead ms per wall ms: ${speed1.toFixed(2)} at 1×, ${speed4.toFixed(2)} at 4×`);
  assert.ok(speed1 > 0.5 && speed1 < 1.5, `1× moves about as fast as the clock (${speed1.toFixed(2)})`);
  assert.ok(speed4 > 2.5 && speed4 < 6, `4× moves about four times as fast (${speed4.toFixed(2)})`);

  // At the end the player stops by itself, on the last event and the last screenshot.
  await page.locator('[data-testid="replay-play"][data-playing="false"]').waitFor({ timeout: 15_000 });
  assert.equal(await position(), 8000);
  const end = await current();
  assert.equal(end.index, (await page.getByTestId('timeline-row').count()) - 1);
  assert.match(end.playerLabel, /^websocket\.close · close 1000 checkout done/);
  await page.waitForFunction((id) => document.querySelector('[data-testid="replay-screenshot"]')?.dataset.screenshotId === String(id),
    shop.checkout.screenshotIds[2]);
});

test('pause holds the playhead and the highlight where they are', async () => {
  await page.getByTestId('replay-speed-1').click();
  await seekBar().fill('3500');
  await playButton().click();
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="replay-seek"]').value) >= 4200);
  await playButton().click();
  await page.locator('[data-testid="replay-play"][data-playing="false"]').waitFor();
  const stoppedAt = await position();
  const highlighted = await current();
  // Ten frames later nothing has moved (a playing clock advances on every frame).
  await page.evaluate(() => new Promise((resolve) => {
    let n = 0;
    const tick = () => (++n === 10 ? resolve() : requestAnimationFrame(tick));
    requestAnimationFrame(tick);
  }));
  assert.equal(await position(), stoppedAt);
  assert.deepEqual(await current(), highlighted);
  assert.ok(stoppedAt >= 4200 && stoppedAt < 8000);
  // Past 4 s the second screenshot is on the stage.
  await page.waitForFunction((id) => document.querySelector('[data-testid="replay-screenshot"]')?.dataset.screenshotId === String(id),
    shop.checkout.screenshotIds[1]);
  await saveScreenshot(page, 'replay-paused');
});
