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
