// Sessions across tabs in real Chromium: a tab the page opens with window.open gets a copy of the
// opener's sessionStorage (and so of its session record), but is a session of its own, with the
// user the opener identified; the opener keeps its session.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { flushSdk, openPage, sessionEvents, sessionIdOf, startStack, waitForEvents } from '../harness/sdk-page.mjs';

let stack;
before(async () => (stack = await startStack()));
after(async () => stack?.stop());

test('a tab opened with window.open is a session of its own, with the same user', async () => {
  const run = await openPage(stack.browser, `${stack.site.url}/sdk-vitals.html`);
  try {
    const { page } = run;
    const openerSession = await sessionIdOf(page);
    await page.evaluate(() => window.loupe.identify('user-7'));
    const [popup] = await Promise.all([page.waitForEvent('popup'), page.evaluate(() => void window.open('/sdk-console.html'))]);
    await popup.waitForLoadState('load');
    const popupSession = await sessionIdOf(popup);
    assert.notEqual(popupSession, openerSession, 'the opened tab has a session of its own');
    // The opener's session goes on in the opener.
    await page.evaluate(() => window.loupe.track('still_here'));
    await Promise.all([flushSdk(page), flushSdk(popup)]);
    const popupEvents = await waitForEvents(stack.loupe, popupSession, (evs) => (evs.some((e) => e.type === 'page.view') ? evs : undefined), "the opened tab's page view");
    assert.ok(popupEvents.every((e) => e.url.startsWith(`${stack.site.url}/sdk-console.html`)), 'only the opened tab is in its session');
    const start = popupEvents.find((e) => e.type === 'session.start');
    assert.equal(start?.data.user_id, 'user-7', 'with the user the opener identified');
    const openerEvents = await waitForEvents(stack.loupe, openerSession, (evs) => (evs.some((e) => e.type === 'custom.still_here') ? evs : undefined), "the opener's event");
    assert.ok(openerEvents.every((e) => !e.url.includes('/sdk-console.html')), "none of the opened tab's events in the opener's session");
    assert.equal(JSON.parse(await page.evaluate(() => sessionStorage.getItem('loupe.session'))).id, openerSession);
  } finally {
    await run.close();
  }
});

test('a tab the browser duplicates is a session of its own, with the same user; its reloads and next pages keep it', async () => {
  const run = await openPage(stack.browser, `${stack.site.url}/sdk-vitals.html`);
  try {
    const { page, context } = run;
    const first = await sessionIdOf(page);
    await page.evaluate(() => window.loupe.identify('user-8'));
    // A duplicate starts with a copy of the tab's sessionStorage as it is while its page is shown.
    // Headless Chromium has no "Duplicate" menu item: the test makes the copy, in a page of the
    // same origin without the SDK, and then loads a page with it.
    const copy = await page.evaluate(() => JSON.stringify(Object.entries(sessionStorage)));
    const duplicate = await context.newPage();
    const noSdk = (route) => route.fulfill({ status: 200, contentType: 'text/javascript', body: '' });
    await duplicate.route('**/sdk/loupe.js', noSdk);
    await duplicate.goto(`${stack.site.url}/sdk-console.html`);
    await duplicate.evaluate((c) => JSON.parse(c).forEach(([k, v]) => sessionStorage.setItem(k, v)), copy);
    await duplicate.unroute('**/sdk/loupe.js', noSdk);
    await duplicate.goto(`${stack.site.url}/sdk-vitals.html`);
    const second = await sessionIdOf(duplicate);
    assert.notEqual(second, first, 'the duplicate has a session of its own');
    await duplicate.reload();
    assert.equal(await sessionIdOf(duplicate), second, 'a reload keeps it');
    await duplicate.goto(`${stack.site.url}/sdk-console.html`);
    assert.equal(await sessionIdOf(duplicate), second, 'the next page of the tab keeps it');
    await page.reload();
    assert.equal(await sessionIdOf(page), first, 'the first tab keeps its own');
    await flushSdk(duplicate);
    const events = await waitForEvents(stack.loupe, second, (evs) => (evs.some((e) => e.type === 'session.start') ? evs : undefined), "the duplicate's session");
    assert.equal(events.find((e) => e.type === 'session.start').data.user_id, 'user-8', 'with the user identified in the first tab');
  } finally {
    await run.close();
  }
});
