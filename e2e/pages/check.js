// The page's own assertions, shared by the SDK test pages. A page checks that its own code still
// behaves (responses read, exceptions as expected, handlers called) and records what it observed
// of its own APIs; the test reads window.__page once `done`, and compares `observed` between a run
// with the SDK and one without. An external script (not inline) so that it runs under strict CSP.
window.__page = { done: false, failures: [], observed: {} };

/** Records a failure of the page's own expectation `name` unless `ok`. */
function check(name, ok, detail) {
  if (!ok) window.__page.failures.push(name + (detail === undefined ? '' : ': ' + JSON.stringify(detail)));
}

/** Records what the page saw (compared with the run without the SDK). */
function observe(name, value) {
  window.__page.observed[name] = value;
}

/** Runs the page's steps; anything they throw is a failure; `done` is set either way. */
async function runPage(steps) {
  try {
    await steps();
  } catch (e) {
    window.__page.failures.push('the page threw: ' + (e && e.stack ? e.stack : e));
  } finally {
    window.__page.done = true;
  }
}

/** Resolves with the first `type` event on `target`. */
function once(target, type) {
  return new Promise((resolve) => target.addEventListener(type, resolve, { once: true }));
}
