// The SDK under a strict Content-Security-Policy: loaded by a script tag from Loupe's origin, it
// starts, captures and delivers without a single policy violation (no inline code, no eval, no
// connection but to Loupe).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { assertNoDuplicates, assertSameBehaviour, flushSdk, sessionEvents, sessionIdOf, startStack, waitForEvents } from '../harness/sdk-page.mjs';

const policy = (loupeUrl) =>
  `default-src 'self'; script-src 'self' ${loupeUrl}; connect-src 'self' ${loupeUrl} ws:; img-src 'self'`;

let stack;
before(async () => (stack = await startStack({ csp: (loupeUrl) => ({ '/sdk-csp.html': policy(loupeUrl) }) })));
after(async () => stack?.stop());

test('under a strict CSP the SDK captures and delivers without any violation', async () => {
  const run = await assertSameBehaviour(stack.browser, `${stack.site.url}/sdk-csp.html`);
  try {
    const { page } = run;
    // The page is served with the policy.
    const headers = await page.evaluate(async () => (await fetch(location.href)).headers.get('content-security-policy'));
    assert.equal(headers, policy(stack.loupe.baseUrl));

    await page.locator('#go').click();
    await flushSdk(page);
    const sessionId = await sessionIdOf(page);
    const events = await waitForEvents(
      stack.loupe,
      sessionId,
      (evs) =>
        ['console.log', 'network.request', 'websocket.open', 'websocket.close', 'page.view', 'action.click', 'performance.fcp'].every((t) => evs.some((e) => e.type === t)) ? evs : undefined,
      'console, network, websocket, page, action and performance events',
    );
    assert.ok(events.some((e) => e.type === 'console.log' && e.data.message === 'hello from the strict CSP page'));
    assert.ok(events.some((e) => e.type === 'network.request' && e.data.url.endsWith('/api/json?case=csp') && e.data.status === 200));

    assert.deepEqual(await page.evaluate(() => window.__violations), [], 'no CSP violation on the page');
    const cspErrors = run.consoleMessages.filter((m) => /Content.Security.Policy|Refused to/i.test(m.text));
    assert.deepEqual(cspErrors, [], 'no CSP complaint in the console');

    // Sanity check of the watch itself: an inline script is a violation it does see.
    await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__inlineRan = true';
      document.body.appendChild(s);
    });
    await page.waitForFunction(() => window.__violations.length > 0);
    assert.equal(await page.evaluate(() => window.__inlineRan), undefined, 'the inline script was blocked');
    assertNoDuplicates(await sessionEvents(stack.loupe, sessionId));
  } finally {
    await run.close();
  }
});
