// Signing in to the dashboard the two documented ways: the login link printed at start-up, and
// the admin key typed into the form. A wrong key is refused with a message; signing out returns
// to the form.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startLoupe, eventually, ADMIN_KEY } from '../harness/loupe.mjs';
import { launch } from '../harness/browser.mjs';
import { DASHBOARD_VIEWPORT, saveScreenshot } from '../harness/dashboard.mjs';

let loupe;
let browser;

before(async () => {
  loupe = await startLoupe();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await loupe?.stop();
});

async function newPage() {
  const context = await browser.newContext({ viewport: DASHBOARD_VIEWPORT });
  return { context, page: await context.newPage() };
}

test('the login link printed at start-up signs in and takes the token out of the address bar', async () => {
  const token = await eventually(() => loupe.loginToken, { timeoutMs: 5000, message: 'the sign-in link in the log' });
  const { context, page } = await newPage();
  await page.goto(`${loupe.baseUrl}/#login=${encodeURIComponent(token)}`);
  await page.getByTestId('sessions-page').waitFor();
  assert.ok(!page.url().includes(token), `the token is gone from ${page.url()}`);
  assert.match(page.url(), /#\/sessions$/);
  // A fresh server has no sessions: the list says so instead of showing an empty table.
  await page.getByTestId('empty-state').filter({ hasText: 'No sessions yet' }).waitFor();
  await saveScreenshot(page, 'sessions-empty');
  await context.close();
});

test('the admin key signs in from the form; a wrong key is refused with a message', async () => {
  const { context, page } = await newPage();
  await page.goto(`${loupe.baseUrl}/`);
  await page.getByTestId('login-form').waitFor();
  await saveScreenshot(page, 'login');

  await page.getByTestId('login-token').fill('lp_admin_not_the_key');
  await page.getByTestId('login-submit').click();
  const error = page.getByTestId('login-error');
  await error.waitFor();
  assert.match(await error.textContent(), /not accepted/);
  assert.equal(await page.getByTestId('sessions-page').count(), 0, 'a wrong key does not get in');
  await saveScreenshot(page, 'login-refused');

  await page.getByTestId('login-token').fill(ADMIN_KEY);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('sessions-page').waitFor();

  // The session survives a reload of the tab (it is kept in sessionStorage).
  await page.reload();
  await page.getByTestId('sessions-page').waitFor();

  await page.getByTestId('sign-out').click();
  await page.getByTestId('login-form').waitFor();
  assert.equal(await page.getByTestId('login-message').textContent(), 'You have signed out.');
  await context.close();
});
