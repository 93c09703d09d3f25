// Error capture in real Chromium: an uncaught error in a timer (with its stack parsed into
// frames, and its cause), an unhandled rejection with a plain object, and failed script and image loads.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { assertNoDuplicates, assertSameBehaviour, sessionIdOf, startStack, waitForEvents } from '../harness/sdk-page.mjs';

let stack;
before(async () => (stack = await startStack()));
after(async () => stack?.stop());

test('uncaught errors, rejections and failed loads arrive, and the page sees them as before', async () => {
  const run = await assertSameBehaviour(stack.browser, `${stack.site.url}/sdk-errors.html`);
  try {
    // The SDK swallows nothing: the browser still reports the page's uncaught errors, the same ones.
    assert.deepEqual(run.pageErrors, run.baseline.pageErrors);
    assert.ok(run.pageErrors.some((m) => m.includes('timer boom')), 'the browser still sees the uncaught error');

    const sessionId = await sessionIdOf(run.page);
    const events = await waitForEvents(
      stack.loupe,
      sessionId,
      (evs) => (['error.uncaught', 'error.unhandled_rejection', 'error.custom'].every((t) => evs.some((e) => e.type === t)) && evs.filter((e) => e.type === 'error.resource').length >= 5 ? evs : undefined),
      'the eight error events',
      'category=error',
    );
    const only = (type, filter = () => true) => {
      const found = events.filter((e) => e.type === type && filter(e));
      assert.equal(found.length, 1, `exactly one ${type}`);
      return found[0].data;
    };

    const uncaught = only('error.uncaught');
    assert.equal(uncaught.name, 'Error');
    assert.equal(uncaught.message, 'timer boom');
    assert.equal(uncaught.handled, false);
    assert.match(uncaught.stack, /^Error: timer boom\n/);
    assert.match(uncaught.source, /\/sdk-errors\.js$/);
    assert.ok(uncaught.line > 0 && uncaught.column > 0);
    // Frames parsed from the V8 stack: the throwing function, then the timer callback.
    assert.deepEqual(uncaught.frames.slice(0, 2).map((f) => f.function), ['explode', 'throwInTimer']);
    for (const f of uncaught.frames.slice(0, 2)) {
      assert.match(f.url, /\/sdk-errors\.js$/);
      assert.ok(Number.isInteger(f.line) && f.line > 0 && Number.isInteger(f.column) && f.column > 0, JSON.stringify(f));
    }
    assert.equal(uncaught.frames[0].line, uncaught.line, 'the first frame is where the error was thrown');
    // The error that caused it, with its own frames.
    assert.equal(uncaught.cause.name, 'TypeError');
    assert.match(uncaught.cause.message, /reading 'total'/);
    assert.deepEqual(uncaught.cause.frames.slice(0, 2).map((f) => f.function), ['readTotal', 'explode']);

    // Reported by the app through the API: handled, with its frames and context.
    const reported = only('error.custom');
    assert.equal(reported.name, 'TypeError');
    assert.equal(reported.handled, true);
    assert.deepEqual(reported.context, { step: 'checkout' });
    assert.equal(reported.frames[0].function, 'readTotal');

    const rejection = only('error.unhandled_rejection');
    assert.equal(rejection.message, '{"code":42,"reason":"plain object"}');
    assert.equal(rejection.handled, false);
    assert.equal(rejection.name, undefined);

    const script = only('error.resource', (e) => e.data.target?.tag === 'script');
    assert.equal(script.target.url, `${stack.site.url}/missing-script.js`);
    assert.equal(script.target.selector, '#broken-script');
    assert.equal(script.message, `Failed to load <script> ${stack.site.url}/missing-script.js`);
    const image = only('error.resource', (e) => e.data.target?.selector === '#broken-img');
    assert.equal(image.target.url, `${stack.site.url}/missing-image.png`);
    // Inside a shadow root (the event does not leave it), with a selector through it.
    const inShadow = only('error.resource', (e) => e.data.target?.url === `${stack.site.url}/missing-in-shadow.png`);
    assert.equal(inShadow.target.tag, 'img');
    assert.match(inShadow.target.selector, /^#card >>> /);
    // Slotted into that root: its event passes the root's listener and the window's, and is recorded once.
    const slotted = only('error.resource', (e) => e.data.target?.url === `${stack.site.url}/missing-slotted.png`);
    assert.equal(slotted.target.selector, '#slotted');
    // An SVG <image>'s URL, read from its SVGAnimatedString href.
    const svgImage = only('error.resource', (e) => e.data.target?.tag === 'image');
    assert.equal(svgImage.target.url, '/missing-image.svg');
    assert.equal(svgImage.target.selector, '#broken-svg-image');

    for (const e of events) assert.equal(e.source.kind, 'page');
    assertNoDuplicates(events);
  } finally {
    await run.close();
  }
});
