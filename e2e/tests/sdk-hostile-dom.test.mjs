// Pages whose DOM shadows what the SDK reads, in real Chromium: a form named `host` (it is then
// document.host), forms whose controls are named `id` and `children`, Word's `<o:p>`, a masked
// name inside a list item, and an XHR reused from its own load handler. Clicks are recorded with
// selectors that find exactly the clicked element, the masked name never leaves the page, and
// each request of the reused XHR is recorded once, with its answer.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { assertNoDuplicates, flushSdk, openPage, pageVerdict, sessionIdOf, startStack, waitForEvents } from '../harness/sdk-page.mjs';

let stack;
before(async () => (stack = await startStack()));
after(async () => stack?.stop());

test('clicks in a DOM that shadows properties, and an XHR reused from its load handler', async () => {
  const run = await openPage(stack.browser, `${stack.site.url}/sdk-hostile-dom.html`);
  try {
    const { page } = run;
    assert.deepEqual((await pageVerdict(page)).failures, []);
    const sessionId = await sessionIdOf(page);
    const targets = ['#save-edit', 'form:nth-of-type(3) > button', 'p > *', '#patient'];
    for (const t of targets) await page.locator(t).click({ timeout: 5000 });
    await flushSdk(page);
    const events = await waitForEvents(
      stack.loupe,
      sessionId,
      (evs) => (evs.filter((e) => e.type === 'action.click').length >= 4 && evs.filter((e) => e.type === 'network.request').length >= 3 ? evs : undefined),
      'four clicks and three requests',
    );
    const clicks = events.filter((e) => e.type === 'action.click').map((e) => e.data);
    assert.equal(clicks.length, 4, 'each click once');
    // Each click's CSS and XPath find exactly the element that was clicked.
    for (const [i, t] of targets.entries()) {
      const found = await page.evaluate(
        ([css, xpath, target]) => {
          const el = document.querySelector(target);
          const byCss = [...document.querySelectorAll(css)];
          const r = document.evaluate(xpath, document, null, XPathResult.ORDERED_NODE_SNAPSHOT_TYPE, null);
          return { css: byCss.length === 1 && byCss[0] === el, xpath: r.snapshotLength === 1 && r.snapshotItem(0) === el };
        },
        [clicks[i].selectors.css, clicks[i].selectors.xpath, t],
      );
      assert.deepEqual(found, { css: true, xpath: true }, `${t}: ${JSON.stringify(clicks[i].selectors)}`);
    }
    assert.equal(clicks[0].selectors.css, '#save-edit');
    assert.equal(clicks[2].selectors.css, 'html > body > p > o\\:p');
    // The list item holds a masked name: no text of it, neither as a selector nor as the click's.
    assert.equal(clicks[3].selectors.text, undefined);
    assert.equal(clicks[3].text, undefined);
    assert.ok(!JSON.stringify(events).includes('Jane Roe'), 'the masked name never left the page');

    const requests = events.filter((e) => e.type === 'network.request').map((e) => e.data);
    assert.deepEqual(
      requests.map((r) => [new URL(r.url).search, r.status]),
      [['?poll=0', 200], ['?poll=1', 200], ['?poll=2', 200]],
    );
    assertNoDuplicates(events);
  } finally {
    await run.close();
  }
});
