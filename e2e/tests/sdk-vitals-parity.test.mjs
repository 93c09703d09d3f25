// The SDK's web vitals against Google's web-vitals 4 (its attribution build) on the same page in
// real Chromium: the same browser entries, so the same values, ratings and attribution phases
// (the SDK claims web-vitals 4's semantics; sdk/README.md, "Web vitals"). The page loads, shifts
// its content twice, and has a slow button clicked with the mouse held 100 ms.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, sessionIdOf, startStack, waitForEvents } from '../harness/sdk-page.mjs';

let stack;
before(async () => (stack = await startStack()));
after(async () => stack?.stop());

const TYPES = ['ttfb', 'fcp', 'lcp', 'cls', 'inp'];

/** Asserts `a` within `tolerance` of `b`, naming the field. */
const near = (a, b, tolerance, field) => assert.ok(typeof a === 'number' && Math.abs(a - b) <= tolerance, `${field}: SDK ${a}, web-vitals ${b}`);

test('TTFB, FCP, LCP, CLS and INP as web-vitals 4 measures them', async () => {
  const run = await openPage(stack.browser, `${stack.site.url}/sdk-vitals-parity.html`);
  try {
    const { page } = run;
    const sessionId = await sessionIdOf(page);
    await page.waitForFunction(() => window.__shifted);
    // The first input (it makes LCP final in both), a slow one: the page's INP.
    const box = await page.locator('#slow').boundingBox();
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2, { delay: 100 });
    // web-vitals handles event timing when the page is idle, which headless Chromium grants after
    // a long task only once more input comes.
    await page.mouse.move(1, 1);
    await page.waitForFunction(() => ['TTFB', 'FCP', 'LCP', 'CLS', 'INP'].every((n) => window.__wv[n]));
    const wv = await page.evaluate(() => window.__wv);
    // Leaving hides the page: the SDK reports CLS and INP then.
    await page.goto('about:blank');
    const events = await waitForEvents(
      stack.loupe,
      sessionId,
      (evs) => (TYPES.every((t) => evs.some((e) => e.type === `performance.${t}`)) ? evs : undefined),
      'the five vitals',
      'category=performance',
    );
    const sdk = Object.fromEntries(
      TYPES.map((t) => {
        const found = events.filter((e) => e.type === `performance.${t}`);
        assert.equal(found.length, 1, `exactly one performance.${t}`);
        return [t.toUpperCase(), found[0].data];
      }),
    );

    for (const name of ['TTFB', 'FCP', 'LCP', 'CLS', 'INP']) {
      assert.equal(sdk[name].rating, wv[name].rating, `${name} rating`);
      assert.equal(sdk[name].navigation_type, wv[name].navigationType, `${name} navigation type`);
    }
    // The SDK rounds times to 0.1 ms.
    for (const name of ['TTFB', 'FCP', 'LCP']) near(sdk[name].value, wv[name].value, 0.1, `${name} value`);
    const phases = {
      TTFB: { waiting_duration: 'waitingDuration', cache_duration: 'cacheDuration', dns_duration: 'dnsDuration', connection_duration: 'connectionDuration', request_duration: 'requestDuration' },
      FCP: { time_to_first_byte: 'timeToFirstByte', first_byte_to_fcp: 'firstByteToFCP' },
      LCP: { time_to_first_byte: 'timeToFirstByte', resource_load_delay: 'resourceLoadDelay', resource_load_duration: 'resourceLoadDuration', element_render_delay: 'elementRenderDelay' },
    };
    for (const [name, fields] of Object.entries(phases))
      for (const [ours, theirs] of Object.entries(fields)) near(sdk[name].attribution[ours], wv[name].attribution[theirs], 0.1, `${name} ${ours}`);
    // Selectors are written differently (the SDK's shortest unique path): the same element.
    assert.match(wv.LCP.attribution.element, new RegExp(`${sdk.LCP.attribution.element}$`));

    near(sdk.CLS.value, wv.CLS.value, 0.0001, 'CLS value');
    assert.ok(sdk.CLS.value > 0, 'the page shifted');
    near(sdk.CLS.attribution.largest_shift_value, wv.CLS.attribution.largestShiftValue, 0.0001, 'CLS largest shift');

    // INP: the click's latency, and its phases those of the frame the click was painted in.
    near(sdk.INP.value, wv.INP.value, 0, 'INP value');
    assert.equal(sdk.INP.attribution.interaction_type, wv.INP.attribution.interactionType);
    assert.match(wv.INP.attribution.interactionTarget, new RegExp(`${sdk.INP.attribution.interaction_target}$`));
    near(sdk.INP.attribution.input_delay, wv.INP.attribution.inputDelay, 0.2, 'INP input delay');
    near(sdk.INP.attribution.processing_duration, wv.INP.attribution.processingDuration, 0.2, 'INP processing');
    // web-vitals 4 extends the paint to the end of a long animation frame; the SDK does not look at those.
    near(sdk.INP.attribution.presentation_delay, wv.INP.attribution.presentationDelay, 2, 'INP presentation delay');
  } finally {
    await run.close();
  }
});
