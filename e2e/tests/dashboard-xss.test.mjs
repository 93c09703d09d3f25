// Everything a page sends is hostile. A session full of markup, script elements and `javascript:`
// URLs (in console messages, URLs, header names and values, bodies, selectors, error messages and
// stacks, and its metadata) is shown in every page of the dashboard, and in the live tail as it
// arrives: each payload must be visible as the literal text it was, and none may run (no
// window.__xss, no dialog, no CSP violation, no on* attribute, no `javascript:` link).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startLoupe } from '../harness/loupe.mjs';
import { launch } from '../harness/browser.mjs';
import { goToRoute, openSignedIn, saveScreenshot } from '../harness/dashboard.mjs';
import { assertInert, installXssTraps } from '../harness/inertness.mjs';
import { ALERT, IFRAME, IMG, JS_URL, SCRIPT, SVG, hostileEvents, seedHostileSession } from '../fixtures/hostile-session.mjs';

let loupe;
let browser;
let hostile;
let page;
let dialogs;

before(async () => {
  loupe = await startLoupe();
  browser = await launch();
  hostile = await seedHostileSession(loupe, browser);
  ({ page } = await openSignedIn(browser, loupe, {
    prepare: async (context, p) => {
      dialogs = await installXssTraps(context, p);
    },
  }));
});

after(async () => {
  await browser?.close();
  await loupe?.stop();
});

/** The visible text of the page (what a person reads), to find payloads shown as text. */
function visibleText() {
  return page.evaluate(() => document.body.innerText);
}

function assertShown(text, payloads, where) {
  for (const p of payloads) assert.ok(text.includes(p), `${where} shows ${JSON.stringify(p)} as text`);
}

test('the sessions list shows hostile metadata as text', async () => {
  await goToRoute(page, '#/sessions');
  const row = page.locator(`[data-testid="session-row"][data-session-id="${hostile.sessionId}"]`);
  await row.waitFor();
  const cells = await row.locator('td').allTextContents();
  assert.equal(cells[2], IMG, 'user');
  assert.equal(cells[6], `${IMG} · ${SVG} · ${ALERT}`, 'browser · OS · device');
  assert.equal(cells[7], JS_URL, 'entry page');
  await assertInert(page, dialogs, 'sessions list');
  await saveScreenshot(page, 'xss-sessions-list');
});

test('the session view shows every hostile field as text and runs none of it', async () => {
  await goToRoute(page, `#/sessions/${hostile.sessionId}`);
  await page.getByTestId('timeline').waitFor();
  const facts = await page.getByTestId('session-facts').textContent();
  assertShown(facts, [IMG, JS_URL], 'the session facts');

  const summary = (type) => page.locator(`[data-testid="timeline-row"][data-type="${type}"] .tl-summary`).first().textContent();
  assert.equal(await summary('console.log'), SCRIPT);
  assert.equal(await summary('console.warn'), ALERT);
  assert.equal(await summary('page.view'), `view ${JS_URL} — ${IMG}`);
  assert.equal(await summary('error.uncaught'), `${SVG}: ${IMG}`);
  assert.equal(await summary('error.resource'), `Failed to load <${IMG}> ${JS_URL}`);
  assert.equal(await summary('action.click'), `click [data-testid=${ALERT}] "${IMG}"`);
  assert.equal(await summary('session.identify'), `identified as ${IMG}`);
  assert.match(await summary('websocket.message'), new RegExp(`${SCRIPT.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`));
  await page.waitForFunction((url) => document.querySelector('.replay__caption')?.textContent.includes(url), JS_URL);
  await assertInert(page, dialogs, 'session view');
  await saveScreenshot(page, 'xss-session-view');

  // Every row's detail pane, one after the other.
  const rows = page.getByTestId('timeline-row');
  const count = await rows.count();
  assert.equal(count, hostile.eventCount);
  const seen = [];
  for (let i = 0; i < count; i++) {
    const seq = await rows.nth(i).getAttribute('data-seq');
    await rows.nth(i).click();
    await page.locator(`[data-testid="detail-pane"][data-seq="${seq}"]`).waitFor();
    await page.locator('[data-testid="detail-pane"] details').evaluateAll((ds) => ds.forEach((d) => { d.open = true; }));
    seen.push(await page.getByTestId('detail-pane').evaluate((pane) => pane.innerText));
    await assertInert(page, dialogs, `detail of row ${i} (${await rows.nth(i).getAttribute('data-type')})`);
  }
  assertShown(seen.join('\n'), [IMG, SCRIPT, JS_URL, SVG, ALERT, IFRAME], 'the detail panes');
});

test("a hostile request's detail shows headers, bodies and URL literally", async () => {
  await page.locator('[data-testid="timeline-row"][data-type="network.request"]').first().click();
  const pane = page.getByTestId('detail-pane');
  await pane.getByTestId('request-detail').waitFor();
  assert.equal(await pane.getByTestId('request-url').textContent(), JS_URL);
  assert.equal(await pane.getByTestId('request-status').textContent(), `200 ${IMG}`);
  assert.deepEqual(await pane.getByTestId('request-headers').locator('tr').allTextContents(),
    [`x-evil${IMG}`, `x-link${JS_URL}`, `${SVG}a header whose name is markup`]);
  assert.deepEqual(await pane.getByTestId('response-headers').locator('tr').allTextContents(),
    ['content-typetext/html', `x-script${SCRIPT}`, `x-break${SVG}`]);
  assert.equal(await pane.getByTestId('request-body').textContent(), SCRIPT);
  assert.equal(await pane.getByTestId('response-body').textContent(), `<html><body>${IMG}${IFRAME}</body></html>`);
  await assertInert(page, dialogs, 'request detail');
  await saveScreenshot(page, 'xss-request-detail');
});

test("a hostile error's detail shows its message and stack frames literally", async () => {
  await page.locator('[data-testid="timeline-row"][data-type="error.uncaught"]').click();
  const pane = page.getByTestId('detail-pane');
  await pane.getByTestId('error-detail').waitFor();
  assert.equal(await pane.getByTestId('error-message').textContent(), `${SVG}: ${IMG}`);
  const frame = pane.getByTestId('stack-frame').first();
  assert.equal(await frame.locator('.frame__fn').textContent(), SCRIPT);
  assert.equal(await frame.locator('.frame__loc').textContent(), `${JS_URL}:1:2`);
  await assertInert(page, dialogs, 'error detail');
  await saveScreenshot(page, 'xss-error-detail');
});

test('the live tail shows hostile events as text as they arrive', async () => {
  await goToRoute(page, '#/live');
  await page.locator('[data-testid="live-status"][data-status="live"]').waitFor();
  const t0Us = Date.now() * 1000;
  const events = hostileEvents(t0Us).map((e) => ({ ...e, session_id: hostile.sessionId }));
  await loupe.ingest(events);
  const rows = page.getByTestId('live-row');
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="live-row"]').length >= n, events.length);
  // Expanding a row shows the envelope and a link to the session: still text, still an in-app link.
  for (let i = 0; i < events.length; i++) await rows.nth(i).locator('.live-row__line').click();
  const text = await visibleText();
  assertShown(text, [IMG, SCRIPT, JS_URL, SVG, ALERT], 'the live tail');
  assert.ok(await page.getByTestId('live-open-session').count() > 0);
  await assertInert(page, dialogs, 'live tail');
  await saveScreenshot(page, 'xss-live-tail');
});

test('control: the checks do catch a payload that became markup', async () => {
  // Put one payload in as markup, as an innerHTML slip would: the traps and the DOM checks must see it.
  await page.evaluate((html) => {
    const slip = document.createElement('div');
    slip.id = 'xss-control';
    slip.innerHTML = html;
    document.body.append(slip);
  }, `${IMG}<a href="${JS_URL}">link</a>`);
  await page.waitForFunction(() => window.__cspViolations.length > 0);
  await assert.rejects(assertInert(page, dialogs, 'control'), (e) => {
    assert.match(e.message, /something captured ran or became markup/);
    assert.match(String(e.actual?.handlerAttributes), /onerror/);
    assert.ok(e.actual.javascriptLinks.length === 1 && e.actual.injectedElements.length === 1);
    assert.match(String(e.actual.cspViolations), /script-src/);
    return true;
  });
  await page.evaluate(() => document.getElementById('xss-control').remove());
  assert.equal(await page.evaluate(() => window.__xss ?? null), null, 'the CSP kept the inline handler from running');
});
