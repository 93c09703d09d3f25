// Actions and SPA navigation in real Chromium: clicks carry selectors (css, xpath, text,
// data_testid) that each find exactly the clicked element, and pushState, popstate and
// hashchange become page.navigate and page.view events; the page's own router is unaffected.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { assertNoDuplicates, flushSdk, openPage, pageVerdict, sessionEvents, sessionIdOf, startStack, waitForEvents } from '../harness/sdk-page.mjs';

let stack;
before(async () => (stack = await startStack()));
after(async () => stack?.stop());

/** What the test does as a user; returns the click positions and what the page's own code saw. */
async function drive(page) {
  const positions = {};
  for (const [name, locator] of [
    ['buy', page.locator('#buy')],
    ['add', page.getByTestId('add-to-cart')],
    ['details', page.getByRole('button', { name: 'Details' })],
    ['page2', page.locator('#to-page2')],
  ]) {
    const box = await locator.boundingBox();
    positions[name] = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    await locator.click();
  }
  await page.goBack();
  await page.waitForFunction(() => window.__routes.at(-1)[0] === 'pop');
  await page.locator('#to-reviews').click();
  await page.waitForFunction(() => window.__routes.at(-1)[0] === 'hash');
  return { positions, routes: await page.evaluate(() => window.__routes), clicks: await page.evaluate(() => window.__clicks) };
}

test('clicks carry unique selectors and SPA navigation is recorded, with the page behaving as before', async () => {
  const url = `${stack.site.url}/sdk-actions.html`;
  const without = await openPage(stack.browser, url, { sdk: false });
  await pageVerdict(without.page);
  const baseline = await drive(without.page);
  await without.close();

  const run = await openPage(stack.browser, url);
  try {
    const { page } = run;
    assert.deepEqual((await pageVerdict(page)).failures, []);
    const driven = await drive(page);
    assert.deepEqual(driven.routes, baseline.routes, "the page's router saw the same navigations");
    assert.deepEqual(driven.clicks, baseline.clicks, "the page's click handlers saw the same clicks");
    assert.deepEqual(driven.routes.map(([how, path]) => [how, path])
      // Chromium may also fire popstate for the fragment navigation; hashchange is the one that counts.
      .filter(([how, path]) => how !== 'pop' || !path.includes('#')), [
      ['load', '/sdk-actions.html'],
      ['push', '/spa/page2'],
      ['pop', '/sdk-actions.html'],
      ['hash', '/sdk-actions.html#reviews'],
    ]);
    await flushSdk(page);

    const sessionId = await sessionIdOf(page);
    const events = await waitForEvents(
      stack.loupe,
      sessionId,
      (evs) => (evs.filter((e) => e.type === 'action.click').length >= 5 && evs.filter((e) => e.type === 'page.navigate').length >= 3 && evs.filter((e) => e.type === 'page.view').length >= 4 ? evs : undefined),
      'five clicks, three navigations and four page views',
    );

    const clicks = events.filter((e) => e.type === 'action.click').map((e) => e.data);
    assert.equal(clicks.length, 5);
    const [buy, add, details] = clicks;
    assert.deepEqual(buy.selectors, { css: '#buy', xpath: '//*[@id="buy"]', text: 'Buy now' });
    assert.equal(add.selectors.data_testid, 'add-to-cart');
    assert.equal(add.selectors.text, 'Add to cart');
    assert.equal(details.selectors.text, 'Details');
    assert.equal(details.selectors.data_testid, undefined);
    assert.deepEqual(clicks.map((c) => c.tag), ['button', 'button', 'button', 'button', 'a']);
    assert.deepEqual(clicks.map((c) => c.text), ['Buy now', 'Add to cart', 'Details', 'Page two', 'Reviews']);

    // Each selector finds exactly the element that was clicked (checked on the page as it is now,
    // back on the first view, where all these elements still are).
    const labels = ['Buy now', 'Add to cart', 'Details'];
    for (const [i, c] of [buy, add, details].entries()) {
      const found = await page.evaluate(({ s }) => {
        const byCss = [...document.querySelectorAll(s.css)].map((el) => el.textContent);
        const xp = document.evaluate(s.xpath, document, null, XPathResult.ORDERED_NODE_SNAPSHOT_TYPE, null);
        const byXpath = Array.from({ length: xp.snapshotLength }, (_, k) => xp.snapshotItem(k).textContent);
        const byTestId = s.data_testid ? [...document.querySelectorAll(`[data-testid="${s.data_testid}"]`)].map((el) => el.textContent) : undefined;
        return { byCss, byXpath, byTestId };
      }, { s: c.selectors });
      assert.deepEqual(found.byCss, [labels[i]], `css ${c.selectors.css}`);
      assert.deepEqual(found.byXpath, [labels[i]], `xpath ${c.selectors.xpath}`);
      if (found.byTestId) assert.deepEqual(found.byTestId, [labels[i]]);
    }
    // The coordinates are where the click happened.
    for (const [c, name] of [[buy, 'buy'], [add, 'add'], [details, 'details'], [clicks[3], 'page2']]) {
      assert.ok(Math.abs(c.x - driven.positions[name].x) <= 1 && Math.abs(c.y - driven.positions[name].y) <= 1, `${name}: ${c.x},${c.y}`);
      assert.equal(c.button, 0);
    }

    const base = stack.site.url;
    const navigations = events.filter((e) => e.type === 'page.navigate').map((e) => [e.data.kind, e.data.from, e.data.to, e.source.event]);
    assert.deepEqual(navigations, [
      ['push', `${base}/sdk-actions.html`, `${base}/spa/page2`, 'pushState'],
      ['pop', `${base}/spa/page2`, `${base}/sdk-actions.html`, 'popstate'],
      ['hash', `${base}/sdk-actions.html`, `${base}/sdk-actions.html#reviews`, 'hashchange'],
    ]);
    const views = events.filter((e) => e.type === 'page.view').map((e) => [e.data.url, e.data.referrer]);
    assert.deepEqual(views, [
      [`${base}/sdk-actions.html`, undefined],
      [`${base}/spa/page2`, `${base}/sdk-actions.html`],
      [`${base}/sdk-actions.html`, `${base}/spa/page2`],
      [`${base}/sdk-actions.html#reviews`, `${base}/sdk-actions.html`],
    ]);
    assert.equal(events.find((e) => e.type === 'page.view').data.title, 'SDK actions page');
    assertNoDuplicates(await sessionEvents(stack.loupe, sessionId));
  } finally {
    await run.close();
  }
});

test('a click inside a shadow root gets a selector that pierces to exactly that element', async () => {
  const run = await openPage(stack.browser, `${stack.site.url}/sdk-actions.html`);
  try {
    const { page } = run;
    // A web component whose button reads like the page's own `.list > button` ("Details").
    await page.evaluate(() => {
      const root = document.querySelector('main').appendChild(document.createElement('x-widget')).attachShadow({ mode: 'open' });
      root.innerHTML = '<div class="list"><button>Details</button></div>';
    });
    await page.locator('x-widget button').click();
    await flushSdk(page);
    const [click] = await waitForEvents(stack.loupe, await sessionIdOf(page), (evs) => {
      const c = evs.filter((e) => e.type === 'action.click');
      return c.length ? c : undefined;
    }, 'the click');
    const s = click.data.selectors;
    assert.equal(s.css, 'html > body > main > x-widget >>> div:not(* > *) > button');
    assert.equal(s.xpath, undefined, 'XPath cannot enter a shadow root');
    // Followed tree by tree (as Puppeteer's >>> does), the path finds only the clicked button.
    const found = await page.evaluate((css) => {
      let scopes = [document];
      for (const part of css.split(' >>> ')) scopes = scopes.flatMap((s) => [...s.querySelectorAll(part)]).map((e) => e.shadowRoot || e);
      return scopes.map((e) => [e.getRootNode() instanceof ShadowRoot, e.textContent]);
    }, s.css);
    assert.deepEqual(found, [[true, 'Details']]);
  } finally {
    await run.close();
  }
});
