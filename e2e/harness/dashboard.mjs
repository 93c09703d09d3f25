// The dashboard of a running Loupe in Chromium: a signed-in page, and screenshots of what each
// page looked like, kept as test artifacts (e2e/target is ignored by git and wiped by mvn clean).
import { mkdirSync } from 'node:fs';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { eventually } from './loupe.mjs';

const e2eRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const ARTIFACTS_DIR = join(e2eRoot, 'target');
export const SCREENSHOTS_DIR = join(ARTIFACTS_DIR, 'screenshots');

/** Wide enough that the session view shows its timeline and detail pane side by side. */
export const DASHBOARD_VIEWPORT = { width: 1440, height: 960 };

/**
 * A fresh browser context signed in the way a person does first: by opening the login link the
 * server printed at start-up. Resolves once the sessions page is shown. `prepare(context, page)`
 * runs before the dashboard is loaded (to install init scripts and listeners).
 */
export async function openSignedIn(browser, loupe, { prepare } = {}) {
  const token = await eventually(() => loupe.loginToken, { timeoutMs: 5000, message: 'the sign-in link in the log' });
  const context = await browser.newContext({ viewport: DASHBOARD_VIEWPORT, acceptDownloads: true });
  const page = await context.newPage();
  await prepare?.(context, page);
  await page.goto(`${loupe.baseUrl}/#login=${encodeURIComponent(token)}`);
  await page.getByTestId('sessions-page').waitFor();
  return { context, page };
}

/** Moves the signed-in page to a dashboard route (`#/…`) as a link would, without reloading it. */
export async function goToRoute(page, hash) {
  await page.evaluate((h) => {
    window.location.hash = h;
  }, hash);
}

/**
 * Waits until the sessions table shows exactly the sessions `ids`, in this order, and is not
 * loading; on timeout the error says what was shown instead.
 */
export async function waitForSessionRows(page, ids) {
  await page.waitForFunction(
    (want) => {
      const table = document.querySelector('[data-testid="sessions-table"]');
      if (!table || table.getAttribute('aria-busy') === 'true') return false;
      const shown = [...document.querySelectorAll('[data-testid="session-row"]')].map((r) => r.dataset.sessionId);
      return JSON.stringify(shown) === JSON.stringify(want);
    },
    ids,
    { timeout: 10_000 },
  ).catch(async (e) => {
    const shown = await page.locator('[data-testid="session-row"]').evaluateAll((rows) => rows.map((r) => r.dataset.sessionId));
    throw new Error(`expected sessions ${JSON.stringify(ids)}\nshown ${JSON.stringify(shown)}\n${e.message}`);
  });
}

/** Saves a full-page screenshot as `target/screenshots/<name>.png`; returns its path. */
export async function saveScreenshot(page, name) {
  mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  const path = join(SCREENSHOTS_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** A directory under target/ for other artifacts (downloads, exported HAR files). */
export function artifactDir(name) {
  const dir = join(ARTIFACTS_DIR, name);
  mkdirSync(dir, { recursive: true });
  return dir;
}
