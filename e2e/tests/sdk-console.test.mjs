// Console capture in real Chromium: hostile arguments at every level arrive in Loupe in their
// documented serialised forms (docs/events.md, console), and the page's console behaves as before.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { assertNoDuplicates, assertSameBehaviour, sessionIdOf, startStack, waitForEvents } from '../harness/sdk-page.mjs';

const pageScript = readFileSync(new URL('../pages/sdk-console.js', import.meta.url), 'utf8');
let stack;
before(async () => (stack = await startStack()));
after(async () => stack?.stop());

test('console calls with hostile arguments arrive serialised, and the page is unaffected', async () => {
  const run = await assertSameBehaviour(stack.browser, `${stack.site.url}/sdk-console.html`);
  try {
    const { page, consoleMessages, pageErrors } = run;
    assert.deepEqual(run.verdict.observed.getterCalls, 0);
    assert.deepEqual(pageErrors, []);
    // The original console methods were still called, each at its own level.
    for (const [type, prefix] of [['log', 'c1'], ['info', 'c2'], ['warning', 'c3'], ['error', 'c4'], ['debug', 'c5'], ['log', 'c6'], ['log', 'c7']]) {
      assert.ok(consoleMessages.some((m) => m.type === type && m.text.startsWith(prefix)), `the browser console got ${prefix} as ${type}`);
    }

    const sessionId = await sessionIdOf(page);
    const events = await waitForEvents(
      stack.loupe,
      sessionId,
      (evs) => (['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7'].every((p) => evs.some((e) => e.data.message?.startsWith(p + ' '))) ? evs : undefined),
      'the seven console events',
      'category=console',
    );
    const byPrefix = (prefix) => {
      const found = events.filter((e) => e.data.message.startsWith(prefix + ' '));
      assert.equal(found.length, 1, `exactly one ${prefix} event`);
      return found[0];
    };
    for (const e of events) {
      assert.equal(e.source.kind, 'page');
      assert.match(e.source.name, /^loupe-sdk\//);
      assert.equal(e.session_id, sessionId);
      assert.equal(e.url, `${stack.site.url}/sdk-console.html`);
    }

    const cycle = byPrefix('c1');
    assert.equal(cycle.type, 'console.log');
    assert.deepEqual(cycle.data.args, ['c1 cycle', { name: 'cyclic', self: '[Circular]' }]);
    assert.equal(cycle.data.message, 'c1 cycle {"name":"cyclic","self":"[Circular]"}');
    // The call site is the page's own statement, not the SDK's wrapper: the line that calls it.
    const lineOf = (code) => pageScript.split('\n').findIndex((l) => l.includes(code)) + 1;
    assert.match(cycle.data.location.url, /\/sdk-console\.js$/);
    assert.equal(cycle.data.location.line, lineOf('console[level](...args)'));
    assert.ok(cycle.data.location.column > 0);

    const node = byPrefix('c2');
    assert.equal(node.type, 'console.info');
    assert.deepEqual(node.data.args, ['c2 node', '<button#buy.primary.big>']);

    const error = byPrefix('c3');
    assert.equal(error.type, 'console.warn');
    assert.equal(error.data.args[1].name, 'TypeError');
    assert.equal(error.data.args[1].message, 'bad input');
    assert.match(error.data.args[1].stack, /^TypeError: bad input\n\s+at .*sdk-console\.js/);
    assert.match(error.data.stack, /^TypeError: bad input/);
    assert.match(error.data.message, /^c3 error TypeError: bad input/);

    const collections = byPrefix('c4');
    assert.equal(collections.type, 'console.error');
    assert.deepEqual(collections.data.args, ['c4 map set', { 'Map(2)': { k: 1, '{"x":1}': 2 } }, { 'Set(2)': [1, 'two'] }]);

    const scalars = byPrefix('c5');
    assert.equal(scalars.type, 'console.debug');
    assert.deepEqual(scalars.data.args, ['c5 typed bigint symbol', { 'Uint8Array(3)': [1, 2, 3] }, '123n', 'Symbol(tag)']);

    const functions = byPrefix('c6');
    assert.equal(functions.type, 'console.log');
    assert.deepEqual(functions.data.args, ['c6 function getter', '[Function: namedFunction]', { ok: 1, boom: '[Getter]' }]);

    assert.deepEqual(byPrefix('c7').data.args, ['c7 detached']);
    assert.equal(byPrefix('c7').data.location.line, lineOf("detached('c7 detached')"));
    assertNoDuplicates(events);
  } finally {
    await run.close();
  }
});
